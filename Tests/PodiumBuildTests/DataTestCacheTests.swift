import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// Data test results and column profiles are cached like chart results: a page or chart edit
/// runs no test and profiles nothing, a changed source re-runs only what reads it, and a reused
/// result says exactly what a recomputed one says (a failure included).
@Suite struct DataTestCacheTests {
    static let files: [String: String] = [
        "podium.yaml": """
            title: Cache
            sources:
              athletes:
                path: data/athletes.csv
                columns:
                  name: {type: text, required: true}
              medals:
                path: data/medals.csv
                key: [country]
            models: models/
            tests:
              src_athletes:
                name: [not_null]
                country: [{references: src_medals.country}]
              src_medals:
                gold: [{range: {min: 0}}]
                row_count: {min: 1}
              medal_table:
                total: [not_null]
              checks:
                - name: athletes exist
                  sql: select count(*) > 0 from src_athletes
            pages: pages/

            """,
        "data/athletes.csv": "name,country\nA,Japan\nB,France\nC,Japan\n",
        "data/medals.csv": "country,gold,silver\nJapan,27,14\nFrance,10,12\n",
        "models/medal_table.sql": "select country, gold, silver, gold + silver as total from src_medals\n",
        "pages/index.md": """
            ---
            title: Home
            ---
            # Home

            ```chart
            id: golds
            title: Golds
            sql: select country, gold from medal_table order by gold desc
            x: country
            y: gold
            ```

            """,
    ]

    /// Every test id of the project, in the order of `Self.files`' podium.yaml.
    static let allTests = [
        "athletes exist", "not_null(medal_table.total)", "not_null(src_athletes.name)",
        "range(src_medals.gold)", "references(src_athletes.country → src_medals.country)", "row_count(src_medals)",
    ]

    private func build(_ project: URL, strict: Bool = false) throws -> BuildReport {
        try Podium.build(BuildOptions(projectRoot: project, strict: strict))
    }

    private func names(_ report: BuildReport, _ kind: BuildReport.Explanation.Kind, _ status: BuildReport.Explanation.Status) -> [String] {
        report.explanations.filter { $0.kind == kind && $0.status == status }.map(\.name).sorted()
    }

    @Test func coldBuildRunsEveryTestAndProfilesEveryTable() throws {
        let project = try makeTemporaryProject(Self.files)
        defer { try? FileManager.default.removeItem(at: project) }
        let report = try build(project)
        #expect(names(report, .test, .rebuilt) == Self.allTests)
        #expect(report.explanations.contains { $0.description == "[rebuilt] test range(src_medals.gold): new" })
        #expect(names(report, .profile, .rebuilt) == ["src_athletes", "src_medals"])
        #expect(report.testsRun == 6)
        #expect(report.dataTests?.passed == 6 && report.dataTests?.failed == 0)
    }

    @Test func proseAndChartEditsRunNoTestAndProfileNothing() throws {
        let project = try makeTemporaryProject(Self.files)
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        let quality = try read("site/quality.html", in: project), catalog = try read("site/catalog.html", in: project)

        try write(try read("pages/index.md", in: project) + "\nOne more sentence.\n", to: "pages/index.md", in: project)
        let prose = try build(project)
        #expect(prose.testsRun == 0)
        #expect(names(prose, .test, .fresh) == Self.allTests)
        #expect(names(prose, .test, .rebuilt).isEmpty)
        #expect(names(prose, .profile, .fresh) == ["src_athletes", "src_medals"])
        #expect(prose.dataTests?.passed == 6)
        #expect(prose.summary.contains("data tests: 6 passed, 0 failed (reused); rebuilt: 0 tables, 0 queries, 0 data tests;"),
                "\(prose.summary)")

        let page = try read("pages/index.md", in: project)
        try write(page.replacingOccurrences(of: "order by gold desc", with: "order by gold desc, country"), to: "pages/index.md", in: project)
        let chart = try build(project)
        #expect(chart.queriesRun == 1)
        #expect(chart.testsRun == 0)
        #expect(names(chart, .test, .rebuilt).isEmpty)
        #expect(names(chart, .profile, .rebuilt).isEmpty)

