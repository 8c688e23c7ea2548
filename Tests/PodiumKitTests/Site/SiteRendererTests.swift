import Foundation
import Testing
@testable import PodiumKit

/// A two-page site with hostile names: `index.md` (one chart) and `medals.md` (one chart).
private func fixtureSite(baseURL: String? = nil) throws -> SiteModel {
    let index = try PageParser.parse(text: """
        ---
        title: Tokyo <2020> & "friends"
        ---
        # Overview <script>alert(1)</script>

        [bad](javascript:alert(1))

        ```chart
        id: athletes
        type: line
        title: Athletes & <coaches>
        sql: select day, n from t
        x: day
        y: n
        ```
        """, path: "pages/index.md", name: "index")
    let medals = try PageParser.parse(text: """
        ---
        title: Medals
        description: Who won what
        order: 2
        ---
        ## Top delegations

        ```chart
        id: medals-top
        title: Gold "medals"
        subtitle: People's Republic & co
        sql: select country, gold from m
        x: country
        y: [gold]
        ```
        """, path: "pages/medals.md", name: "medals")
    return SiteModel(
        title: "Tokyo 2020", description: "Athletes & medals", baseURL: baseURL,
        pages: [index, medals],
        results: [
            "athletes": QueryResult(columns: ["day", "n"], rows: [[.integer(1), .integer(10)]]),
            "medals-top": QueryResult(columns: ["country", "gold"], rows: [
                [.text("Hong Kong, China"), .integer(1)], [.text("<script>x</script>"), .null],
            ]),
        ],
        templates: try TemplateLibrary.load(projectTemplates: nil))
}

private func text(_ files: [OutputFile], _ path: String) throws -> String {
    try #require(files.first { $0.path == path }?.text, "missing \(path)")
}

