import Foundation
import Testing
@testable import PodiumKit

/// Parsing `tests:` and running each kind of data test on a small warehouse.
@Suite struct DataTestTests {
    static let header = """
        title: T
        sources:
          medals:
            path: data/medals.csv
            columns:
              Team: {as: country, type: text, accepted_values: [A, B, C]}

        """

    private func parse(_ tests: String) throws -> ProjectFile {
        try ProjectFile.parse(Self.header + tests)
    }

    /// A warehouse with a staging table (with `_line`) and a model.
    private func database() throws -> SQLiteDatabase {
        let database = try SQLiteDatabase.inMemory()
        try database.execute("""
            CREATE TABLE src_medals (_line INTEGER, country TEXT, gold INTEGER);
            INSERT INTO src_medals VALUES (2, 'A', 3), (3, 'B', 1), (4, 'A', NULL), (5, 'Z', 'n/a');
            CREATE TABLE dim_country (country_id INTEGER, country TEXT);
            INSERT INTO dim_country VALUES (1, 'A'), (2, 'B');
            """)
        return database
    }

    private func run(_ tests: String) throws -> [DataTestResult] {
        let project = try parse(tests)
        return try DataTestRunner(tests: project.tests, sources: project.sources).run(on: database())
    }

    @Test func parsesEveryKindWithItsLine() throws {
        let project = try parse("""
            tests:
              src_medals:
                country: [unique, not_null, {references: dim_country.country}]
                gold: [{range: {min: 0, max: 10}}, {accepted_values: [1, 3]}]
                row_count: {min: 1, max: 9}
              checks:
                - name: no Z
                  sql: select * from src_medals where country = 'Z'

            """)
        #expect(project.tests.map(\.name) == [
            "accepted_values(src_medals.country)", "unique(src_medals.country)", "not_null(src_medals.country)",
            "references(src_medals.country → dim_country.country)", "range(src_medals.gold)",
            "accepted_values(src_medals.gold)", "row_count(src_medals)", "no Z",
        ])
        try #require(project.tests.count >= 8, "\(project.tests)")
        #expect(project.tests[0].location.line == 6)
        #expect(project.tests[1].location.line == 9)
        #expect(project.tests[4].kind == .range(column: "gold", min: 0, max: 10))
        #expect(project.tests[6].kind == .rowCount(min: 1, max: 9))
        #expect(project.tests[7].location.line == 13)
    }

    @Test func reportsEveryMistakeInTheTestsSection() throws {
        let lines = headlines {
            _ = try parse("""
                tests:
                  src_medals:
                    country: [uniqe, {range: {min: 5, max: 1}}, {references: nodot}]
                    row_count: {minimum: 1}
                  checks:
                    - name: a
                    - sql: select 1

                """)
        }
        #expect(lines.contains { $0.hasPrefix("podium.yaml:9:15: error: unknown column test 'uniqe'") })
        #expect(lines.contains { $0.contains("'range' has min 5 above max 1") })
        #expect(lines.contains { $0.contains("references 'nodot' must name `table.column`") })
        #expect(lines.contains { $0.contains("unknown key 'minimum' in 'row_count'") })
        #expect(lines.contains { $0.contains("a check has no 'sql'") })
        #expect(lines.contains { $0.contains("a check has no 'name'") })
        let hints = diagnostics { _ = try parse("tests:\n  t:\n    c: [not_nul]\n") }
        #expect(hints.first?.contains("did you mean 'not_null'?") == true)
    }

    @Test func unknownKeysAreStillErrors() throws {
        #expect(headlines { _ = try ProjectFile.parse("title: T\ntets: {}\nsources: {}\n") }
            .contains { $0.contains("unknown key 'tets'") })
    }

    @Test func columnTestsCountFailingRowsAndKeepTheFirst() throws {
        let results = try run("""
            tests:
              src_medals:
                country: [unique, not_null, {references: dim_country.country}]
                gold: [not_null, {range: {min: 0, max: 2}}]
              dim_country:
                country_id: [unique]

            """)
        let byName = Dictionary(uniqueKeysWithValues: results.map { ($0.test.name, $0) })
        let accepted = try #require(byName["accepted_values(src_medals.country)"])
        #expect(!accepted.passed && accepted.failingRows == 1 && accepted.sample.rows.first?.first == .integer(5))
        let unique = try #require(byName["unique(src_medals.country)"])
        #expect(!unique.passed && unique.failingRows == 1)
        #expect(unique.sample.rows == [[.integer(4), .text("A"), .null]])  // the later of the two A rows
        #expect(byName["not_null(src_medals.country)"]?.passed == true)
        #expect(byName["references(src_medals.country → dim_country.country)"]?.failingRows == 1)
        #expect(byName["not_null(src_medals.gold)"]?.failingRows == 1)
        let range = try #require(byName["range(src_medals.gold)"])
        #expect(range.failingRows == 2)  // 3 is above 2, and 'n/a' is not a number
        #expect(range.sample.rows.map { $0[0] } == [.integer(2), .integer(5)])
        #expect(byName["unique(dim_country.country_id)"]?.passed == true)
    }

    /// Many failing rows: every test counts them all but keeps only the first five, in table order.
    @Test func manyFailingRowsAreCountedAndSampled() throws {
        let database = try database()
        try database.execute("""
            CREATE TABLE many (id INTEGER, label TEXT);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
            INSERT INTO many SELECT i, CASE WHEN i % 4 = 0 THEN NULL ELSE 'x' || (i % 3) END FROM n;
            """)
        let project = try parse("""
            tests:
              many:
                label: [unique, not_null, {references: dim_country.country}]
                id: [unique]
              checks:
                - name: the rows without a label
                  sql: select id from many where label is null

            """)
        let results = try DataTestRunner(tests: project.tests, sources: project.sources).run(on: database)
        let byName = Dictionary(uniqueKeysWithValues: results.map { ($0.test.name, $0) })
        let unique = try #require(byName["unique(many.label)"])
        #expect(unique.failingRows == 30 - 3)  // 30 labels, 3 distinct
        #expect(unique.sample.rows.map { $0[0] } == [.integer(5), .integer(6), .integer(7), .integer(9), .integer(10)])
        let notNull = try #require(byName["not_null(many.label)"])
        #expect(notNull.failingRows == 10 && notNull.sample.rows.map { $0[0] } == [4, 8, 12, 16, 20].map { .integer($0) })
        #expect(byName["references(many.label → dim_country.country)"]?.failingRows == 30)
        let passing = try #require(byName["unique(many.id)"])
        #expect(passing.passed && passing.failingRows == 0)
        #expect(passing.sample == QueryResult(columns: ["id", "label"], rows: []))  // the columns, as a query gives them
        let check = try #require(byName["the rows without a label"])
        #expect(check.failingRows == 10 && check.detail == "returned 10 rows")
        #expect(check.sample == QueryResult(columns: ["id"], rows: [4, 8, 12, 16, 20].map { [.integer($0)] }))
    }

    /// A column whose values only increase passes without a sort; a repeat anywhere, even at the
    /// end or after the values stop increasing, is still found.
    @Test func uniqueOnIncreasingAndNearlyIncreasingColumns() throws {
        let database = try database()
        try database.execute("""
            CREATE TABLE k (up INTEGER, last_repeats INTEGER, words TEXT, mixed);
            INSERT INTO k VALUES (1, 1, 'a', 1), (2, 2, NULL, '1'), (NULL, 3, 'b', 2), (7, 3, '\u{E9}', 2.5);
            """)
        #expect(try DataTestRunner.increases("up", table: "k", on: database))
        #expect(try DataTestRunner.increases("words", table: "k", on: database))  // 'é' sorts after 'b' by its bytes
        #expect(try !DataTestRunner.increases("last_repeats", table: "k", on: database))
        #expect(try !DataTestRunner.increases("mixed", table: "k", on: database))  // kinds differ: left to SQL
        let project = try parse("""
            tests:
              k:
                up: [unique]
                last_repeats: [unique]
                words: [unique]
                mixed: [unique]

            """)
        let results = try DataTestRunner(tests: project.tests, sources: project.sources).run(on: database)
            .filter { $0.test.table == "k" }
        try #require(results.map(\.failingRows) == [0, 1, 0, 0])
        #expect(results[1].sample.rows == [[.integer(7), .integer(3), .text("\u{E9}"), .real(2.5)]])
    }

    @Test func stagingFailuresNameTheSourceLineAndValue() throws {
        let results = try run("tests:\n  src_medals:\n    country: [unique]\n")
        try #require(results.count == 2, "\(results)")
        let diagnostic = try #require(results[1].diagnostic(severity: .warning))
        let text = diagnostic.description
        #expect(text.hasPrefix("podium.yaml:9:15: warning: data test unique(src_medals.country) failed: 1 row repeats a value seen in an earlier row"))
        #expect(text.contains("note: data/medals.csv:4: value \"A\" in row: country=A, gold=NULL"))
        #expect(text.contains("--strict"))
        let error = try #require(results[0].diagnostic(severity: .error))
        #expect(error.severity == .error)
        #expect(error.description.contains("data/medals.csv:5: value \"Z\""))
        #expect(results.allSatisfy { $0.passed || $0.diagnostic(severity: .warning) != nil })
    }

    /// "1 row has", "2 rows have": the detail agrees with the count.
    @Test func failureDetailsAgreeWithTheirCount() throws {
        let results = try run("""
            tests:
              src_medals:
                gold: [not_null, {range: {min: 0}}]
                country: [{accepted_values: [A]}, {references: dim_country.country}]

            """)
        #expect(results.map(\.detail) == [
            "1 row has a value that is not accepted",  // accepted_values of the source column: A, B, C
            "1 row has no value",
            "1 row is not a number of at least 0",
            "2 rows have a value that is not accepted",
            "1 row has a value missing from dim_country.country",
        ])
    }

    /// The failing rows of a model (no source line) are shown with their column names.
    @Test func failingRowsOfAModelNameTheirColumns() throws {
        let results = try run("tests:\n  dim_country:\n    country: [{accepted_values: [A]}]\n")
        let diagnostic = try #require(results.first { $0.test.table == "dim_country" }?.diagnostic(severity: .warning))
        #expect(diagnostic.notes.map(\.message) == ["failing row: country_id=2, country=B"])
    }

    @Test func rowCountAndChecks() throws {
        let results = try run("""
            tests:
              dim_country:
                row_count: {min: 3}
              src_medals:
                row_count: {min: 1, max: 4}
              checks:
                - name: true check
                  sql: select count(*) = 4 from src_medals
                - name: false check
                  sql: select count(*) = 5 from src_medals
                - name: rows that must not exist
                  sql: select country from src_medals where country not in (select country from dim_country)
                - name: empty
                  sql: select 1 where 0

            """).filter { $0.test.kindName != "accepted_values" }
        #expect(results.map(\.passed) == [false, true, true, false, false, true])
        try #require(results.count >= 5, "\(results)")
        #expect(results[0].detail == "2 rows, expected of at least 3")
        #expect(results[3].detail == "returned false")
        #expect(results[4].failingRows == 2 && results[4].sample.rows == [[.text("Z")], [.text("Z")]] || results[4].failingRows == 1)
    }

    @Test func unknownTablesColumnsAndBrokenChecksAreErrors() throws {
        let lines = headlines {
            _ = try run("""
                tests:
                  medals:
                    country: [unique]
                  src_medals:
                    contry: [unique]
                    country: [{references: dim_country.name}]
                  checks:
                    - name: broken
                      sql: select nope from src_medals
                    - name: writes
                      sql: delete from src_medals

                """)
        }
        try #require(lines.count == 5, "\(lines)")
        #expect(lines[0].contains("unknown table 'medals'"))
        #expect(lines[1].contains("unknown column 'contry'"))
        #expect(lines[2].contains("unknown column 'name' of 'dim_country'"))
        #expect(lines[3].contains("query failed: no such column: nope"))
        #expect(lines[4].contains("query failed"))
        let hints = diagnostics { _ = try run("tests:\n  medals:\n    country: [unique]\n") }
        try #require(!hints.isEmpty)
        #expect(hints[0].contains("did you mean 'src_medals'?"))
    }

    @Test func qualityJSONAndPage() throws {
        let results = try run("tests:\n  src_medals:\n    country: [not_null]\n")
        let json = QualityPage.json(results)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["summary"] as? [String: Int]) == ["tests": 2, "passed": 1, "failed": 1])
        let tests = try #require(object["tests"] as? [[String: Any]])
        #expect(tests[0]["status"] as? String == "failed")
        #expect(tests[0]["source"] as? String == "data/medals.csv")
        #expect(tests[0]["declared_at"] as? String == "podium.yaml:6:56")
        let html = QualityPage.body(results)
        #expect(html.contains("1 passed, 1 failed"))
        #expect(html.contains("id=\"test-1\""))
    }
}
