import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// KPI blocks end to end: tiles on the page, their embed page and data files, the result cache,
/// and mistakes found once the queries ran, each at its place in the page.
@Suite struct KPIBuildTests {
    private func build(_ project: URL, strict: Bool = false) throws -> BuildReport {
        try Podium.build(BuildOptions(projectRoot: project, strict: strict))
    }

    /// The block starts on line 5 of the page; its tiles' `value:`s are on lines 12, 16 and 19.
    private static let page = """
        ---
        title: Overview
        ---

        ```kpi
        id: medal-figures
        title: Medals <at a glance>
        sql: |
          select sum(gold) as gold, sum(medals) as medals, max(gold) as most, null as unknown from medal_summary
        series: select gold from medal_summary order by gold desc, country
        tiles:
          - value: gold
            label: Gold medals
            format: integer
            share_of: medals
          - value: most
            label: Most gold
            compare: gold
            compare_label: all gold
            sparkline: gold
          - value: unknown
            label: Unknown
            empty: not yet known
        ```

        Some prose.

        """

    private func project(page: String = Self.page) throws -> URL {
        var files = SmallProject.files
        files["pages/index.md"] = page
        return try makeTemporaryProject(files)
    }

    @Test func tilesEmbedPageAndExports() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(at: project) }
        let report = try build(project)
        #expect(report.warnings.isEmpty)
        let html = try read("site/index.html", in: project)
        #expect(html.contains("<figcaption class=\"podium-chart-title\">Medals &lt;at a glance&gt;</figcaption>"))
        #expect(html.contains("<dt class=\"podium-kpi-label\">Gold medals</dt>\n      <dd class=\"podium-kpi-value\">42</dd>\n"
            + "      <dd class=\"podium-kpi-compare\">53.8% of 78</dd>"))
        #expect(html.contains("<dd class=\"podium-kpi-value\">38</dd>\n      <dd class=\"podium-kpi-compare\">\u{2212}4 vs all gold</dd>"))
        #expect(html.contains("<dd class=\"podium-kpi-value podium-kpi-empty\">not yet known</dd>"))
        #expect(html.contains("<dd class=\"podium-kpi-spark\" aria-hidden=\"true\">"))
        #expect(html.contains("<a href=\"embed/medal-figures.html\">Embed page</a>"))

        let embed = try read("site/embed/medal-figures.html", in: project)
        #expect(embed.utf8.count < 30_000)
        #expect(embed.contains("<title>Medals &lt;at a glance&gt;</title>"))
        #expect(embed.contains("<script>\(EmbedScript.script)</script>"))
        #expect(embed.contains("script-src \(Escape.html(EmbedScript.scriptSource));"))
        #expect(embed.contains(".podium-kpi-tiles{"))
        #expect(embed.contains("<dd class=\"podium-kpi-value\">42</dd>"))
        #expect(embed.contains("href=\"../index.html#kpi-medal-figures\""))
        #expect(try read("site/data/medal-figures.csv", in: project) == "gold,medals,most,unknown\n42,78,38,\n")
        #expect(try read("site/data/medal-figures.json", in: project).contains("\"columns\": [\"gold\", \"medals\", \"most\", \"unknown\"],\n  \"rows\": [\n    [42, 78, 38, null]\n  ]"))
        // Chart embed pages are unchanged by the tiles' styles.
        #expect(!(try read("site/embed/totals.html", in: project)).contains("podium-kpi"))
    }

    /// Editing the page re-renders the tiles from the cached results; `--explain` names both queries.
    @Test func pageEditRunsNoTileQuery() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(at: project) }
        let cold = try build(project)
        #expect(cold.explanations.filter { $0.kind == .result && $0.name.hasPrefix("kpi:") }.map(\.name)
            == ["kpi:medal-figures", "kpi:medal-figures:series"])
        try write(Self.page.replacingOccurrences(of: "label: Gold medals", with: "label: Golds"), to: "pages/index.md", in: project)
        let warm = try build(project)
        #expect(warm.queriesRun == 0)
        #expect(warm.explanations.filter { $0.kind == .result && $0.name.hasPrefix("kpi:") }.map(\.description)
            == ["[fresh] result kpi:medal-figures", "[fresh] result kpi:medal-figures:series"])
        #expect(try read("site/index.html", in: project).contains("<dt class=\"podium-kpi-label\">Golds</dt>"))
        // A new series query runs that one alone.
        try write(Self.page.replacingOccurrences(of: "order by gold desc, country", with: "order by gold, country"),
                  to: "pages/index.md", in: project)
        let series = try build(project)
        #expect(series.queriesRun == 1)
        #expect(series.explanations.map(\.description).contains(
            "[rebuilt] file embed/medal-figures.html: result kpi:medal-figures:series changed, pages/index.md changed"))
    }

    @Test func unknownColumnsAreReportedAtTheirName() throws {
        let broken = Self.page.replacingOccurrences(of: "share_of: medals", with: "share_of: medal")
            .replacingOccurrences(of: "sparkline: gold", with: "sparkline: golds")
        let project = try project(page: broken)
        defer { try? FileManager.default.removeItem(at: project) }
        do {
            _ = try build(project)
            Issue.record("the broken page built")
        } catch let error as DiagnosticsError {
            #expect(error.description == """
                pages/index.md:15:15: error: kpi 'medal-figures': share_of column 'medal' is not in the sql query's result; did you mean 'medals'?
                  hint: the query returns 'gold', 'medals', 'most', 'unknown'; name one of them or change the `sql`
                pages/index.md:20:16: error: kpi 'medal-figures': sparkline column 'golds' is not in the series query's result; did you mean 'gold'?
                  hint: the query returns 'gold'; name one of them or change the `series`
                """)
        }
    }

    /// NULL without a fallback: a warning at the tile's value, "–" on the page; an error with `--strict`.
    @Test func nullWithoutFallbackWarns() throws {
        let page = Self.page.replacingOccurrences(of: "    empty: not yet known\n", with: "")
        let project = try project(page: page)
        defer { try? FileManager.default.removeItem(at: project) }
        let report = try build(project)
        #expect(report.warnings.map(\.description) == ["""
            pages/index.md:21:12: warning: kpi 'medal-figures': tile 'Unknown' shows "–": its value is NULL
              hint: check the sql with `podium query`; if that is expected, say what to show: `empty: not yet known` in the tile or the block
            """])
        #expect(try read("site/index.html", in: project).contains("<dd class=\"podium-kpi-value podium-kpi-empty\">–</dd>"))
        try write(page + "\n", to: "pages/index.md", in: project)
        #expect(throws: DiagnosticsError.self) { try build(project, strict: true) }
    }

    @Test func idsAreUniqueAcrossTheSite() throws {
        let project = try project(page: Self.page.replacingOccurrences(of: "id: medal-figures", with: "id: totals"))
        defer { try? FileManager.default.removeItem(at: project) }
        #expect { try build(project) } throws: { error in
            "\(error)".contains("pages/index.md:5:1: error: kpi id 'totals' is already used")
        }
    }
}
