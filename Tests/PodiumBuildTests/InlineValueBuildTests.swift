import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// Named queries and inline values end to end: prose follows the data, named queries go through
/// the result cache, and every mistake is reported at its place in the page.
@Suite struct InlineValueBuildTests {
    private func build(_ project: URL, strict: Bool = false) throws -> BuildReport {
        try Podium.build(BuildOptions(projectRoot: project, strict: strict))
    }

    private func rebuiltResults(_ report: BuildReport) -> [String] {
        report.explanations.filter { $0.kind == .result && $0.status != .fresh }.map(\.name).sorted()
    }

    /// The text of the home page's `<main>`, without tags.
    private func indexText(_ project: URL) throws -> String {
        let html = try read("site/index.html", in: project)
        return html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
    }

    /// 100 more athletes for Japan make it the largest team: the prose names it, with the new counts.
    @Test func indexProseFollowsTheData() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        let before = try indexText(project)
        #expect(before.contains("United States of America sent the largest team, 615 athletes, ahead of the host nation Japan with 586 and\nAustralia with 470."))
        #expect(before.contains("11,085 athlete entries"))
        #expect(before.contains("Mexico, sent 155 — 25% of the largest team."))

        let athletes = try read("data/tokyo2021/Athletes.csv", in: project)
        let extra = (1...100).map { "PODIUM Test \($0),Japan,Athletics\n" }.joined()
        try write(athletes + extra, to: "data/tokyo2021/Athletes.csv", in: project)
        let report = try build(project)
        // Every named query of index.md reads a table built from the athletes (`medals` through
        // dim_country, which fact_medal_tally joins); CacheBuildTests shows one that is left alone.
        #expect(rebuiltResults(report).filter { $0.hasPrefix("index.") } == ["index.entries", "index.medals", "index.teams", "index.twentieth"])
        let after = try indexText(project)
        #expect(after.contains("Japan sent the largest team, 686 athletes, ahead of United States of America with 615 and\nAustralia with 470."))
        #expect(after.contains("11,185 athlete entries"))
        #expect(after.contains("1,080 medals"))
        #expect(after.contains("Mexico, sent 155 — 23% of the largest team."))  // 155 of Japan's 686
    }

    /// The text of a page's `<main>`, without tags and entities.
    private func pageText(_ name: String, _ project: URL) throws -> String {
        let html = try read("site/\(name).html", in: project)
        return html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            .replacingOccurrences(of: "&#39;", with: "'")
    }

    /// Two more golds for China put it on top of the medal table: the medals page names the new
    /// leader, the margin and the order by total from the data, not from the prose.
    @Test func medalsProseFollowsTheData() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        let before = try pageText("medals", project)
        #expect(before.contains("United States of America topped the medal table with 39 gold, one more than People's Republic of China's\n38."))
        #expect(before.contains("By total medals the order was United States of America (113), then People's Republic of China (88)."))
        #expect(before.contains("Netherlands and France each won 10 golds and\n12 silvers, and 14 and 11 bronzes respectively."))

        let medals = try read("data/tokyo2021/Medals.csv", in: project)
        let changed = medals
            .replacingOccurrences(of: "1,United States of America,39,41,33,113,1", with: "2,United States of America,39,41,33,113,1")
            .replacingOccurrences(of: "2,People's Republic of China,38,32,18,88,2", with: "1,People's Republic of China,41,32,18,91,2")
        try #require(changed != medals)
        try write(changed, to: "data/tokyo2021/Medals.csv", in: project)
        let report = try build(project)
        // Only what reads the medal tables ran again: no athlete or coach query.
        #expect(rebuiltResults(report).contains("medals.lead"))
        #expect(!rebuiltResults(report).contains("coaches.staff"))
        let after = try pageText("medals", project)
        #expect(after.contains("People's Republic of China topped the medal table with 41 gold, two more than United States of America's\n39."))
        #expect(after.contains("By total medals the order was United States of America (113), then People's Republic of China (91)."))
    }

    /// Editing the page's prose re-renders it from the cached results: no query runs.
    @Test func pageEditRunsNoNamedQuery() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        let page = try read("pages/index.md", in: project)
        try write(page + "\nAgain: {{entries.athletes}} entries.\n", to: "pages/index.md", in: project)
        let report = try build(project)
        #expect(report.queriesRun == 0)
        #expect(rebuiltResults(report).isEmpty)
        #expect(try indexText(project).contains("Again: 11,085 entries."))
    }

    private static let page = """
        ---
        title: Values
        queries:
          top: select country, gold, silver, gold * 1.0 / (gold + silver) as share from medal_summary order by gold desc, country
          none: select country from medal_summary where gold > 1000
        ---
        # {{top.country}} leads

        {{top.country}} won {{top.gold | integer}} gold ({{top.share | percent(1)}} of its medals); \
        {{top#2.country}} came {{top#2.gold | ordinal}}. `{{top.country}}` [see {{top.country}}](x.html?c={{top.country}})

            {{top.gold}} in an indented block

        - {{none.country | default: "no one"}}
        - All: {{top.country | list}}; golds {{top.gold | integer | list}}; {{none.country | list | default: "none"}}.

        """

    /// A small project whose page is `page` (SmallProject's medals).
    private func project(page: String) throws -> URL {
        var files = SmallProject.files
        files["pages/index.md"] = page
        return try makeTemporaryProject(files)
    }

    /// Values are escaped text in headings, prose, lists and link text; URL-encoded in a link
    /// destination; code keeps the placeholder as written.
    @Test func valuesAreTextAndCodeStaysLiteral() throws {
        let project = try project(page: Self.page)
        defer { try? FileManager.default.removeItem(at: project) }
        let report = try build(project)
        #expect(report.warnings.isEmpty)
        let html = try read("site/index.html", in: project)
        #expect(html.contains("<h1>People's Republic of China leads</h1>"))
        #expect(html.contains("<p>People's Republic of China won 38 gold (54.3% of its medals); &lt;script&gt;alert(1)&lt;/script&gt; came 2nd."))
        #expect(html.contains("<code>{{top.country}}</code>"))
        #expect(html.contains("<a href=\"x.html?c=People%27s%20Republic%20of%20China\">see People's Republic of China</a>"))
        #expect(html.contains("<pre><code>{{top.gold}} in an indented block"))
        #expect(html.contains("<li>no one</li>"))
        // `| list`: every row, formatted, as one English list, escaped like any value.
        #expect(html.contains("<li>All: People's Republic of China, &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("; golds 38, "))
        #expect(html.contains("; none.</li>"))
        #expect(!html.contains("<script>"))
    }

    /// Each mistake at the placeholder's line and column, with a suggestion.
    @Test func mistakesAreReportedAtThePlaceholder() throws {
        let broken = Self.page
            .replacingOccurrences(of: "{{top#2.country}} came", with: "{{tops#2.country}} came")
            .replacingOccurrences(of: "| ordinal", with: "| ordinl")
            .replacingOccurrences(of: "# {{top.country}} leads", with: "# {{top.contry}} leads {{top}}")
        let project = try project(page: broken)
        defer { try? FileManager.default.removeItem(at: project) }
        do {
            _ = try build(project)
            Issue.record("the broken page built")
        } catch let error as DiagnosticsError {
            let lines = error.description.split(separator: "\n").filter { !$0.hasPrefix("  ") }
            #expect(lines == [
                "pages/index.md:7:24: error: malformed placeholder '{{top}}': it names no column (write {{top.column}})",
                "pages/index.md:9:93: error: '{{tops#2.country}}' names unknown query 'tops'; did you mean 'top'?",
                "pages/index.md:9:117: error: unknown format 'ordinl' in '{{top#2.gold | ordinl}}'; did you mean 'ordinal'?",
            ])
        }
        // Columns are known once the query ran.
        let unknownColumn = Self.page.replacingOccurrences(of: "# {{top.country}} leads", with: "# {{top.contry}} leads")
        try write(unknownColumn, to: "pages/index.md", in: project)
        do {
            _ = try build(project)
            Issue.record("the broken page built")
        } catch let error as DiagnosticsError {
            #expect(error.description == """
                pages/index.md:7:3: error: '{{top.contry}}': query 'top' has no column 'contry'; did you mean 'country'?
                  hint: its columns are country, gold, silver, share; name a column with `as` in the query
                """)
        }
    }

    /// A query without rows quoted without a fallback is a warning at the placeholder (an error
    /// with `--strict`); the value is written as nothing.
    @Test func noRowsWithoutFallbackWarns() throws {
        let page = Self.page.replacingOccurrences(of: " | default: \"no one\"", with: "")
        let project = try project(page: page)
        defer { try? FileManager.default.removeItem(at: project) }
        let report = try build(project)
        #expect(report.warnings.map(\.description) == ["""
            pages/index.md:13:3: warning: '{{none.country}}' is written as nothing: query 'none' returned no rows
              hint: add a fallback, like {{none.country | default: "none"}}, or change the query
            """])
        #expect(try read("site/index.html", in: project).contains("<li></li>"))
        try write(page + "\n", to: "pages/index.md", in: project)
        #expect(throws: DiagnosticsError.self) { try build(project, strict: true) }
    }
}