        #expect(try read("site/quality.html", in: project) == quality)
        #expect(try read("site/catalog.html", in: project) == catalog)
    }

    @Test func changedSourceRerunsOnlyTheTestsAndProfilesDownstreamOfIt() throws {
        let project = try makeTemporaryProject(Self.files)
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        try write("country,gold,silver\nJapan,27,14\nFrance,10,12\nItaly,10,10\n", to: "data/medals.csv", in: project)
        let report = try build(project)
        // src_medals and the model reading it; the reference from athletes to medals reads both.
        #expect(names(report, .test, .rebuilt) == [
            "not_null(medal_table.total)", "range(src_medals.gold)",
            "references(src_athletes.country → src_medals.country)", "row_count(src_medals)",
        ])
        #expect(names(report, .test, .fresh) == ["athletes exist", "not_null(src_athletes.name)"])
        #expect(report.explanations.contains { $0.description == "[rebuilt] test not_null(medal_table.total): table medal_table changed" })
        #expect(names(report, .profile, .rebuilt) == ["src_medals"])
        #expect(names(report, .profile, .fresh) == ["src_athletes"])
        #expect(report.testsRun == 4)
        #expect(report.summary.contains("data tests: 6 passed, 0 failed (2 reused); rebuilt: 2 tables, 1 query, 4 data tests;"),
                "\(report.summary)")

        // The athletes file alone: its tests, the check reading it, and the reference to medals.
        try write("name,country\nA,Japan\nB,France\nC,Japan\nD,Italy\n", to: "data/athletes.csv", in: project)
        let athletes = try build(project)
        #expect(names(athletes, .test, .rebuilt) == [
            "athletes exist", "not_null(src_athletes.name)", "references(src_athletes.country → src_medals.country)",
        ])
        #expect(names(athletes, .profile, .rebuilt) == ["src_athletes"])
    }

    @Test func changedTestDefinitionRerunsThatTestOnly() throws {
        let project = try makeTemporaryProject(Self.files)
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        let yaml = try read("podium.yaml", in: project)
        try write(yaml.replacingOccurrences(of: "{range: {min: 0}}", with: "{range: {min: 0, max: 100}}"), to: "podium.yaml", in: project)
        let report = try build(project)
        #expect(names(report, .test, .rebuilt) == ["range(src_medals.gold)"])
        #expect(report.explanations.contains { $0.description == "[rebuilt] test range(src_medals.gold): test changed" })
        #expect(report.testsRun == 1)
    }

    @Test func reusedFailingTestStillFailsTheBuild() throws {
        let project = try makeTemporaryProject(Self.files)
        defer { try? FileManager.default.removeItem(at: project) }
        try write("name,country\nA,Japan\nB,France\nC,Atlantis\n", to: "data/athletes.csv", in: project)
        let first = try build(project)
        #expect(first.dataTests?.failed == 1)
        #expect(first.warnings.count == 1)
        let quality = try read("site/quality.html", in: project)
        #expect(quality.contains("Atlantis"))

        try write(try read("pages/index.md", in: project) + "\nOne more sentence.\n", to: "pages/index.md", in: project)
        let second = try build(project)
        #expect(second.testsRun == 0)
        #expect(second.dataTests?.passed == 5 && second.dataTests?.failed == 1)
        #expect(second.warnings.map(\.description) == first.warnings.map(\.description))
        #expect(second.summary.contains("data tests: 5 passed, 1 failed (reused)"), "\(second.summary)")
        #expect(try read("site/quality.html", in: project) == quality)

        // --strict with another page edit: the reused failure is an error, and nothing is published.
        try write(try read("pages/index.md", in: project) + "\nAnd another.\n", to: "pages/index.md", in: project)
        let site = try readTree(project.appendingPathComponent("site"))
        #expect {
            _ = try build(project, strict: true)
        } throws: { error in
            let diagnostics = (error as? DiagnosticsError)?.diagnostics ?? []
            return diagnostics.count == 1 && diagnostics[0].severity == .error
                && diagnostics[0].message.hasPrefix("data test references(src_athletes.country → src_medals.country) failed: 1 row")
        }
        #expect(try readTree(project.appendingPathComponent("site")) == site)
    }

    @Test func profilesReadFromTheCacheEqualProfilesRecomputed() throws {
        let project = try makeTemporaryProject(Self.files)
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        let catalog = try read("site/catalog.html", in: project)
        // The model changes, the staging tables are kept: their profiles come from the cache ...
        try write("select country, gold, silver, silver + gold as total from src_medals\n", to: "models/medal_table.sql", in: project)
        let reused = try build(project)
        #expect(names(reused, .profile, .fresh) == ["src_athletes", "src_medals"])
        #expect(try read("site/catalog.html", in: project) == catalog)

        // ... and, with the stored profiles gone, from one sorted pass in SQL per column: the same page.
        let results = project.appendingPathComponent(".podium/results")
        for name in try FileManager.default.contentsOfDirectory(atPath: results.path) where name.hasSuffix(".profile") {
            try FileManager.default.removeItem(at: results.appendingPathComponent(name))
        }
        try write("select country, gold, silver, gold + silver as total from src_medals\n", to: "models/medal_table.sql", in: project)
        let recomputed = try build(project)
        #expect(names(recomputed, .profile, .rebuilt) == ["src_athletes", "src_medals"])
        #expect(recomputed.explanations.contains { $0.description == "[rebuilt] profile src_medals: cached profile missing or damaged" })
        #expect(try read("site/catalog.html", in: project) == catalog)
    }

    @Test func noChangeBuildReportsTheCachedCounts() throws {
        let project = try makeTemporaryProject(Self.files)
        defer { try? FileManager.default.removeItem(at: project) }
        let cold = try build(project)
        let warm = try build(project)
        #expect(warm.timings.map(\.stage) == ["check (quick)"])
        #expect(warm.dataTests?.passed == 6 && warm.dataTests?.failed == 0)
        #expect(warm.testsRun == 0)
        #expect(warm.explanations.count == cold.explanations.count)
        #expect(names(warm, .test, .fresh) == Self.allTests)
        #expect(warm.summary == "built site/: 1 page, 1 chart, 11 files; data tests: 6 passed, 0 failed (reused); "
                + "rebuilt: 0 tables, 0 queries, 0 data tests; files: 0 written, 0 removed; pages: 0 rendered, 1 kept")
    }
}
