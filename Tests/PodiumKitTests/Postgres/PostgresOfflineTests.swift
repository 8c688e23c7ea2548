import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// The PostgreSQL warehouse's parts that need no server: URLs, engine-specific models, COPY encoding.
@Suite struct PostgresOfflineTests {
    @Test func passwordsAreRedactedWherePrinted() {
        #expect(PostgresLocation.redacted("postgres://ann:hunter2@db:5432/w") == "postgres://ann:***@db:5432/w")
        #expect(PostgresLocation.redacted("postgres://ann@db/w?sslmode=require&password=hunter2&x=1")
            == "postgres://ann@db/w?sslmode=require&password=***&x=1")
        #expect(PostgresLocation.redacted("postgres://ann@db/w") == "postgres://ann@db/w")
        #expect(PostgresLocation.redacted("failed: postgres://a:b@c/d and postgresql://e:f@g/h")
            == "failed: postgres://a:***@c/d and postgresql://e:***@g/h")
    }

    @Test func locationRefusesPasswordsAndBadSchemas() throws {
        let location = try PostgresLocation(url: "postgres://ann@db.example.com:5432/warehouse", schema: "olympics")
        #expect(location.nextSchema == "olympics_next")
        for url in ["postgres://ann:hunter2@db/w", "postgres://ann@db/w?password=hunter2"] {
            #expect(throws: DiagnosticsError.self) { try PostgresLocation(url: url) }
        }
        #expect(throws: DiagnosticsError.self) { try PostgresLocation(url: "postgres://ann@db/w", schema: "Bad-Name") }
        #expect(PostgresLocation.isURL("postgresql://db/w") && !PostgresLocation.isURL(".podium/warehouse.sqlite"))
    }

    @Test func projectFileAcceptsAURLAndASchema() throws {
        let project = try ProjectFile.parse("""
            title: T
            warehouse: postgres://ann@db:5432/w
            warehouse_schema: olympics
            sources:
              a: {path: a.csv}
            """)
        let location = try #require(try project.postgresLocation(override: nil))
        #expect(location.url == "postgres://ann@db:5432/w" && location.schema == "olympics")
        #expect(location.origin == Diagnostic.Location(file: "podium.yaml", line: 2, column: 12))
        let sqlite = try ProjectFile.parse("title: T\nsources:\n  a: {path: a.csv}\n")
        #expect(try sqlite.postgresLocation(override: nil) == nil)
        #expect(try sqlite.postgresLocation(override: "postgres://ann@other/w")?.schema == "podium")
        #expect(throws: DiagnosticsError.self) { try sqlite.postgresLocation(override: "warehouse.sqlite") }
    }

    @Test func modelsForTheOtherEngineAreSkipped() throws {
        let root = try makeTemporaryProject([
            "models/names.sqlite.sql": "-- engine: sqlite\nselect group_concat(country) as names from src_a\n",
            "models/names.postgres.sql": "-- engine: postgres\nselect string_agg(country, ',') as names from src_a\n",
            "models/plain.sql": "-- reads names\nselect * from names\n",
            "models/odd.sql": "-- engine: oracle\nselect 1\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("models")
        #expect(throws: DiagnosticsError.self) {
            try Models.discover(directory: folder, displayDirectory: "models", knownTables: ["src_a"])
        }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("odd.sql"))
        for engine in ["sqlite", "postgres"] {
            let models = try Models.discover(directory: folder, displayDirectory: "models", knownTables: ["src_a"], engine: engine)
            #expect(models.map(\.name) == ["names", "plain"])
            #expect(models[0].path == "models/names.\(engine).sql")
            #expect(models[1].dependencies == ["names"])
        }
    }

    @Test func copyRowsAreEscapedAndCheckedLikeStaging() throws {
        let csv = "name,n,x,d\n\"tab\there\",1,2.5,2021-07-23\n\"back\\\\slash\nline\",,1e999,\nbad,x,1,2021-02-30\n"
        let reader = CSVReader(bytes: Array(csv.utf8), displayPath: "data/a.csv")
        var layout: StagingLayout?
        var encoder: CopyRowEncoder?
        try reader.read { record in
            guard layout != nil else {
                var header = try StagingLayout(header: record, source: SourceSpec(name: "a", path: "data/a.csv"))
                for (index, type) in [ColumnType.text, .integer, .real, .date].enumerated() { header.columns[index].type = type }
                layout = header
                encoder = CopyRowEncoder(layout: header, path: "data/a.csv", maxErrors: 20)
                return
            }
            encoder!.load(record)
        }
        let copy = String(decoding: encoder!.buffer, as: UTF8.self)
        #expect(copy == "2\ttab\\there\t1\t2.5\t2021-07-23\n3\tback\\\\\\\\slash\\nline\t\\N\tInfinity\t\\N\n")
        #expect(encoder!.rowCount == 2)
        // The same diagnostics as SQLite staging gives (StagingError).
        #expect(encoder!.problems.map(\.message) == [
            StagingError.typeMismatch(layout!.columns[1], type: .integer, value: "x", at: .init(file: "data/a.csv")).message,
            StagingError.typeMismatch(layout!.columns[3], type: .date, value: "2021-02-30", at: .init(file: "data/a.csv")).message,
        ])
        #expect(encoder!.problems.map { $0.location?.line } == [5, 5])
    }

    @Test func postgresTextBecomesSQLiteLikeValues() {
        func value(_ text: String, _ kind: PostgresValue.Kind) -> Value {
            var text = text
            return text.withUTF8 { PostgresValue.value($0, kind: kind) }
        }
        #expect(value("42", .integer) == .integer(42))
        #expect(value("t", .boolean) == .integer(1) && value("f", .boolean) == .integer(0))
        #expect(value("1.5", .real) == .real(1.5) && value("-Infinity", .real) == .real(-.infinity))
        #expect(value("113", .numeric) == .integer(113) && value("2.5000000000000000", .numeric) == .real(2.5))
        #expect(value("Japan", .text) == .text("Japan"))
    }

    @Test func dialectsSpellGeneratedSQL() {
        #expect(SQLDialect.sqlite.parameter(2) == "?2" && SQLDialect.postgres.parameter(2) == "$2")
        #expect(SQLDialect.sqlite.rowOrder == "rowid" && SQLDialect.postgres.rowOrder == "ctid")
        #expect(SQLDialect.sqlite.subqueryAlias("_d") == "" && SQLDialect.postgres.subqueryAlias("_d") == " AS _d")
    }
}
