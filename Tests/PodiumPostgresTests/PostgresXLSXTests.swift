import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// Workbook sources load into PostgreSQL as into SQLite: the Tokyo project read from its five
/// workbooks, built on PostgreSQL, gives the chart data of the SQLite build from the CSV files.
@Suite(.serialized, postgresAvailable) struct PostgresXLSXTests {
    static let sources = ["Athletes", "Coaches", "EntriesGender", "Medals", "Teams"]

    /// The five workbooks: the project's `data/tokyo2021/xlsx/`, else the shared copy.
    static let workbooks: URL? = {
        var candidates = [repositoryRoot.appendingPathComponent("data/tokyo2021/xlsx")]
        if let shared = ProcessInfo.processInfo.environment["PODIUM_SHARED_DATA"] {
            candidates.append(URL(fileURLWithPath: shared).appendingPathComponent("tokyo2021/xlsx"))
        }
        candidates.append(repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data/tokyo2021/xlsx"))
        return candidates.first { folder in
            sources.allSatisfy { FileManager.default.fileExists(atPath: folder.appendingPathComponent("\($0).xlsx").path) }
        }
    }()

    @Test(.enabled(if: workbooks != nil, "the Tokyo workbooks are not in data/tokyo2021/xlsx/ or ../shared/data: run scripts/get-data"))
    func tokyoFromWorkbooksOnPostgresMatchesCSVOnSQLite() throws {
        let schema = "test_tokyo_xlsx"
        let onSQLite = try copyTokyoProject(), onPostgres = try tokyoProject(schema: schema)
        defer {
            try? FileManager.default.removeItem(at: onSQLite)
            try? FileManager.default.removeItem(at: onPostgres)
            dropSchemas(schema)
        }
        let folder = onPostgres.appendingPathComponent("data/tokyo2021/xlsx")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.copyItem(at: try #require(Self.workbooks), to: folder)
        var yaml = try read("podium.yaml", in: onPostgres)
        for name in Self.sources {
            yaml = yaml.replacingOccurrences(of: "path: data/tokyo2021/\(name).csv", with: "path: data/tokyo2021/xlsx/\(name).xlsx")
        }
        try write(yaml, to: "podium.yaml", in: onPostgres)

        _ = try Podium.build(BuildOptions(projectRoot: onSQLite))
        let report = try Podium.build(BuildOptions(projectRoot: onPostgres, warehouse: postgresURL))
        #expect(report.warnings.isEmpty, "data tests fail on PostgreSQL: \(report.warnings)")
        let sqlite = try readTree(onSQLite.appendingPathComponent("site/data"))
        let postgres = try readTree(onPostgres.appendingPathComponent("site/data"))
        #expect(Set(sqlite.keys) == Set(postgres.keys))
        for file in sqlite.keys.sorted() where file != "quality.json" {
            #expect(sqlite[file] == postgres[file], "site/data/\(file) differs between CSV on SQLite and XLSX on PostgreSQL")
        }
        let published = try sideConnection(schema: schema)
        #expect(try published.readScalar("SELECT count(*) FROM src_athletes") == .integer(11085))
    }
}
