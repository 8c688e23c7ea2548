import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// The Tokyo project built on PostgreSQL gives the same chart data as on SQLite.
@Suite(.serialized, postgresAvailable) struct PostgresTokyoTests {
    @Test func chartDataIsIdenticalToTheSQLiteBuild() throws {
        let schema = "test_tokyo"
        let onSQLite = try copyTokyoProject(), onPostgres = try tokyoProject(schema: schema)
        defer {
            try? FileManager.default.removeItem(at: onSQLite)
            try? FileManager.default.removeItem(at: onPostgres)
            dropSchemas(schema)
        }
        _ = try Podium.build(BuildOptions(projectRoot: onSQLite))
        let report = try Podium.build(BuildOptions(projectRoot: onPostgres, warehouse: postgresURL))
        #expect(report.charts >= 6)
        #expect(report.warnings.isEmpty, "data tests fail on PostgreSQL: \(report.warnings)")

        let sqlite = try readTree(onSQLite.appendingPathComponent("site/data"))
        let postgres = try readTree(onPostgres.appendingPathComponent("site/data"))
        #expect(Set(sqlite.keys) == Set(postgres.keys))
        let charts = sqlite.keys.filter { $0 != "quality.json" }.sorted()
        // One CSV per chart or table, and one per KPI block (`games-in-numbers` on the index page, and
        // `delegation-figures--<slug>` on each of the 206 delegation pages, whose SQL binds the delegation).
        #expect(charts.filter { $0.hasSuffix(".csv") }.count == report.charts + report.tableBlocks + report.kpiBlocks)
        #expect(report.kpiBlocks == 1 + 206)
        #expect(charts.contains("delegation-figures--japan.csv"))
        #expect(charts.contains("games-in-numbers.csv"))
        for file in charts {
            #expect(sqlite[file] == postgres[file], "site/data/\(file) differs between SQLite and PostgreSQL")
        }
        // The data tests give the same results; only the SQL Podium generates is spelled per engine.
        #expect(try testResults(sqlite["quality.json"]!) == testResults(postgres["quality.json"]!))
        // Every page (charts, tables, descriptions) is the same, except the catalog's column types.
        for page in ["index.html", "medals.html", "participation.html", "coaches.html", "quality.html", "delegation.html",
                     "delegation/japan.html", "delegation/cote-d-ivoire.html"] {
            #expect(try read("site/\(page)", in: onSQLite) == read("site/\(page)", in: onPostgres), "\(page) differs")
        }

        let published = try sideConnection(schema: schema)
        #expect(try published.tableNames().contains("fact_medal_tally"))
        #expect(try published.readScalar("SELECT count(*) FROM src_athletes") == .integer(11085))
        #expect(try !published.schemaExists(schema + "_next"))
    }

    @Test func noChangeRebuildDoesNothingAndQueryReadsThePublishedSchema() throws {
        let schema = "test_tokyo_rebuild"
        let project = try tokyoProject(schema: schema)
        defer {
            try? FileManager.default.removeItem(at: project)
            dropSchemas(schema)
        }
        let options = BuildOptions(projectRoot: project, warehouse: postgresURL)
        _ = try Podium.build(options)
        let again = try Podium.build(options)
        #expect(again.written == 0 && again.queriesRun == 0)

        let result = try Podium.query("select country, gold from fact_medal_tally join dim_country using (country_id) "
            + "order by gold desc, country limit 2", options)
        #expect(result.columns == ["country", "gold"])
        #expect(result.rows == [[.text("United States of America"), .integer(39)],
                                [.text("People's Republic of China"), .integer(38)]])
        let refused = diagnosticsText { _ = try Podium.query("create table x (a int)", options) }
        #expect(refused.contains("may only read"))

        let catalog = try Podium.catalog(options)
        #expect(catalog.sources.map(\.rowCount) == [11085, 394, 46, 93, 743])
        #expect(try !sideConnection().schemaExists(schema + "_next"))
    }

    @Test func engineSpecificModelsRunOnlyOnTheirEngine() throws {
        let schema = "test_engine_models"
        let onSQLite = try copyTokyoProject(), onPostgres = try tokyoProject(schema: schema)
        defer {
            try? FileManager.default.removeItem(at: onSQLite)
            try? FileManager.default.removeItem(at: onPostgres)
            dropSchemas(schema)
        }
        let sqliteModel = """
            -- engine: sqlite
            select group_concat(country, '|') as names from (select country from dim_country order by country limit 3)
            """
        let postgresModel = """
            -- engine: postgres
            select string_agg(country, '|' order by country) as names from (select country from dim_country order by country limit 3) as c
            """
        for project in [onSQLite, onPostgres] {
            try write(sqliteModel, to: "models/first_names.sqlite.sql", in: project)
            try write(postgresModel, to: "models/first_names.postgres.sql", in: project)
        }
        _ = try Podium.build(BuildOptions(projectRoot: onSQLite))
        _ = try Podium.build(BuildOptions(projectRoot: onPostgres, warehouse: postgresURL))
        let sql = "select names from first_names"
        let sqlite = try Podium.query(sql, BuildOptions(projectRoot: onSQLite))
        let postgres = try Podium.query(sql, BuildOptions(projectRoot: onPostgres, warehouse: postgresURL))
        #expect(sqlite.rows == [[.text("Afghanistan|Albania|Algeria")]])
        #expect(postgres == sqlite)
    }

    /// The data test results of a quality.json without the SQL (which is spelled per engine).
    private func testResults(_ data: Data) throws -> String {
        var text = String(decoding: data, as: UTF8.self)
        while let range = text.range(of: "\"sql\": \"") {
            var end = range.upperBound
            while text[end] != "\"" { end = text.index(after: text[end] == "\\" ? text.index(after: end) : end) }
            text.removeSubrange(range.lowerBound...end)
        }
        return text
    }
}
