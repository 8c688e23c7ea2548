import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// `null_values:` and `severity: warn` load into PostgreSQL as into SQLite: the same NULLs, the
/// same types, the same warnings.
@Suite(postgresAvailable, .serialized) struct PostgresSourceOptionsTests {
    private static let files: [String: String] = [
        "podium.yaml": """
            title: Options
            warehouse_schema: podium_options
            sources:
              results:
                path: data/results.csv
                null_values: [NA, "-"]
                columns:
                  Code: {type: text, null_values: []}
                references:
                  code: {to: codes.code, severity: warn}
              codes:
                path: data/codes.csv
            pages: pages/
            output: site/
            """,
        "data/results.csv": "Code,Height,Medal\nNA,1.8,Gold\nJPN,NA,-\nSGP,1.7,NA\nSGP,-,Bronze\n",
        "data/codes.csv": "Code\nNA\nJPN\n",
        "pages/index.md": """
            ---
            title: Options
            ---
            # Options

            ```chart
            id: heights
            type: table
            title: Heights
            sql: select code, height, medal from src_results order by _line
            ```
            """,
    ]

    @Test func nullValuesAndWarnedReferencesMatchSQLite() throws {
        defer { dropSchemas("podium_options") }
        let onSQLite = try makeTemporaryProject(Self.files)
        let onPostgres = try makeTemporaryProject(Self.files)
        defer {
            try? FileManager.default.removeItem(at: onSQLite)
            try? FileManager.default.removeItem(at: onPostgres)
        }
        let sqlite = try Podium.build(BuildOptions(projectRoot: onSQLite))
        let postgres = try Podium.build(BuildOptions(projectRoot: onPostgres, warehouse: postgresURL))
        let csv = try read("site/data/heights.csv", in: onSQLite)
        #expect(csv == "code,height,medal\nNA,1.8,Gold\nJPN,,\nSGP,1.7,\nSGP,,Bronze\n")
        #expect(try read("site/data/heights.csv", in: onPostgres) == csv)
        #expect(sqlite.warnings.map(\.description) == postgres.warnings.map(\.description))
        #expect(sqlite.warnings.map(\.message) == [
            "\"SGP\" in column 'code' (2 rows, first at lines 4, 5) is not a 'code' of source 'codes'",
        ])
    }
}
