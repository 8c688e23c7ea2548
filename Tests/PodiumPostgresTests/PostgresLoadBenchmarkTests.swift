import Foundation
import Testing
@testable import PodiumKit

/// Stages the CSV named by `PODIUM_BENCH_CSV` into SQLite (a file, as `WarehouseBuilder` sets it
/// up) and into PostgreSQL (COPY, one transaction, committed), and prints both load rates.
/// Run by `scripts/bench-postgres` (release build, the ×100 Athletes file).
@Suite(postgresAvailable) struct PostgresLoadBenchmarkTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PODIUM_BENCH_CSV"] != nil))
    func loadRates() throws {
        let path = URL(fileURLWithPath: ProcessInfo.processInfo.environment["PODIUM_BENCH_CSV"]!)
        let sources = [SourceSpec(name: "big", path: path.lastPathComponent)]
        let root = path.deletingLastPathComponent()
        let clock = ContinuousClock()
        let seconds = { (d: Duration) in Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("podium-bench-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: file) }
        var sqliteRows = 0
        let sqlite = try clock.measure {
            let database = try SQLiteDatabase(path: file.path)
            try database.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY")
            sqliteRows = try Staging(projectRoot: root, sources: sources).load(into: database)[0].rowCount
            try database.close()
        }

        let location = try PostgresLocation(url: postgresURL, schema: "bench")
        let connection = try PostgresConnection(location, schema: "bench")
        defer { try? connection.execute("DROP SCHEMA IF EXISTS bench CASCADE") }
        try connection.execute("DROP SCHEMA IF EXISTS bench CASCADE")
        var postgresRows = 0
        let postgres = try clock.measure {
            try connection.transaction {
                try connection.execute("CREATE SCHEMA bench")
                postgresRows = try PostgresStaging(projectRoot: root, sources: sources)
                    .load(into: connection, schema: "bench")[0].rowCount
            }
        }
        #expect(try connection.readScalar("SELECT count(*) FROM src_big") == .integer(Int64(postgresRows)))
        #expect(postgresRows == sqliteRows)
        print("load \(postgresRows) rows: SQLite \(String(format: "%.2f", seconds(sqlite))) s, "
            + "\(Int(Double(sqliteRows) / seconds(sqlite))) rows/s; PostgreSQL \(String(format: "%.2f", seconds(postgres))) s, "
            + "\(Int(Double(postgresRows) / seconds(postgres))) rows/s")
    }
}
