import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// Multi-file sources (`path:` a glob) end to end: a rebuild after adding, changing or removing
/// files gives the same tables and site as a cold build, reading only the files that changed.
@Suite(.serialized) struct FolderSourceBuildTests {
    /// A project reading `data/cases/day=…/part.csv`, with a model and a chart over it.
    final class Project {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("podium-folders-\(UUID().uuidString)")

        init(yaml: String? = nil) throws {
            for folder in ["data/cases", "pages", "models"] {
                try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            try (yaml ?? """
                title: Cases
                sources:
                  cases:
                    path: data/cases/**/part-*.csv
                    key: [country, day]
                    references:
                      country: countries.code
                  countries:
                    path: data/countries.csv
                    key: [code]
                models: models
                """).write(to: root.appendingPathComponent("podium.yaml"), atomically: true, encoding: .utf8)
            try "code,name\nFR,France\nJP,Japan\nUS,United States\n".write(
                to: root.appendingPathComponent("data/countries.csv"), atomically: true, encoding: .utf8)
            try "SELECT country, sum(cases) AS cases, count(DISTINCT _file) AS files FROM src_cases GROUP BY country"
                .write(to: root.appendingPathComponent("models/totals.sql"), atomically: true, encoding: .utf8)
            try """
                ---
                title: Cases
                ---
                # Cases

                ```chart
                id: by-day
                type: line
                title: Cases by day
                sql: SELECT day, sum(cases) AS cases FROM src_cases GROUP BY day ORDER BY day
                x: day
                y: cases
                ```

                ```chart
                id: totals
                type: bar
                title: Totals
                sql: SELECT country, cases FROM totals ORDER BY country
                x: country
                y: cases
                ```
                """.write(to: root.appendingPathComponent("pages/index.md"), atomically: true, encoding: .utf8)
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        /// Writes `data/cases/day=<day>/part-1.csv` with one row per country.
        func writeDay(_ day: String, cases: [String] = ["1", "2", "3"]) throws {
            let folder = root.appendingPathComponent("data/cases/day=\(day)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let rows = zip(["FR", "JP", "US"], cases).map { "\($0),\($1)" }
            try (["country,cases"] + rows).joined(separator: "\n").appending("\n")
                .write(to: folder.appendingPathComponent("part-1.csv"), atomically: true, encoding: .utf8)
        }

        func removeDay(_ day: String) throws {
            try FileManager.default.removeItem(at: root.appendingPathComponent("data/cases/day=\(day)"))
        }

        func build() throws -> BuildReport { try Podium.build(BuildOptions(projectRoot: root)) }

        /// Every row of every table (with SQLite's rowid, so the order counts too) and the types.
        func tables() throws -> [String: [[Value]]] {
            let database = try SQLiteDatabase(path: root.appendingPathComponent(".podium/warehouse.sqlite").path, mode: .readOnly)
            defer { try? database.close() }
            var result: [String: [[Value]]] = [:]
            for table in try database.tableNames() {
                result[table] = try database.query("SELECT rowid, * FROM \"\(table)\" ORDER BY rowid").rows
                result[table + " schema"] = try database.query("SELECT sql FROM sqlite_master WHERE name = '\(table)'").rows
            }
            return result
        }

        /// The same project built from scratch in another folder: its tables and site.
        func coldBuild() throws -> (tables: [String: [[Value]]], site: [String: Data]) {
            let copy = try Project(yaml: try String(contentsOf: root.appendingPathComponent("podium.yaml"), encoding: .utf8))
            try FileManager.default.removeItem(at: copy.root.appendingPathComponent("data"))
            try FileManager.default.copyItem(at: root.appendingPathComponent("data"), to: copy.root.appendingPathComponent("data"))
            _ = try copy.build()
            return (try copy.tables(), try readTree(copy.root.appendingPathComponent("site")))
        }

        /// Expects the tables and site to be those of a cold build.
        func expectSameAsCold(_ step: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let cold = try coldBuild()
            let tables = try self.tables()
            #expect(tables.keys.sorted() == cold.tables.keys.sorted(), "\(step)", sourceLocation: sourceLocation)
            for name in tables.keys.sorted() {
                #expect(tables[name] == cold.tables[name], "\(step): \(name) differs from a cold build", sourceLocation: sourceLocation)
            }
            let site = try readTree(root.appendingPathComponent("site"))
            let differing = Set(site.keys).union(cold.site.keys).filter { site[$0] != cold.site[$0] }.sorted()
            #expect(differing.isEmpty, "\(step): site files differ from a cold build: \(differing)", sourceLocation: sourceLocation)
        }
    }

    static func reason(_ report: BuildReport, _ table: String = "src_cases") -> String? {
        report.explanations.first { $0.kind == .table && $0.name == table }?.reason
    }

    @Test func rebuildsAfterAddingChangingAndRemovingFilesEqualColdBuilds() throws {
        let project = try Project()
        for day in ["2021-01-01", "2021-01-02", "2021-01-03", "2021-01-04"] { try project.writeDay(day) }
        let first = try project.build()
        #expect(Self.reason(first)?.contains("read all 4 files") == true)
        let staged = try project.tables()["src_cases"]!
        #expect(staged.count == 12)
        // `_line`, `_file`, the file's columns, then the partition, inferred as a date.
        #expect(staged[0] == [.integer(1), .integer(2), .text("data/cases/day=2021-01-01/part-1.csv"), .text("FR"), .integer(1),
                              .text("2021-01-01")])
        try project.expectSameAsCold("cold")

        // A new day, last in path order: only it is read.
        try project.writeDay("2021-01-05", cases: ["4", "5", "6"])
        var report = try project.build()
        #expect(Self.reason(report) == "data/cases/day=2021-01-05/part-1.csv added; read data/cases/day=2021-01-05/part-1.csv"
            + " (1 of 5 files; the others' rows kept)")
        #expect(report.explanations.contains { $0.name == "totals" && $0.status == .rebuilt })
        #expect(report.explanations.contains { $0.name == "src_countries" && $0.status == .fresh })
        try project.expectSameAsCold("a file added")