@Suite struct SiteRendererTests {
    @Test func producesTheExpectedFiles() throws {
        let files = try SiteRenderer.render(try fixtureSite())
        #expect(files.map(\.path) == [
            "assets/podium-embed.js", "assets/podium.css",
            "charts/athletes.svg", "charts/medals-top.svg",
            "data/athletes.csv", "data/athletes.json", "data/medals-top.csv", "data/medals-top.json",
            "embed/athletes.html", "embed/medals-top.html",
            "index.html", "medals.html",
        ])
        #expect(try text(files, "data/medals-top.csv") == "country,gold\n\"Hong Kong, China\",1\n<script>x</script>,\n")
        #expect(try text(files, "charts/athletes.svg").hasPrefix("<?xml"))
    }

    @Test func pageHasLayoutNavigationAndCharts() throws {
        let fixture = try fixtureSite()
        let files = try SiteRenderer.render(fixture)
        let medals = try text(files, "medals.html")
        #expect(medals.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"))
        #expect(medals.contains("<title>Medals · Tokyo 2020</title>"))
        #expect(medals.contains("<meta name=\"description\" content=\"Who won what\">"))
        #expect(medals.contains("<link rel=\"stylesheet\" href=\"assets/podium.css?v="))
        #expect(medals.contains("Content-Security-Policy\" content=\"default-src 'none';"))
        #expect(medals.contains("""
            <li><a href="index.html">Tokyo &lt;2020&gt; &amp; &quot;friends&quot;</a></li>
            <li><a href="medals.html" aria-current="page">Medals</a></li>
            """))
        #expect(medals.contains("<h2>Top delegations</h2>\n<figure class=\"podium-chart\" id=\"chart-medals-top\">"))
        #expect(medals.contains("<span class=\"podium-chart-title\">Gold &quot;medals&quot;</span>"))
        #expect(medals.contains("<span class=\"podium-chart-subtitle\">People&#39;s Republic &amp; co</span>"))
        #expect(medals.contains("<a href=\"embed/medals-top.html\">Embed page</a>"))
        #expect(medals.contains("<a href=\"data/medals-top.json\">JSON</a>"))
        // The iframe snippet is shown as text: escaped once for its attribute, once to display.
        #expect(medals.contains("""
            <pre><code>&lt;iframe src=&quot;embed/medals-top.html&quot; title=&quot;Gold &amp;quot;medals&amp;quot;&quot; \
            width=&quot;640&quot; height=&quot;\(ChartRenderer.embedHeight(fixture.pages[1].charts[0], fixture.results["medals-top"]!))&quot; \
            style=&quot;border:0;max-width:100%&quot; loading=&quot;lazy&quot;&gt;&lt;/iframe&gt;</code></pre>
            """))
        #expect(medals.contains("<footer class=\"podium-footer\">\n<p>Tokyo 2020 — Athletes &amp; medals</p>"))

        let index = try text(files, "index.html")
        #expect(index.contains("<title>Tokyo &lt;2020&gt; &amp; &quot;friends&quot; · Tokyo 2020</title>"))
        // No `description:`: the first paragraph's text (the site's description only without one).
        #expect(index.contains("<meta name=\"description\" content=\"bad\">"))
        #expect(index.contains("<h1>Overview <!-- raw HTML omitted -->alert(1)<!-- raw HTML omitted --></h1>"))
        #expect(index.contains("<p><a href=\"\">bad</a></p>"))
    }

    @Test func noPageContainsScript() throws {
        for file in try SiteRenderer.render(try fixtureSite()) where file.path.hasSuffix(".html") || file.path.hasSuffix(".svg") {
            var text = (file.text ?? "").lowercased()
            if file.path.hasPrefix("embed/") {
                // Embed pages have exactly one script (`?theme=`, `?height=auto`, the height message), allowed by its hash.
                let tag = "<script>\(EmbedScript.script.lowercased())</script>"
                #expect(text.components(separatedBy: tag).count == 2, "\(file.path)")
                #expect(file.text!.contains("script-src \(Escape.html(EmbedScript.scriptSource));"), "\(file.path)")
                text = text.replacingOccurrences(of: tag, with: "")
            }
            #expect(!text.contains("<script"), "\(file.path)")
            #expect(!text.contains("javascript:"), "\(file.path)")
        }
    }

    @Test func embedPageIsSelfContained() throws {
        let embed = try text(try SiteRenderer.render(try fixtureSite()), "embed/medals-top.html")
        #expect(embed.contains("default-src 'none'; style-src 'unsafe-inline'; img-src data:"))
        #expect(embed.contains("<style>\n:root{"))
        #expect(!embed.contains("<link rel=\"stylesheet\""))
        #expect(!embed.contains("src=\"http"))
        #expect(embed.contains("<a href=\"../medals.html#chart-medals-top\" target=\"_blank\" rel=\"noopener\">Tokyo 2020</a>"))
        #expect(embed.contains("<a href=\"../data/medals-top.csv\""))
        #expect(embed.utf8.count < 40_000)
    }

    @Test func iframeSnippetUsesTheBaseURL() throws {
        let site = try fixtureSite(baseURL: "https://example.org/tokyo")
        #expect(SiteRenderer.iframeSnippet(site.pages[1].charts[0], site: site)
            .hasPrefix("<iframe src=\"https://example.org/tokyo/embed/medals-top.html\" title=\"Gold &quot;medals&quot;\""))
    }

    /// Under each chart: a frame 640 px wide as high as the chart there, and a responsive one that
    /// the site's script sizes from the embed page's messages.
    @Test func embedDialogOffersBothSnippets() throws {
        let site = try fixtureSite(baseURL: "https://example.org/tokyo")
        let chart = site.pages[1].charts[0]
        let height = ChartRenderer.embedHeight(chart, site.results[chart.id]!)
        #expect((300...600).contains(height))
        #expect(SiteRenderer.iframeSnippet(chart, site: site, height: height)
            .hasSuffix("width=\"640\" height=\"\(height)\" style=\"border:0;max-width:100%\" loading=\"lazy\"></iframe>"))
        let responsive = SiteRenderer.iframeSnippet(chart, site: site, height: height, responsive: true)
        #expect(responsive.hasPrefix("<iframe src=\"https://example.org/tokyo/embed/medals-top.html?height=auto\""))
        #expect(responsive.contains(" width=\"100%\" height=\"\(height)\" style=\"border:0\" loading=\"lazy\" data-podium-embed></iframe>"))
        #expect(responsive.hasSuffix("\n<script src=\"https://example.org/tokyo/assets/podium-embed.js\" async></script>"))
        let page = try text(try SiteRenderer.render(site), "medals.html")
        #expect(page.contains("&lt;iframe src=&quot;https://example.org/tokyo/embed/medals-top.html?height=auto&quot;"))
        #expect(page.contains("&lt;script src=&quot;https://example.org/tokyo/assets/podium-embed.js&quot; async&gt;&lt;/script&gt;"))
    }

    /// The host's script ships in the site, small, first-party, and sizes only marked frames from
    /// messages of the right shape, from the frame's window and the origin of its address.
    @Test func hostScriptShipsInTheSite() throws {
        let files = try SiteRenderer.render(try fixtureSite())
        let script = try #require(files.first { $0.path == "assets/podium-embed.js" }?.text)
        #expect(script.utf8.count < 1024)
        #expect(!script.contains("http"))
        for check in ["iframe[data-podium-embed]", "data.podium !== \"height\"", "typeof data.height !== \"number\"",
                      "contentWindow === event.source", ".origin === event.origin"] {
            #expect(script.contains(check), "\(check)")
        }
        // The site's own pages load no script, this one included.
        for file in files where file.path.hasSuffix(".html") { #expect(!(file.text ?? "").contains("podium-embed.js\"></script>")) }
    }

    @Test func firstPageIsHomeWithoutAnIndexPage() throws {
        var site = try fixtureSite()
        site.pages[0].name = "overview"
        let paths = try SiteRenderer.render(site).map(\.path).filter { $0.hasSuffix(".html") && !$0.hasPrefix("embed/") }
        #expect(paths == ["index.html", "medals.html"])
    }

    @Test func projectAssetsAreCopied() throws {
        var site = try fixtureSite()
        site.templates = try TemplateLibrary(files: try TemplateLibrary.defaultThemeFiles() + [
            .init(path: "assets/favicon.svg", contents: Array("<svg/>".utf8), displayPath: "templates/assets/favicon.svg"),
        ])
        #expect(try SiteRenderer.render(site).map(\.path).filter { $0.hasPrefix("assets/") } ==
            ["assets/favicon.svg", "assets/podium-embed.js", "assets/podium.css"])
    }

    @Test func layoutPageForOtherPages() throws {
        let page = try SiteRenderer.layoutPage(path: "catalog.html", title: "Catalog", bodyHTML: "<h1>Catalog</h1>",
                                               site: try fixtureSite())
        #expect(page.text?.contains("<main id=\"main\" class=\"podium-main\">\n<h1>Catalog</h1>\n</main>") == true)
        #expect(page.text?.contains("aria-current") == false)
        #expect(SiteRenderer.relativeRoot(of: "embed/x.html") == "../")
    }

    @Test func refusesDuplicateIDsUnknownColumnsAndBadNames() throws {
        var site = try fixtureSite()
        site.pages[1].charts[0].id = "athletes"
        site.pages[1].charts[0].y = ["glod"]
        site.pages[1].name = "my page"
        site.results["athletes"] = QueryResult(columns: ["day", "n"], rows: [])
        let error = try #require(throws: DiagnosticsError.self) { try SiteRenderer.render(site) }
        #expect(error.diagnostics.map { String($0.description.split(separator: "\n")[0]) } == [
            "pages/medals.md:8:1: error: chart id 'athletes' is already used",
            "pages/medals.md: error: page name 'my page' cannot name a web page",
            "pages/medals.md:13:4: error: chart 'athletes': x column 'country' is not in the query's result",
            "pages/medals.md:8:1: error: chart 'athletes': y column 'glod' is not in the query's result",
        ])
    }
}
