import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// A folder of files (`path:` a glob, `key=value` partitions, `_file`) loads into PostgreSQL as
/// into SQLite: the same rows in the same order, the same types, the same diagnostics naming files.
@Suite(postgresAvailable, .serialized) struct PostgresFolderSourceTests {
    private static let files: [String: String] = [
        "podium.yaml": """
            title: Folders
            warehouse_schema: podium_folders
            sources:
              cases:
                path: data/cases/**/part-*.csv
                null_values: [NA]
                columns:
                  day: {type: date}
                key: [country, day]
                references:
                  country: {to: countries.code, severity: warn}
              countries:
                path: data/countries.csv
            pages: pages/
            output: site/
            """,
        "data/countries.csv": "code\nFR\nJP\n",
        "data/cases/day=2021-01-02/part-1.csv": "country,cases\nFR,3\nJP,NA\n",
        "data/cases/day=2021-01-01/part-1.csv": "country,cases\nFR,1\nJP,2\nUS,5\n",
        "data/cases/day=2021-01-10/part-1.csv": "country,cases\nFR,4\n",
        "pages/index.md": """
            ---
            title: Folders
            ---
            # Folders

            ```chart
            id: rows
            type: table
            title: Rows
            sql: select _line, _file, country, cases, day from src_cases order by _file, _line
            ```
            """,
    ]

    @Test func aFolderOfFilesMatchesSQLite() throws {
        defer { dropSchemas("podium_folders") }
        let onSQLite = try makeTemporaryProject(Self.files)
        let onPostgres = try makeTemporaryProject(Self.files)
        defer {
            try? FileManager.default.removeItem(at: onSQLite)
            try? FileManager.default.removeItem(at: onPostgres)
        }
        let sqlite = try Podium.build(BuildOptions(projectRoot: onSQLite))
        let postgres = try Podium.build(BuildOptions(projectRoot: onPostgres, warehouse: postgresURL))
        let csv = try read("site/data/rows.csv", in: onSQLite)
        #expect(csv == """
            _line,_file,country,cases,day
            2,data/cases/day=2021-01-01/part-1.csv,FR,1,2021-01-01
            3,data/cases/day=2021-01-01/part-1.csv,JP,2,2021-01-01
            4,data/cases/day=2021-01-01/part-1.csv,US,5,2021-01-01
            2,data/cases/day=2021-01-02/part-1.csv,FR,3,2021-01-02
            3,data/cases/day=2021-01-02/part-1.csv,JP,,2021-01-02
            2,data/cases/day=2021-01-10/part-1.csv,FR,4,2021-01-10

            """)
        #expect(try read("site/data/rows.csv", in: onPostgres) == csv)
        #expect(sqlite.warnings.map(\.description) == postgres.warnings.map(\.description))
        #expect(sqlite.warnings.map(\.location?.description) == ["data/cases/day=2021-01-01/part-1.csv:4"])

        // The table's physical order is path order then line order, as on SQLite.
        let connection = try sideConnection(schema: "podium_folders")
        defer { connection.close() }
        let ordered = try connection.query("select _file, _line from src_cases order by ctid").rows
        #expect(ordered.map { "\($0[0].text):\($0[1].text)" } == csv.split(separator: "\n").dropFirst().map {
            let fields = $0.split(separator: ",", omittingEmptySubsequences: false)
            return "\(fields[1]):\(fields[0])"
        })

        // A file whose header differs is an error naming it, on PostgreSQL too.
        try "country,deaths\nFR,1\n".write(to: onPostgres.appendingPathComponent("data/cases/day=2021-01-10/part-1.csv"),
                                           atomically: true, encoding: .utf8)
        let text = diagnosticsText { _ = try Podium.build(BuildOptions(projectRoot: onPostgres, warehouse: postgresURL)) }
        #expect(text.contains("data/cases/day=2021-01-10/part-1.csv:1: error: the header of data/cases/day=2021-01-10/part-1.csv differs"))
    }
}