        // A changed file in the middle, and a file added before every other.
        try project.writeDay("2021-01-03", cases: ["7", "8", "9"])
        try project.writeDay("2020-12-31")
        report = try project.build()
        #expect(Self.reason(report)?.contains("(2 of 6 files; the others' rows kept)") == true)
        try project.expectSameAsCold("a file changed, one added first")

        // A removed file: nothing to read.
        try project.removeDay("2021-01-02")
        report = try project.build()
        #expect(Self.reason(report) == "data/cases/day=2021-01-02/part-1.csv removed; read no file (5 files kept)")
        try project.expectSameAsCold("a file removed")

        // A value that makes `cases` real: the type of the whole column changes, so every file is read.
        try project.writeDay("2021-01-06", cases: ["1.5", "2", "3"])
        report = try project.build()
        #expect(Self.reason(report)?.contains("read all 6 files") == true)
        try project.expectSameAsCold("a type widened")
        // ... and removing it narrows the type back, again reading every file.
        try project.removeDay("2021-01-06")
        report = try project.build()
        #expect(Self.reason(report)?.contains("read all 5 files") == true)
        try project.expectSameAsCold("a type narrowed")

        // Nothing changed: the quick check answers.
        report = try project.build()
        #expect(report.timings.first?.stage == "check (quick)")
    }

