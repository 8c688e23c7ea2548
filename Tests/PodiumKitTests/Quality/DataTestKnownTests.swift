import Foundation
import Testing
@testable import PodiumKit
import PodiumTestSupport

/// Tests that the build answers from what it knows (row counts, the profiles staging counted)
/// must give exactly the results SQL gives: the same pass or failure, count, detail, SQL and
/// sample. A test the counts cannot settle, or that fails, still runs in SQL.
@Suite struct DataTestKnownTests {
    private let source = SourceSpec(
        name: "people", path: "data/People.csv",
        columns: [
            ColumnSpec(header: "Id", name: "id", type: .integer),
            ColumnSpec(header: "Name", name: "name", type: .text),
            ColumnSpec(header: "NOC", name: "country", type: .text),
            ColumnSpec(header: "Age", name: "age", type: .integer),
            ColumnSpec(header: "Score", name: "score", type: .real),
            ColumnSpec(header: "Day", name: "day", type: .date),
        ])

    /// `count` random rows: ids unique or not, names written two ways (`zoé`, `zoe` + accent),
    /// empty fields, negative zero.
    private func randomCSV(_ count: Int, seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        let names = ["zoé", "zoe\u{301}", "Ana", "ana", "\"Smith, J\"", "b"]
        let countries = ["Japan", "\"Hong Kong, China\"", "Côte d'Ivoire", "France"]
        let repeats = seed % 2 == 0
        var text = "Id,Name,NOC,Age,Score,Day\n"
        for row in 0..<count {
            let id = repeats && row % 17 == 5 ? row - 1 : row
            let name = seed % 3 == 0 && random.next() % 9 == 0 ? "" : names[Int(random.next() % UInt64(names.count))]
            let country = seed % 5 == 0 && row == count / 2 ? "" : countries[Int(random.next() % UInt64(countries.count))]
            let age = random.next() % 11 == 0 ? "" : String(Int(random.next() % 60) + (seed % 7 == 0 ? -10 : 10))
            let score = ["-0", "0", "0.5", "2", "-1.25", "1e3", ""][Int(random.next() % 7)]
            let day = random.next() % 5 == 0 ? "" : "2021-07-\(10 + random.next() % 20)"
            text += "\(id),\(name),\(country),\(age),\(score),\(day)\n"
        }
        return text
    }

    private func tests() -> [DataTest] {
        let at = Diagnostic.Location(file: "podium.yaml", line: 1)
        let kinds: [DataTest.Kind] = [
            .rowCount(min: 10, max: nil), .rowCount(min: nil, max: 3),
            .unique(column: "id"), .unique(column: "name"), .unique(column: "day"),
            .notNull(column: "id"), .notNull(column: "name"), .notNull(column: "country"), .notNull(column: "age"),
            .range(column: "age", min: 0, max: nil), .range(column: "age", min: nil, max: 60),
            .range(column: "score", min: -2, max: 1000), .range(column: "score", min: 0, max: nil),
            .range(column: "name", min: 0, max: nil),
            .acceptedValues(column: "country", values: ["Japan", "Hong Kong, China", "Côte d'Ivoire", "France"]),
            .acceptedValues(column: "country", values: ["Japan", "France"]),
            .acceptedValues(column: "name", values: ["zoé", "Ana", "ana", "Smith, J", "b"]),
            .acceptedValues(column: "name", values: ["zoé", "zoe\u{301}", "Ana", "ana", "Smith, J", "b"]),
            .acceptedValues(column: "age", values: ["10"]),
        ]
        return kinds.map { DataTest(table: "src_people", kind: $0, location: at) }
    }

    @Test(arguments: [0, 1, 2, 3, 5, 7, 10, 14] as [UInt64])
    func knownResultsAreTheResultsOfSQL(seed: UInt64) throws {
        let root = try makeTemporaryProject(["data/People.csv": randomCSV(40 + Int(seed) * 13, seed: seed)])
        defer { try? FileManager.default.removeItem(at: root) }
        let database = try SQLiteDatabase.inMemory()
        let tables = try Staging(projectRoot: root, sources: [source]).load(into: database)
        let plain = DataTestRunner(tests: tests(), sources: [source])
        var knowing = plain
        knowing.known = DataTestRunner.known(WarehouseSummary(tables: tables, models: []))
        let expected = try plain.run(on: database)
        let answered = try knowing.run(on: database)
        #expect(answered.count == expected.count)
        for (known, sql) in zip(answered, expected) {
            #expect(known == sql, "\(sql.test.name): \(sql.detail)")
        }
        // The row counts, and more column tests, are answered without a query.
        let steps = try knowing.plan(on: database).steps
        let known = steps.count { if case .known = $0 { true } else { false } }
        #expect(known >= 2)
    }

    @Test func aModelsRowCountComesFromTheSummary() throws {
        let database = try SQLiteDatabase.inMemory()
        try database.execute("CREATE TABLE fact_entry (id INTEGER); INSERT INTO fact_entry VALUES (1), (2), (3);")
        let test = DataTest(table: "fact_entry", kind: .rowCount(min: 4, max: nil), location: .init(file: "podium.yaml", line: 3))
        var runner = DataTestRunner(tests: [test], sources: [])
        let expected = try runner.run(on: database)
        runner.known = DataTestRunner.known(WarehouseSummary(
            tables: [], models: [.init(name: "fact_entry", path: "models/fact_entry.sql", dependencies: [], rowCount: 3)]))
        #expect(try runner.run(on: database) == expected)
        #expect(expected.first?.detail == "3 rows, expected of at least 4")
    }
}
