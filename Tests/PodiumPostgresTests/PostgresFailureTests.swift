import Synchronization
import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// Failures: a server that cannot be reached, a password in the URL, a server that dies mid-load.
@Suite(.serialized, postgresAvailable) struct PostgresFailureTests {
    @Test func failedConnectionNamesTheHostAndNoPassword() throws {
        setenv("PGPASSWORD", "s3cret-password", 1)
        defer { unsetenv("PGPASSWORD") }
        let project = try tokyoProject(schema: "test_unreachable")
        defer { try? FileManager.default.removeItem(at: project) }
        let options = BuildOptions(projectRoot: project, warehouse: "postgres://analyst@127.0.0.1:1/warehouse")
        let message = diagnosticsText { _ = try Podium.build(options) }
        #expect(message.contains("cannot connect to the PostgreSQL warehouse at host 127.0.0.1, port 1, database warehouse"))
        #expect(message.contains("hint: check that the server is running"))
        #expect(!message.contains("s3cret"))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site").path))

        // The command line says the same on stderr, without the password, and exits 1.
        let cli = try runPodium(["build", "--warehouse", "postgres://analyst@127.0.0.1:1/warehouse"], in: project)
        #expect(cli.status == 1)
        #expect(cli.stderr.contains("host 127.0.0.1, port 1"))
        #expect(!cli.stderr.contains("s3cret") && !cli.stdout.contains("s3cret"))
    }

    @Test func passwordInTheURLIsRefusedWithoutPrintingIt() throws {
        let project = try tokyoProject(schema: "test_password")
        defer { try? FileManager.default.removeItem(at: project) }
        for url in ["postgres://analyst:hunter2@db.example.com:5432/warehouse",
                    "postgres://analyst@db.example.com/warehouse?password=hunter2"] {
            let message = diagnosticsText { _ = try Podium.build(BuildOptions(projectRoot: project, warehouse: url)) }
            #expect(message.contains("holds a password"))
            #expect(message.contains("PGPASSWORD"))
            #expect(!message.contains("hunter2"))
        }
        var yaml = try read("podium.yaml", in: project)
        yaml = yaml.replacingOccurrences(of: "warehouse: .podium/warehouse.sqlite",
                                         with: "warehouse: postgres://analyst:hunter2@db.example.com/warehouse")
        try write(yaml, to: "podium.yaml", in: project)
        let message = diagnosticsText { _ = try Podium.build(BuildOptions(projectRoot: project)) }
        #expect(message.hasPrefix("podium.yaml:5:12: error: the warehouse URL postgres://analyst:***@db.example.com/warehouse holds a password"))
    }

    /// A second connection terminates the build's server process while it waits, mid-load, on a
    /// table the test holds locked: the build fails, and the published tables, the site and the
    /// cache are as the previous build left them.
    @Test func serverDyingMidLoadLeavesThePublishedTablesIntact() throws {
        let schema = "test_dies"
        let project = try tokyoProject(schema: schema)
        defer {
            try? FileManager.default.removeItem(at: project)
            dropSchemas(schema)
        }
        let options = BuildOptions(projectRoot: project, warehouse: postgresURL)
        _ = try Podium.build(options)
        let siteBefore = try readTree(project.appendingPathComponent("site"))
        let published = try sideConnection(schema: schema)
        let before = try published.readQuery("SELECT country_id, gold FROM fact_medal_tally ORDER BY country_id")

        // Change a source and add a model that reads a table the side connection holds locked.
        let side = try sideConnection()
        try side.execute("DROP TABLE IF EXISTS podium_test_gate; CREATE TABLE podium_test_gate (x int)")
        defer { try? side.execute("DROP TABLE IF EXISTS podium_test_gate") }
        try write("-- engine: postgres\nselect x from public.podium_test_gate\n", to: "models/zz_gate.sql", in: project)
        let medals = try read("data/tokyo2021/Medals.csv", in: project)
        try write(medals.replacingOccurrences(of: ",39,41,33,", with: ",40,41,33,").replacingOccurrences(of: ",113,", with: ",114,"),
                  to: "data/tokyo2021/Medals.csv", in: project)
        try side.execute("BEGIN; LOCK TABLE podium_test_gate IN ACCESS EXCLUSIVE MODE")

        let outcome = BuildOutcome()
        let thread = Thread { outcome.set(diagnosticsText { _ = try Podium.build(options) }) }
        thread.start()
        // Wait until the build is blocked on the lock (sources loaded, models running), then kill it
        // (from a third connection: pg_stat_activity does not change within the locking transaction).
        let watcher = try sideConnection()
        var killed = false
        for _ in 0..<200 where !killed {
            let waiting = try watcher.query("""
                SELECT pid FROM pg_stat_activity
                WHERE application_name = 'podium' AND wait_event_type = 'Lock' AND query LIKE '%podium_test_gate%'
                """)
            if let pid = waiting.rows.first?.first {
                _ = try watcher.query("SELECT pg_terminate_backend($1)", bindings: [pid])
                killed = true
            } else {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        try side.execute("ROLLBACK")
        let message = outcome.wait()
        #expect(killed)
        #expect(message.contains("the connection to the PostgreSQL warehouse was lost while loading"), "\(message)")
        #expect(message.contains("the published schema 'test_dies' was left as it was"))

        let after = try published.readQuery("SELECT country_id, gold FROM fact_medal_tally ORDER BY country_id")
        #expect(after == before)
        #expect(try !published.tableNames().contains("zz_gate"))
        #expect(try readTree(project.appendingPathComponent("site")) == siteBefore)

        // With the lock gone, the next build publishes the change.
        try FileManager.default.removeItem(at: project.appendingPathComponent("models/zz_gate.sql"))
        _ = try Podium.build(options)
        let gold = try published.readScalar("SELECT max(gold) FROM fact_medal_tally")
        #expect(gold == .integer(40))
    }

    /// A model that fails rolls the whole load back: nothing of the new build is published.
    @Test func failingModelPublishesNothing() throws {
        let schema = "test_model_fails"
        let project = try tokyoProject(schema: schema)
        defer {
            try? FileManager.default.removeItem(at: project)
            dropSchemas(schema)
        }
        let options = BuildOptions(projectRoot: project, warehouse: postgresURL)
        _ = try Podium.build(options)
        try write("select country,\n  no_such_column\nfrom src_medals\n", to: "models/broken.sql", in: project)
        let message = diagnosticsText { _ = try Podium.build(options) }
        #expect(message.contains("models/broken.sql:2:3: error: model 'broken' failed: column \"no_such_column\" does not exist"),
                "\(message)")
        let published = try sideConnection(schema: schema)
        #expect(try published.tableNames().contains("dim_country"))
        #expect(try !published.tableNames().contains("broken"))
        #expect(try !published.schemaExists(schema + "_next"))
    }
}

/// The result of a build run on another thread.
private final class BuildOutcome: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let message = Mutex<String?>(nil)

    func set(_ text: String) {
        message.withLock { $0 = text }
        done.signal()
    }

    func wait() -> String {
        done.wait()
        return message.withLock { $0! }
    }
}
