import Testing
@testable import PodiumKit

/// What `url:` and the theme put in a page's head: canonical link, Open Graph and Twitter cards,
/// the description from the first paragraph, the versioned stylesheet; and the sitemap.
@Suite struct PublishMetaTests {
    private func site(baseURL: String? = "https://example.org/olympics/", css: String? = nil) throws -> SiteModel {
        let page = try PageParser.parse(text: """
            ---
            title: Who won <Tokyo>? "Gold" & 'silver'
            ---
            # Medals

            The *United States* & <b>China</b> finished
            one gold apart.

            ```chart
            id: medals
            title: Gold & "friends"
            subtitle: People's <Republic>
            sql: select country, gold from m
            x: country
            y: gold
            ```
            """, path: "pages/index.md", name: "index")
        var files = try TemplateLibrary.defaultThemeFiles()
        if let css {
            files.append(.init(path: "assets/podium.css", contents: Array(css.utf8), displayPath: "templates/assets/podium.css"))
        }
        return SiteModel(title: "Tokyo <2020>", description: "Site & co", baseURL: baseURL, pages: [page],
                         results: ["medals": QueryResult(columns: ["country", "gold"], rows: [[.text("Japan"), .integer(27)]])],
                         templates: try TemplateLibrary(files: files))
    }

    private func text(_ files: [OutputFile], _ path: String) throws -> String {
        try #require(files.first { $0.path == path }?.text, "missing \(path)")
    }

    @Test func pageHeadHasCanonicalAndEscapedCards() throws {
        let index = try text(try SiteRenderer.render(try site()), "index.html")
        let title = "Who won &lt;Tokyo&gt;? &quot;Gold&quot; &amp; &#39;silver&#39;"
        let description = "The United States &amp; China finished one gold apart."
        #expect(index.contains("""
            <meta name="description" content="\(description)">
            <link rel="canonical" href="https://example.org/olympics/">
            <meta property="og:url" content="https://example.org/olympics/">
            <meta property="og:type" content="website">
            <meta property="og:site_name" content="Tokyo &lt;2020&gt;">
            <meta property="og:title" content="\(title)">
            <meta property="og:description" content="\(description)">
            <meta name="twitter:card" content="summary">
            <meta name="twitter:title" content="\(title)">
            <meta name="twitter:description" content="\(description)">
            """))
    }

    @Test func embedPageHasItsOwnCanonicalAndCards() throws {
        let embed = try text(try SiteRenderer.render(try site()), "embed/medals.html")
        #expect(embed.contains("<link rel=\"canonical\" href=\"https://example.org/olympics/embed/medals.html\">"))
        #expect(embed.contains("<meta property=\"og:title\" content=\"Gold &amp; &quot;friends&quot;\">"))
        #expect(embed.contains("<meta property=\"og:description\" content=\"People&#39;s &lt;Republic&gt;\">"))
        #expect(embed.contains("<a href=\"../index.html#chart-medals\""))
    }

    @Test func withoutURLNoCanonicalAndARelativeSnippetWithAHint() throws {
        let files = try SiteRenderer.render(try site(baseURL: nil))
        let index = try text(files, "index.html")
        #expect(!index.contains("canonical") && !index.contains("og:url"))
        #expect(index.contains("&lt;iframe src=&quot;embed/medals.html&quot;"))
        #expect(index.contains("set <code>url:</code> in podium.yaml"))
        #expect(Sitemap.file(for: files, site: try site(baseURL: nil)) == nil)
    }

    @Test func stylesheetAddressCarriesTheHashOfItsContents() throws {
        func stylesheet(_ css: String?) throws -> String {
            let index = try text(try SiteRenderer.render(try site(css: css)), "index.html")
            let line = try #require(index.split(separator: "\n").first { $0.hasPrefix("<link rel=\"stylesheet\"") })
            return String(line)
        }
        var hasher = SHA256()
        hasher.update("body{}\n")
        #expect(try stylesheet("body{}\n") == "<link rel=\"stylesheet\" href=\"assets/podium.css?v=\(hasher.finalize().prefix(8))\">")
        #expect(try stylesheet("body{}\n") != stylesheet("body{color:red}\n"))
        #expect(try stylesheet(nil) != stylesheet("body{}\n"))
        let library = try TemplateLibrary(files: [.init(path: "assets/logo.svg", contents: [], displayPath: "logo.svg")])
        #expect(library.versionedAddress(ofAsset: "assets/logo.svg") == "assets/logo.svg", "only stylesheets are versioned")
    }

    @Test func sitemapHoldsPagesNotEmbedsInAStableOrder() throws {
        let site = try site(baseURL: "https://example.org/a&b/")
        let files = ["quality.html", "embed/x.html", "zeta.html", "index.html", "data/x.csv", "team/b.html", "team.html", "catalog.html"]
            .map { OutputFile(path: $0, text: "") }
        let sitemap = try #require(Sitemap.file(for: files, site: site))
        #expect(sitemap.path == "sitemap.xml")
        #expect(sitemap.text == """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <url><loc>https://example.org/a&amp;b/</loc></url>
            <url><loc>https://example.org/a&amp;b/catalog.html</loc></url>
            <url><loc>https://example.org/a&amp;b/quality.html</loc></url>
            <url><loc>https://example.org/a&amp;b/team.html</loc></url>
            <url><loc>https://example.org/a&amp;b/team/b.html</loc></url>
            <url><loc>https://example.org/a&amp;b/zeta.html</loc></url>
            </urlset>

            """)
        #expect(Sitemap.file(for: files.reversed(), site: site) == sitemap)
    }

    @Test func firstParagraphIsPlainTextCutAtAWord() {
        #expect(PageSummary.firstParagraph(ofHTML: "<h1>T</h1>\n<p class=\"x\">links</p>\n<p>A &amp; <em>b</em> &quot;c&quot; &#39;d&#39; &#x263A;</p>")
            == "A & b \"c\" 'd' ☺")
        #expect(PageSummary.firstParagraph(ofHTML: "<p><!-- raw HTML omitted --></p><p>Second\nline</p>") == "Second line")
        #expect(PageSummary.firstParagraph(ofHTML: "<ul><li>no paragraph</li></ul>") == nil)
        let long = PageSummary.firstParagraph(ofHTML: "<p>" + String(repeating: "word ", count: 100) + "</p>")
        #expect(long?.hasSuffix("word…") == true)
        #expect((long?.count ?? 0) <= PageSummary.maximumLength)
    }
}