    /// The no-change check notices a file added to, changed in or removed from the folder.
    @Test func quickCheckNoticesFilesOfAPattern() throws {
        let project = try Project()
        for day in ["2021-01-01", "2021-01-02"] { try project.writeDay(day) }
        _ = try project.build()
        // (A file written in the clock tick of a build is hashed again by the next build.)
        #expect(try project.build().tablesRebuilt == 0)
        #expect(try project.build().timings.first?.stage == "check (quick)")

        try project.writeDay("2021-01-03")
        var report = try project.build()
        #expect(report.timings.first?.stage != "check (quick)")
        #expect(Self.reason(report)?.contains("added") == true)
        #expect(try project.build().tablesRebuilt == 0)
        #expect(try project.build().timings.first?.stage == "check (quick)")

        // Not matched by the pattern (`part-*.csv`): no rebuild.
        try "x\n1\n".write(to: project.root.appendingPathComponent("data/cases/day=2021-01-03/notes.csv"), atomically: true, encoding: .utf8)
        #expect(try project.build().timings.first?.stage == "check (quick)")

        try project.writeDay("2021-01-02", cases: ["9", "9", "9"])
        report = try project.build()
        #expect(Self.reason(report)?.contains("changed") == true)

        try project.removeDay("2021-01-01")
        report = try project.build()
        #expect(Self.reason(report)?.contains("removed") == true)
        #expect(try project.tables()["src_cases"]?.count == 6)
    }

