import Foundation
import Testing
@testable import PodiumKit
import PodiumTestSupport

/// Staging counts each column's values as it inserts them (`ColumnTally`); the profile made
/// from those counts must be the one the catalog's sorted SQL pass (`ColumnProfiler`) gives,
/// and a reference proved from them must be one SQL would find intact.
@Suite struct ColumnTallyTests {
    private let source = SourceSpec(
        name: "people", path: "data/People.csv",
        columns: [
            ColumnSpec(header: "Name", name: "name", type: .text),
            ColumnSpec(header: "NOC", name: "country", type: .text),
            ColumnSpec(header: "Age", name: "age", type: .integer),
            ColumnSpec(header: "Score", name: "score", type: .real),
            ColumnSpec(header: "Day", name: "day", type: .date),
        ])

    /// A CSV of `count` random rows: repeated values with ties in frequency, accents written two
    /// ways, quoted commas, text of equal length, negative zero, empty fields.
    private func randomCSV(_ count: Int, seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        let names = ["zoé", "zoe\u{301}", "Ana", "ana", "Smith, J", "b", "bb", "ba", "日本", "x'y", "ÅÅ", "AAA"]
        let countries = ["Japan", "\"Hong Kong, China\"", "Côte d'Ivoire", "", "France", "Chad"]
        var text = "Name,NOC,Age,Score,Day\n"
        for _ in 0..<count {
            var name = random.next() % 9 == 0 ? "" : names[Int(random.next() % UInt64(names.count))] + String(random.next() % 7)
            if name.contains(",") { name = "\"\(name)\"" }
            let country = countries[Int(random.next() % UInt64(countries.count))]
            let age = random.next() % 11 == 0 ? "" : String(Int(random.next() % 60) - 10)
            let score = ["-0", "0", "0.5", "2", "-1.25", "1e3", ""][Int(random.next() % 7)]
            let day = random.next() % 5 == 0 ? "" : "2021-07-\(10 + random.next() % 20)"
            text += "\(name),\(country),\(age),\(score),\(day)\n"
        }
        return text
    }

    private func stage(_ text: String, sources: [SourceSpec]? = nil, files: [String: String] = [:]) throws
        -> (SQLiteDatabase, [StagedTable]) {
        let root = try makeTemporaryProject(files.merging(["data/People.csv": text]) { a, _ in a })
        defer { try? FileManager.default.removeItem(at: root) }
        let database = try SQLiteDatabase.inMemory()
        return (database, try Staging(projectRoot: root, sources: sources ?? [source]).load(into: database))
    }

    /// The profile of a staged column from the catalog's sorted SQL pass.
    private func sqlStats(_ column: StagedTable.Column, table: String, in database: SQLiteDatabase) throws -> ColumnStats {
        var profiler = ColumnProfiler()
        try database.query(ColumnProfiler.sql(column: column.name, table: table, type: column.type)) { profiler.add($0); return true }
        profiler.finish()
        return ColumnStats(nulls: profiler.nulls, distinct: profiler.distinct, min: profiler.min, max: profiler.max,
                           top: profiler.top, longest: profiler.longest?.text)
    }

    @Test(arguments: [1, 5, 300, 2000] as [UInt64])
    func countsGiveTheProfileOfTheSortedPass(seed: UInt64) throws {
        let (database, tables) = try stage(randomCSV(100 + Int(seed % 700), seed: seed))
        for column in tables[0].columns {
            let counted = try #require(column.stats, "\(column.name) was counted")
            let expected = try sqlStats(column, table: "src_people", in: database)
            #expect(counted.nulls == expected.nulls, "\(column.name)")
            #expect(counted.distinct == expected.distinct, "\(column.name)")
            #expect(counted.min == expected.min && counted.max == expected.max, "\(column.name)")
            #expect(counted.top == expected.top, "\(column.name)")
            if column.type == .text { #expect(counted.longest == expected.longest, "\(column.name)") }
        }
    }

    @Test func aColumnWithTooManyDistinctValuesIsProfiledInSQL() throws {
        var text = "Name,NOC,Age,Score,Day\n"
        for i in 0...ColumnTally.maxDistinct { text += "N\(i),Japan,\(i % 3),1,\n" }
        let (database, tables) = try stage(text)
        let columns = tables[0].columns
        #expect(columns[0].stats == nil)  // name: one more distinct value than is counted
        #expect(columns[1].stats?.distinct == 1 && columns[2].stats?.distinct == 3)
        #expect(columns[4].stats?.nulls == ColumnTally.maxDistinct + 1)
        let catalog = CatalogBuilder(projectRoot: URL(fileURLWithPath: "/"), sources: [source])
        let profiles = try catalog.profileJobs(summary: WarehouseSummary(tables: tables, models: [])).map { try $0.run(database) }
        // The longest names have as many digits as the largest; the first of them in byte order.
        let longest = "N1" + String(repeating: "0", count: String(ColumnTally.maxDistinct).count - 1)
        #expect(profiles[0].distinct == ColumnTally.maxDistinct + 1 && profiles[0].longest == longest)
    }

    @Test func aReferenceProvedFromTheCountsOrReportedFromSQL() throws {
        var people = source
        people.references = [.init(column: "country", targetSource: "countries", targetColumn: "name")]
        let countries = SourceSpec(name: "countries", path: "data/Countries.csv",
                                   columns: [ColumnSpec(header: "Name", name: "name", type: .text)])
        let good = "Name\nJapan\nFrance\n\"Hong Kong, China\"\n"
        let text = "Name,NOC,Age,Score,Day\nA,Japan,1,1,\nB,,2,2,\nC,\"Hong Kong, China\",3,3,\n"
        _ = try stage(text, sources: [people, countries], files: ["data/Countries.csv": good])
        let error = try #require(throws: DiagnosticsError.self) {
            _ = try stage(text + "D,Chad,4,4,\n", sources: [people, countries], files: ["data/Countries.csv": good])
        }
        #expect(error.diagnostics.map(\.location?.line) == [5])
    }

