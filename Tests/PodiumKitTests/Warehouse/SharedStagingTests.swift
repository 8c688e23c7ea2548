import Foundation
import Testing
@testable import PodiumKit

/// The shared warehouse layer: one validator over any engine's row sink, one backend factory.
@Suite struct SharedStagingTests {
    /// A third engine's sink that only records what it was handed.
    private struct RecordingSink: RowSink {
        var rows: [[String]] = []
        var current: [String] = []
        var finished = false
        var tallies: [ColumnTally]? { nil }

        mutating func beginRow(line: Int) { current = ["\(line)"] }
        mutating func appendNull() { current.append("NULL") }
        mutating func append(text bytes: UnsafeBufferPointer<UInt8>) { current.append("t:" + String(decoding: bytes, as: UTF8.self)) }
        mutating func append(integer value: Int64, spelled bytes: UnsafeBufferPointer<UInt8>) { current.append("i:\(value)") }
        mutating func append(real value: Double, spelled bytes: UnsafeBufferPointer<UInt8>) { current.append("r:\(value)") }
        mutating func append(date bytes: UnsafeBufferPointer<UInt8>) { current.append("d:" + String(decoding: bytes, as: UTF8.self)) }
        mutating func discardRow() { current = [] }
        mutating func endRow() { rows.append(current) }
        mutating func finish() { finished = true }
    }

    private let source = SourceSpec(
        name: "a", path: "data/a.csv",
        columns: [
            ColumnSpec(header: "name", name: "name", type: .text, required: true),
            ColumnSpec(header: "n", name: "n", type: .integer),
            ColumnSpec(header: "x", name: "x", type: .real),
            ColumnSpec(header: "d", name: "d", type: .date),
        ])

    /// Runs the validator over `csv` (header first) into `sink`.
    private func validate<Sink: RowSink>(_ csv: String, into sink: Sink, maxErrors: Int = 20) throws -> RowValidator<Sink> {
        let reader = CSVReader(bytes: Array(csv.utf8), displayPath: "data/a.csv")
        let layout = try StagingLayout.read(source, reader: reader)
        var file = RowValidator.File(RowValidator(layout: layout, path: "data/a.csv", maxErrors: maxErrors, sink: sink))
        try reader.read(into: &file)
        try file.validator.finish()
        return file.validator
    }

    @Test func anEngineSinkGetsOnlyValidRowsFieldByField() throws {
        let validated = try validate("name,n,x,d\nann,1,2.5,2021-07-23\n,2,1,\nbob,x,1,\ncid,,,\nragged\n", into: RecordingSink())
        #expect(validated.sink.rows == [["2", "t:ann", "i:1", "r:2.5", "d:2021-07-23"], ["5", "t:cid", "NULL", "NULL", "NULL"]])
        #expect(validated.sink.finished)
        #expect(validated.rowCount == 2)
        #expect(validated.problems.map { $0.location?.line } == [3, 4, 6])
    }

    @Test func everyEngineReportsTheSameProblemsCappedOnce() throws {
        let csv = "name,n,x,d\n" + (1...5).map { "row\($0),x,1,\n" }.joined() + "ok,1,1,\n"
        let recorded = try validate(csv, into: RecordingSink(), maxErrors: 2)
        let copied = try validate(csv, into: CopyRowSink<Never>(send: nil), maxErrors: 2)
        #expect(recorded.problems.map(\.message) == copied.problems.map(\.message))
        #expect(recorded.problems.count == 3)  // two, then "N more"
        #expect(recorded.problems.last == StagingError.more(3, in: "data/a.csv"))
        #expect(recorded.rowCount == 1 && copied.rowCount == 1)
        #expect(String(decoding: copied.sink.buffer, as: UTF8.self) == "7\tok\t1\t1\t\\N\n")
    }

    @Test func theProjectFilePicksTheBackendWithoutConnecting() throws {
        let root = URL(fileURLWithPath: "/nonexistent-project")
        let sqlite = try ProjectFile.parse("title: T\nsources:\n  a: {path: a.csv}\n")
        #expect(try sqlite.warehouseBackend(root: root, override: nil).dialect.engine == "sqlite")
        #expect(try sqlite.warehouseBackend(root: root, override: "postgres://ann@127.0.0.1:1/w").dialect.engine == "postgres")
        let project = try ProjectFile.parse("title: T\nwarehouse: postgres://ann@127.0.0.1:1/w\nsources:\n  a: {path: a.csv}\n")
        let backend = try project.warehouseBackend(root: root, override: nil)
        #expect(backend.dialect.engine == "postgres" && backend.concurrentReaders == nil)
        #expect(backend.matches(backend.stamp()))
    }
}