    @Test func filesMustShareTheHeaderAndPartitions() throws {
        let project = try Project()
        for day in ["2021-01-01", "2021-01-02"] { try project.writeDay(day) }
        try "country,cases,deaths\nFR,1,0\n".write(
            to: project.root.appendingPathComponent("data/cases/day=2021-01-02/part-1.csv"), atomically: true, encoding: .utf8)
        var error = try #require(throws: DiagnosticsError.self) { try project.build() }
        #expect(error.diagnostics.map(\.description).joined().contains(
            "data/cases/day=2021-01-02/part-1.csv:1: error: the header of data/cases/day=2021-01-02/part-1.csv differs from the other files of source 'cases': it has 'deaths' in addition"))

        try project.writeDay("2021-01-02")
        try FileManager.default.createDirectory(at: project.root.appendingPathComponent("data/cases/extra"), withIntermediateDirectories: true)
        try "country,cases\nFR,1\n".write(to: project.root.appendingPathComponent("data/cases/extra/part-1.csv"), atomically: true, encoding: .utf8)
        error = try #require(throws: DiagnosticsError.self) { try project.build() }
        #expect(error.diagnostics.first?.message
            == "data/cases/extra/part-1.csv is not in a 'day=…' folder, unlike other files of source 'cases' (such as data/cases/day=2021-01-01/part-1.csv)")
        #expect(error.diagnostics.first?.location?.file == "data/cases/extra/part-1.csv")
    }

    @Test func diagnosticsNameTheFile() throws {
        let project = try Project()
        for day in ["2021-01-01", "2021-01-02"] { try project.writeDay(day) }
        try "country,cases\nFR,1\nJP,2\nXX,3\nFR,4\n".write(
            to: project.root.appendingPathComponent("data/cases/day=2021-01-02/part-1.csv"), atomically: true, encoding: .utf8)
        let error = try #require(throws: DiagnosticsError.self) { try project.build() }
        let text = error.diagnostics.map(\.description)
        #expect(text.contains { $0.hasPrefix("data/cases/day=2021-01-02/part-1.csv:5: error: duplicate key (country, day) = (\"FR\", \"2021-01-02\")") },
                "\(text)")
        #expect(text.contains { $0.hasPrefix("data/cases/day=2021-01-02/part-1.csv:4: error: \"XX\" in column 'country' is not a 'code'") },
                "\(text)")
    }

    /// A file appended to the table that breaks the key fails as a cold build does, and the
    /// build after its fix is again a cold build's.
    @Test func anAppendedFileThatBreaksTheKeyIsReportedAsByAColdBuild() throws {
        let project = try Project()
        for day in ["2021-01-01", "2021-01-02"] { try project.writeDay(day) }
        _ = try project.build()
        let folder = project.root.appendingPathComponent("data/cases/day=2021-01-03")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "country,cases\nFR,1\nFR,2\nXX,3\n".write(to: folder.appendingPathComponent("part-1.csv"), atomically: true, encoding: .utf8)
        let error = try #require(throws: DiagnosticsError.self) { try project.build() }
        let cold = try Project()
        try FileManager.default.removeItem(at: cold.root.appendingPathComponent("data"))
        try FileManager.default.copyItem(at: project.root.appendingPathComponent("data"), to: cold.root.appendingPathComponent("data"))
        let coldError = try #require(throws: DiagnosticsError.self) { try cold.build() }
        #expect(error.diagnostics.map(\.description) == coldError.diagnostics.map(\.description))
        #expect(error.diagnostics.first?.description.hasPrefix("data/cases/day=2021-01-03/part-1.csv:3: error: duplicate key") == true)

        try project.writeDay("2021-01-03")
        _ = try project.build()
        try project.expectSameAsCold("after the fix")
    }

    @Test func aDeclaredPartitionTypeIsChecked() throws {
        let project = try Project(yaml: """
            title: Cases
            sources:
              cases:
                path: data/cases/*/part-*.csv
                columns:
                  day: {type: integer, as: day_number}
                  cases: {type: integer}
            """)
        try project.writeDay("2021-01-01")
        try project.writeDay("2021-01-02", cases: ["1", "x", "3"])
        let error = try #require(throws: DiagnosticsError.self) { try project.build() }
        let text = error.diagnostics.map(\.description)
        #expect(text.contains { $0.hasPrefix("data/cases/day=2021-01-01/part-1.csv: error: folder 'day=2021-01-01': column 'day' expects an integer") },
                "\(text)")
        #expect(text.count == 2, "one error per file, not per row: \(text)")
    }

    /// Past 20 errors, one summary for the whole source.
    @Test func manyBadValuesAcrossFilesAreSummarizedOnce() throws {
        let project = try Project(yaml: """
            title: Cases
            sources:
              cases:
                path: data/cases/*/part-*.csv
                columns:
                  cases: {type: integer}
            """)
        for day in 1...9 { try project.writeDay("2021-01-0\(day)", cases: ["x", "y", "z"]) }
        let error = try #require(throws: DiagnosticsError.self) { try project.build() }
        #expect(error.diagnostics.count == 21)
        #expect(error.diagnostics.first?.location == .init(file: "data/cases/day=2021-01-01/part-1.csv", line: 2, column: 4))
        #expect(error.diagnostics.last?.message == "and 7 more errors in these files")
        #expect(error.diagnostics.last?.location == .init(file: "data/cases/*/part-*.csv"))
    }

    @Test func aPatternMatchingNothingIsAnError() throws {
        let project = try Project()
        let error = try #require(throws: DiagnosticsError.self) { try project.build() }
        #expect(error.diagnostics.first?.message == "source 'cases': no file matches 'data/cases/**/part-*.csv'")
        #expect(error.diagnostics.first?.location?.file == "podium.yaml")
    }

    /// Workbooks in a folder are read like CSV files, each by its own extension.
    @Test func workbooksInAFolder() throws {
        let project = try Project(yaml: """
            title: Types
            sources:
              types:
                path: data/books/*.xlsx
            """)
        let fixture = repositoryRoot.appendingPathComponent("Tests/PodiumKitTests/Fixtures/XLSX/types.xlsx")
        try FileManager.default.createDirectory(at: project.root.appendingPathComponent("data/books"), withIntermediateDirectories: true)
        for name in ["b.xlsx", "a.xlsx"] {
            try FileManager.default.copyItem(at: fixture, to: project.root.appendingPathComponent("data/books/\(name)"))
        }
        try "---\ntitle: Types\n---\n# Types\n".write(to: project.root.appendingPathComponent("pages/index.md"), atomically: true, encoding: .utf8)
        _ = try project.build()
        let rows = try #require(try project.tables()["src_types"])
        #expect(rows.count == 2)
        #expect(rows.map { $0[2] } == [.text("data/books/a.xlsx"), .text("data/books/b.xlsx")])
    }
}
