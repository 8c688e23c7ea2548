import Foundation
import PodiumTestSupport
import Testing

/// The last line of `podium build`, in the form README documents ("The command line"):
/// `built <output>/: <pages>, <charts>[, <table blocks>][, <KPI blocks>], <files>; data tests: <passed> passed,
/// <failed> failed[ (reused)]; rebuilt: <tables>, <queries>, <data tests>; files: <written> written, <removed> removed;
/// pages: <rendered> rendered, <kept> kept`.
@Suite struct SummaryLineTests {
    /// The summary line: the last line of stderr.
    private func summary(_ result: CommandResult) -> String {
        result.stderr.split(separator: "\n").last.map(String.init) ?? ""
    }

    private func newProject() throws -> (parent: URL, project: URL) {
        let parent = try makeTemporaryProject([:])
        #expect(try runPodium(["new", "project"], in: parent).status == 0)
        return (parent, parent.appendingPathComponent("project"))
    }

    @Test func singular() throws {
        let (parent, project) = try newProject()
        defer { try? FileManager.default.removeItem(at: parent) }
        // One data test, failing on one row (141 units).
        let yaml = try read("podium.yaml", in: project)
            .replacingOccurrences(of: "units: [not_null, {range: {min: 0}}]", with: "units: [{range: {min: 0, max: 140}}]")
        try write(yaml, to: "podium.yaml", in: project)
        // The chart alone (the sample page's named query dropped): one query.
        let chart = try #require(try read("pages/index.md", in: project).components(separatedBy: "```chart").last)
        try write("---\ntitle: Sales\n---\n# Sales\n\n```chart" + chart, to: "pages/index.md", in: project)
        let first = try runPodium(["build"], in: project)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("failed: 1 row is not a number between 0 and 140"), "\(first.stderr)")
        #expect(summary(first) == "built site/: 1 page, 1 chart, 11 files; data tests: 0 passed, 1 failed; "
                + "rebuilt: 2 tables, 1 query, 1 data test; files: 11 written, 0 removed; pages: 1 rendered, 0 kept")

        // A new model SQL: one table, the test on it and one query redone, with the same result: no file
        // changed, and the page is kept (its result's values are the same).
        try write(try read("models/monthly_sales.sql", in: project) + "-- edited\n", to: "models/monthly_sales.sql", in: project)
        let second = try runPodium(["build"], in: project)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(summary(second) == "built site/: 1 page, 1 chart, 11 files; data tests: 0 passed, 1 failed; "
                + "rebuilt: 1 table, 1 query, 1 data test; files: 0 written, 0 removed; pages: 0 rendered, 1 kept")

        // A new sentence on the page: one file written, nothing else redone; the failing test's
        // result is reused, and still reported.
        try write(try read("pages/index.md", in: project) + "\nOne more sentence.\n", to: "pages/index.md", in: project)
        let third = try runPodium(["build"], in: project)
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stderr.contains("failed: 1 row is not a number between 0 and 140"), "\(third.stderr)")
        #expect(summary(third) == "built site/: 1 page, 1 chart, 11 files; data tests: 0 passed, 1 failed (reused); "
                + "rebuilt: 0 tables, 0 queries, 0 data tests; files: 1 written, 0 removed; pages: 1 rendered, 0 kept")
    }

    @Test func plural() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let first = try runPodium(["build"], in: project)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(summary(first) == "built site/: 211 pages, 212 charts, 207 table blocks, 207 KPI blocks, 2307 files; data tests: 86 passed, 0 failed; "
                + "rebuilt: 13 tables, 659 queries, 86 data tests; files: 2307 written, 0 removed; pages: 211 rendered, 0 kept")
        let again = try runPodium(["build"], in: project)
        #expect(summary(again) == "built site/: 211 pages, 212 charts, 207 table blocks, 207 KPI blocks, 2307 files; "
                + "data tests: 86 passed, 0 failed (reused); rebuilt: 0 tables, 0 queries, 0 data tests; files: 0 written, 0 removed; pages: 0 rendered, 211 kept")
        // After `podium clean` everything is redone and every file comes out the same.
        #expect(try runPodium(["clean"], in: project).status == 0)
        let afterClean = try runPodium(["build"], in: project)
        #expect(summary(afterClean) == "built site/: 211 pages, 212 charts, 207 table blocks, 207 KPI blocks, 2307 files; data tests: 86 passed, 0 failed; "
                + "rebuilt: 13 tables, 659 queries, 86 data tests; files: 0 written, 0 removed; pages: 211 rendered, 0 kept")
    }
}
