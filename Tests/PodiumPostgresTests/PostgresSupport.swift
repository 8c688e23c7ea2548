import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// The server the PostgreSQL tests use (`export PODIUM_TEST_POSTGRES_URL=$(scripts/start-postgres)`).
let postgresURL = ProcessInfo.processInfo.environment["PODIUM_TEST_POSTGRES_URL"] ?? ""

/// The tests run only when `PODIUM_TEST_POSTGRES_URL` names a server.
let postgresAvailable = Testing.ConditionTrait.enabled(
    if: !postgresURL.isEmpty, "set PODIUM_TEST_POSTGRES_URL (scripts/start-postgres) to run the PostgreSQL tests")

/// A copy of the Tokyo project publishing into its own schema, so tests do not share tables.
func tokyoProject(schema: String) throws -> URL {
    let project = try copyTokyoProject()
    let yaml = try read("podium.yaml", in: project)
    try write(yaml + "\nwarehouse_schema: \(schema)\n", to: "podium.yaml", in: project)
    return project
}

/// A connection for checking the server from the side, in `schema`.
func sideConnection(schema: String = "public") throws -> PostgresConnection {
    try PostgresConnection(PostgresLocation(url: postgresURL, schema: schema), schema: schema)
}

/// Drops the schemas a test's builds made.
func dropSchemas(_ schema: String) {
    guard let connection = try? sideConnection() else { return }
    for name in [schema, schema + "_next", schema + "_old"] {
        try? connection.execute("DROP SCHEMA IF EXISTS \(SQLText.quote(name)) CASCADE")
    }
}

/// The message of the diagnostics `body` throws ("" if it throws none).
func diagnosticsText(_ body: () throws -> Void) -> String {
    do {
        try body()
        return ""
    } catch let error as DiagnosticsError {
        return error.diagnostics.map { "\($0)" }.joined(separator: "\n")
    } catch {
        return "\(error)"
    }
}
