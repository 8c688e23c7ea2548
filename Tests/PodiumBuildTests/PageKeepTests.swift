import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// Pages whose inputs are the last build's keep their files without being rendered or reading
/// their results (`PageRenders`): whatever was kept, the site equals a cold build's, byte for byte.
@Suite struct PageKeepTests {
    private func build(_ project: URL, strict: Bool = false) throws -> BuildReport {
        var options = BuildOptions(projectRoot: project)
        options.strict = strict
        return try Podium.build(options)
    }

    /// The site a cold build of the same project writes (a copy without `.podium/` and the site).
    private func coldSite(of project: URL) throws -> [String: Data] {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("podium-cold-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: project, to: copy)
        for folder in [".podium", "site"] { try? FileManager.default.removeItem(at: copy.appendingPathComponent(folder)) }
        let report = try build(copy)
        #expect(report.pagesRendered == report.pages)
        return try readTree(copy.appendingPathComponent("site"))
    }

    private func rendered(_ report: BuildReport) -> [String] {
        report.explanations.filter { $0.kind == .file && $0.status == .rebuilt }.map(\.name).sorted()
    }

    @Test func aProseEditRendersOnePageAndTheSiteEqualsAColdBuild() throws {
        let project = try SmallProject.make()
        defer { try? FileManager.default.removeItem(at: project) }
        #expect(try build(project).pagesRendered == 2)
        try write(try read("pages/trend.md", in: project) + "\nA new sentence.\n", to: "pages/trend.md", in: project)
        let report = try build(project)
        #expect(report.pagesRendered == 1)
        #expect(rendered(report) == ["trend.html"])
        // The kept page's result was not even read: its explanation is fresh, no query ran.
        #expect(report.queriesRun == 0)
        #expect(try read("site/trend.html", in: project).contains("A new sentence."))
        #expect(try readTree(project.appendingPathComponent("site")) == coldSite(of: project))
    }

    @Test func aNewTitleRendersEveryPageItsNavigationNames() throws {
        let project = try SmallProject.make()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        let page = try read("pages/trend.md", in: project).replacingOccurrences(of: "title: Trend", with: "title: Medal trend")
        try write(page, to: "pages/trend.md", in: project)
        let report = try build(project)
        #expect(report.pagesRendered == 2)
        #expect(try read("site/index.html", in: project).contains("Medal trend"))
        #expect(try readTree(project.appendingPathComponent("site")) == coldSite(of: project))
    }

    @Test func aThemeChangeRendersEveryPage() throws {
        let project = try SmallProject.make()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        try write("<footer class=\"podium-footer\">Made with care</footer>\n", to: "templates/footer.mustache", in: project)
        let report = try build(project)
        #expect(report.pagesRendered == 2)
        #expect(try read("site/index.html", in: project).contains("Made with care"))
        #expect(try read("site/trend.html", in: project).contains("Made with care"))
        #expect(try readTree(project.appendingPathComponent("site")) == coldSite(of: project))
    }

    @Test func newDataRendersThePagesThatQuoteIt() throws {
        let project = try SmallProject.make()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        let data = try read("data/medals.csv", in: project).replacingOccurrences(of: "Côte d'Ivoire,0,1", with: "Côte d'Ivoire,5,1")
        try write(data, to: "data/medals.csv", in: project)
        let report = try build(project)
        #expect(report.pagesRendered == 2)  // both charts read medal_summary
        #expect(try read("site/data/medals.csv", in: project).contains("Côte d'Ivoire,5,1"))
        #expect(try readTree(project.appendingPathComponent("site")) == coldSite(of: project))
    }

    @Test func aResultRecomputedToTheSameValuesKeepsItsPage() throws {
        let project = try SmallProject.make()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        // Gold and silver swapped: the medals chart changes, the totals (gold + silver) do not.
        let data = try read("data/medals.csv", in: project).replacingOccurrences(of: "Côte d'Ivoire,0,1", with: "Côte d'Ivoire,1,0")
        try write(data, to: "data/medals.csv", in: project)
        let report = try build(project)
        #expect(report.queriesRun == 2, "both queries read the changed table")
        #expect(report.pagesRendered == 1)
        #expect(rendered(report).contains("index.html") && !rendered(report).contains("trend.html"))
        #expect(try readTree(project.appendingPathComponent("site")) == coldSite(of: project))
    }

    @Test func aPageFileChangedByHandIsRenderedAgain() throws {
        let project = try SmallProject.make()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        let original = try read("site/embed/medals.html", in: project)
        try write("defaced", to: "site/embed/medals.html", in: project)
        try write(try read("pages/trend.md", in: project) + "\nMore.\n", to: "pages/trend.md", in: project)
        let report = try build(project)
        #expect(report.pagesRendered == 2, "a page whose file is not as the last build left it is not kept")
        #expect(try read("site/embed/medals.html", in: project) == original)
        #expect(try readTree(project.appendingPathComponent("site")) == coldSite(of: project))
    }

    @Test func aKeptPageReportsItsWarningsAgainAndStrictFailsOnThem() throws {
        var files = SmallProject.files
        files["pages/empty.md"] = """
            ---
            title: Empty
            order: 3
            ---
            Nobody won {{none.gold}} golds.

            ```chart
            id: nothing
            type: bar
            title: Nothing
            sql: select country, gold from medal_summary where gold > 1000
            x: country
            y: gold
            ```

            """.replacingOccurrences(of: "---\nNobody", with: "queries:\n  none: select gold from medal_summary where gold > 1000\n---\nNobody")
        let project = try makeTemporaryProject(files)
        defer { try? FileManager.default.removeItem(at: project) }
        let first = try build(project)
        let warnings = first.warnings.map(\.message)
        #expect(warnings.contains { $0.contains("chart 'nothing'") }, "\(warnings)")
        #expect(warnings.contains { $0.contains("none.gold") }, "\(warnings)")
        try write(try read("pages/trend.md", in: project) + "\nMore.\n", to: "pages/trend.md", in: project)
        let second = try build(project)
        #expect(second.pagesRendered == 1)
        #expect(second.warnings.map(\.message) == warnings)
        #expect(throws: DiagnosticsError.self) { try build(project, strict: true) }
    }
}
