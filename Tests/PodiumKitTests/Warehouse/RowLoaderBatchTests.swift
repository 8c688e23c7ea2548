import Foundation
import Testing
@testable import PodiumKit
import PodiumTestSupport

/// Staging inserts rows in multi-row batches: these check that every row arrives, in order and
/// intact, across batch boundaries, with bad rows left out and the tail flushed.
@Suite struct RowLoaderBatchTests {
    private let source = SourceSpec(
        name: "people", path: "data/People.csv",
        columns: [
            ColumnSpec(header: "Name", name: "name", type: .text, required: true),
            ColumnSpec(header: "NOC", name: "country", type: .text),
            ColumnSpec(header: "Age", name: "age", type: .integer),
            ColumnSpec(header: "Score", name: "score", type: .real),
        ])

    /// `count` rows; row `i` (0-based) is on line i + 2.
    private func csv(_ count: Int, bad: Set<Int> = []) -> String {
        var text = "Name,NOC,Age,Score\n"
        for i in 0..<count {
            let country = ["Japan", "\"Hong Kong, China\"", "Côte d'Ivoire", ""][i % 4]
            let age = bad.contains(i) ? "old" : "\(20 + i % 30)"
            text += "NAME\(i) Given,\(country),\(age),\(Double(i) / 4)\n"
        }
        return text
    }

    private func stage(_ text: String) throws -> (SQLiteDatabase, StagedTable) {
        let root = try makeTemporaryProject(["data/People.csv": text])
        defer { try? FileManager.default.removeItem(at: root) }
        let database = try SQLiteDatabase.inMemory()
        let tables = try Staging(projectRoot: root, sources: [source]).load(into: database)
        return (database, tables[0])
    }

    /// Counts around a batch (128 rows here) and around the buffers of 16 batches that go to the
    /// inserting thread (`BatchInserter`): the tail left when the file ends is flushed after it.
    @Test(arguments: [1, 127, 128, 129, 256, 1000, 2047, 2048, 2049, 4096 + 129, 6144])  // a header-only file is an error (StagingTests)
    func everyRowArrivesInOrder(count: Int) throws {
        let (database, table) = try stage(csv(count))
        #expect(table.rowCount == count)
        let rows = try database.query("SELECT _line, name, country, age, score FROM src_people ORDER BY rowid").rows
        #expect(rows.count == count)
        for (i, row) in rows.enumerated() {
            let country: Value = [.text("Japan"), .text("Hong Kong, China"), .text("Côte d'Ivoire"), .null][i % 4]
            #expect(row == [.integer(Int64(i + 2)), .text("NAME\(i) Given"), country,
                            .integer(Int64(20 + i % 30)), .real(Double(i) / 4)])
        }
    }

    @Test func columnCountsMadeOnTheInsertingThreadAreTheTablesCounts() throws {
        let (database, table) = try stage(csv(7000))
        for column in table.columns where column.name != "_line" {
            let stats = try #require(column.stats)
            let name = SQLText.quote(column.name)
            let counts = try database.query("SELECT count(*) - count(\(name)), count(DISTINCT \(name)) FROM src_people").rows[0]
            #expect([Value.integer(Int64(stats.nulls)), .integer(Int64(stats.distinct))] == counts, "\(column.name)")
        }
    }

    @Test func aFileThatBreaksAfterManyRowsStopsTheInsertingThreadCleanly() throws {
        let root = try makeTemporaryProject(["data/People.csv": csv(5000) + "\"never closed,Japan,30,1\n" + csv(10).dropFirst(19)])
        defer { try? FileManager.default.removeItem(at: root) }
        let database = try SQLiteDatabase.inMemory()
        let error = try #require(throws: DiagnosticsError.self) {
            _ = try Staging(projectRoot: root, sources: [source]).load(into: database)
        }
        // The quote opened on line 5002 closes on line 5004, where text follows it.
        #expect(error.diagnostics.map(\.location?.line) == [5004])
        // The connection is free again, nothing left inserting on it: it reads, and writes.
        let rows = try database.query("SELECT count(*) FROM src_people").rows[0][0].number ?? -1
        #expect(rows >= 0 && rows <= 5000)
        try database.execute("CREATE TABLE after_the_failure AS SELECT * FROM src_people")
    }

    @Test func badRowsAreReportedAcrossBatchBoundaries() throws {
        let bad: Set<Int> = [0, 127, 128, 300]
        let root = try makeTemporaryProject(["data/People.csv": csv(400, bad: bad)])
        defer { try? FileManager.default.removeItem(at: root) }
        let error = try #require(throws: DiagnosticsError.self) {
            _ = try Staging(projectRoot: root, sources: [source]).load(into: try SQLiteDatabase.inMemory())
        }
        #expect(error.diagnostics.map(\.location?.line) == bad.sorted().map { $0 + 2 })
    }

    @Test func rowsAfterABadRowKeepTheirOwnValues() throws {
        // A rejected row must not leave text behind in the batch's arena.
        var text = "Name,NOC,Age,Score\n"
        text += "FIRST A,Japan,20,1\n"
        text += "SECOND B,Long country name that is rejected,x,2\n"
        text += "THIRD C,France,22,3\n"
        let database = try SQLiteDatabase.inMemory()
        try database.execute("CREATE TABLE src_people (_line INTEGER, name TEXT, country TEXT, age INTEGER, score REAL)")
        var loader = try RowLoader(
            layout: try layout(text), table: StagedTable(
                name: "src_people", sourceName: "people", path: "data/People.csv",
                columns: source.columns.map { .init(name: $0.name, type: $0.type!, header: $0.header, isDeclared: true) },
                rowCount: 0),
            database: database, path: "data/People.csv", maxErrors: 20)
        var isHeader = true
        try CSVReader(bytes: Array(text.utf8), displayPath: "data/People.csv").read { record in
            if isHeader { isHeader = false } else { try loader.load(record) }
        }
        try loader.finish()
        #expect(loader.rowCount == 2)
        #expect(loader.problems.count == 1)
        let rows = try database.query("SELECT _line, name, country FROM src_people ORDER BY _line").rows
        #expect(rows == [[.integer(2), .text("FIRST A"), .text("Japan")], [.integer(4), .text("THIRD C"), .text("France")]])
    }

    private func layout(_ text: String) throws -> StagingLayout {
        var result: StagingLayout?
        try CSVReader(bytes: Array(text.utf8), displayPath: "data/People.csv").read { record in
            if result == nil { result = try StagingLayout(header: record, source: source) }
        }
        return try #require(result)
    }
}