    @Test func aReferenceBetweenColumnsOfDifferentTypesIsLeftToSQL() throws {
        // Integer ages referencing a text column: the counts cannot compare them, SQL can ('20' = 20).
        var people = source
        people.references = [.init(column: "age", targetSource: "ages", targetColumn: "label")]
        let ages = SourceSpec(name: "ages", path: "data/Ages.csv", columns: [ColumnSpec(header: "Label", name: "label", type: .text)])
        let text = "Name,NOC,Age,Score,Day\nA,Japan,20,1,\nB,Chad,21,2,\n"
        _ = try stage(text, sources: [people, ages], files: ["data/Ages.csv": "Label\n20\n21\n"])
        let error = try #require(throws: DiagnosticsError.self) {
            _ = try stage(text, sources: [people, ages], files: ["data/Ages.csv": "Label\n20\n22\n"])
        }
        #expect(error.diagnostics.map(\.location?.line) == [3])
    }

    /// `containsAll(of:)` compares the values of the other column with this one's, in that
    /// direction, for numbers as for text.
    @Test func containsAllComparesNumbersWithTheOtherColumn() {
        var targetIntegers = ColumnTally(type: .integer), referencingIntegers = ColumnTally(type: .integer)
        for value: Int64 in [1, 2, 2] { targetIntegers.add(integer: value) }
        referencingIntegers.add(integer: 1)
        #expect(targetIntegers.containsAll(of: referencingIntegers) == true)
        #expect(referencingIntegers.containsAll(of: targetIntegers) == false)  // 2 is missing
        referencingIntegers.add(integer: 3)
        #expect(targetIntegers.containsAll(of: referencingIntegers) == false)  // 3 is missing

        var targetReals = ColumnTally(type: .real), referencingReals = ColumnTally(type: .real)
        for value in [0.5, -1.25, 0.0] { targetReals.add(real: value) }
        referencingReals.add(real: -0.0)  // stored as 0
        referencingReals.add(real: 0.5)
        #expect(targetReals.containsAll(of: referencingReals) == true)
        #expect(referencingReals.containsAll(of: targetReals) == false)  // -1.25 is missing
        referencingReals.add(real: 2.5)
        #expect(targetReals.containsAll(of: referencingReals) == false)  // 2.5 is missing
    }

    /// A reference from an integer or a real column to a column of the same type that lacks one
    /// of its values is reported at the row, like a text one.
    @Test(arguments: [("age", "20", "21", "22"), ("score", "1.5", "-2.25", "3.75")])
    func aDanglingNumberReferenceIsReported(column: String, first: String, second: String, missing: String) throws {
        var people = source
        people.references = [.init(column: column, targetSource: "targets", targetColumn: "value")]
        let type: ColumnType = column == "age" ? .integer : .real
        let targets = SourceSpec(name: "targets", path: "data/Targets.csv",
                                 columns: [ColumnSpec(header: "Value", name: "value", type: type)])
        func row(_ name: String, _ value: String) -> String {
            column == "age" ? "\(name),Japan,\(value),1,\n" : "\(name),Japan,1,\(value),\n"
        }
        let text = "Name,NOC,Age,Score,Day\n" + row("A", first) + row("B", second)
        let files = ["data/Targets.csv": "Value\n\(first)\n\(second)\n\(missing)\n"]
        _ = try stage(text, sources: [people, targets], files: files)  // every value found
        let error = try #require(throws: DiagnosticsError.self) {
            _ = try stage(text + row("C", "7"), sources: [people, targets], files: files)
        }
        #expect(error.diagnostics.map(\.location?.line) == [4])
        #expect(error.diagnostics.first?.location?.file == "data/People.csv")
    }

    @Test func charactersAreCountedAsSQLiteCountsThem() throws {
        let database = try SQLiteDatabase.inMemory()
        let statement = try database.prepare("SELECT length(CAST(?1 AS TEXT))")
        // Plain, multi-byte, stray continuation bytes, a lone lead byte, and a NUL inside.
        for bytes: [UInt8] in [[0x61], Array("zoé日本".utf8), [0x61, 0x80, 0x80, 0x62], [0x62, 0xC3], [0x61, 0x00, 0x62]] {
            try bytes.withUnsafeBufferPointer { buffer in
                try statement.bindStaticText(buffer.baseAddress!, count: buffer.count, at: 1)
                #expect(try statement.step())
                #expect(statement.value(at: 0) == .integer(Int64(ColumnTally.characterCount(buffer))), "\(bytes)")
                try statement.reset()
            }
        }
    }
}
