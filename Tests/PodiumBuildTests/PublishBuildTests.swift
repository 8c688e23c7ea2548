import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// End-to-end: `url:` in podium.yaml makes embed snippets, canonical links and `og:url` absolute and
/// adds `sitemap.xml`; links stay relative; the stylesheet's address carries its content hash; and
/// the cache rewrites exactly the pages when `url:` changes.
@Suite struct PublishBuildTests {
    private static let url = "https://example.org/small"

    /// The small project with hostile values, a page with a hostile title and first paragraph, and
    /// a page template (pages in the `team/` subfolder).
    private func project(url: String? = Self.url) throws -> URL {
        var files = SmallProject.files
        if let url {
            files["podium.yaml"] = files["podium.yaml"]!.replacingOccurrences(of: "sources:", with: "url: \(url)\nsources:")
        }
        files["pages/notes.md"] = """
            ---
            title: Notes <b>"quoted"</b> & 'apos'
            order: 3
            ---
            # Notes

            Gold & silver for *Côte d'Ivoire* <script>alert(1)</script> "quoted".

            A second paragraph.

            """
        files["pages/team.md"] = """
            ---
            title: "Team {{each.country}}"
            order: 4
            each:
              sql: select country, gold from medal_summary order by country
            ---
            {{each.country}} won {{each.gold}} gold.

            """
        let project = try makeTemporaryProject(files)
        try settle(project)
        return project
    }

    private func build(_ project: URL) throws -> BuildReport {
        try Podium.build(BuildOptions(projectRoot: project))
    }

    private func rebuiltFiles(_ report: BuildReport) -> [String] {
        report.explanations.filter { $0.kind == .file && $0.status != .fresh }.map(\.name).sorted()
    }

    /// Output path → modification time (ns), for every file of the site.
    private func mtimes(_ project: URL) throws -> [String: Int64] {
        let site = project.appendingPathComponent("site")
        var times: [String: Int64] = [:]
        for path in try readTree(site).keys {
            times[path] = FileStamp.stat(site.appendingPathComponent(path).path)?.modified
        }
        return times
    }

    @Test func everyPageHasItsCanonicalAddressAndEscapedCards() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        let index = try read("site/index.html", in: project)
        #expect(index.contains("<link rel=\"canonical\" href=\"https://example.org/small/\">"))
        #expect(index.contains("<meta property=\"og:url\" content=\"https://example.org/small/\">"))
        #expect(index.contains("<meta property=\"og:site_name\" content=\"Small &lt;Games&gt; &amp; &quot;Co&quot;\">"))
        // Without `description:`, the first paragraph is the description.
        #expect(index.contains("<meta name=\"description\" content=\"Some narrative.\">"))
        #expect(index.contains("<meta property=\"og:description\" content=\"Some narrative.\">"))
        #expect(index.contains("<a href=\"trend.html\">Trend</a>"), "links stay relative")

        let notes = try read("site/notes.html", in: project)
        let title = "Notes &lt;b&gt;&quot;quoted&quot;&lt;/b&gt; &amp; &#39;apos&#39;"
        #expect(notes.contains("<link rel=\"canonical\" href=\"https://example.org/small/notes.html\">"))
        #expect(notes.contains("<meta property=\"og:title\" content=\"\(title)\">"))
        #expect(notes.contains("<meta name=\"twitter:title\" content=\"\(title)\">"))
        // The paragraph as the reader sees it (raw HTML dropped in safe mode), escaped again.
        let description = "Gold &amp; silver for Côte d&#39;Ivoire alert(1) &quot;quoted&quot;."
        #expect(notes.contains("<meta property=\"og:description\" content=\"\(description)\">"))
        #expect(notes.contains("<meta name=\"twitter:description\" content=\"\(description)\">"))
        #expect(!notes.contains("<script"))

        // A page made from a template, one folder down: absolute canonical, relative links.
        let team = try read("site/team/hong-kong-china.html", in: project)
        #expect(team.contains("<link rel=\"canonical\" href=\"https://example.org/small/team/hong-kong-china.html\">"))
        #expect(team.contains("<meta property=\"og:title\" content=\"Team Hong Kong, China\">"))
        #expect(team.contains("<meta property=\"og:description\" content=\"Hong Kong, China won 1 gold.\">"))
        #expect(team.contains("<a href=\"../index.html\">"))
        #expect(team.range(of: #"<link rel="stylesheet" href="\.\./assets/podium\.css\?v=[0-9a-f]{8}">"#, options: .regularExpression) != nil)

        let embed = try read("site/embed/medals.html", in: project)
        #expect(embed.contains("<link rel=\"canonical\" href=\"https://example.org/small/embed/medals.html\">"))
        #expect(embed.contains("<meta property=\"og:title\" content=\"Gold and silver\">"))
        #expect(embed.contains("<a href=\"../index.html#chart-medals\""), "the embed page links back relatively")
        for path in try readTree(project.appendingPathComponent("site")).keys where path.hasSuffix(".html") {
            #expect(try read("site/\(path)", in: project).contains("<link rel=\"canonical\" href=\"https://example.org/small/"), "\(path)")
        }
    }

    @Test func embedSnippetIsAbsoluteWithURLAndSaysHowToGetOneWithout() throws {
        let published = try project(), local = try project(url: nil)
        defer { try? FileManager.default.removeItem(at: published); try? FileManager.default.removeItem(at: local) }
        _ = try build(published)
        _ = try build(local)
        let absolute = try read("site/index.html", in: published)
        #expect(absolute.contains("<pre><code>&lt;iframe src=&quot;https://example.org/small/embed/medals.html&quot;"))
        #expect(!absolute.contains("podium-embed-note"))

        let relative = try read("site/index.html", in: local)
        #expect(relative.contains("<pre><code>&lt;iframe src=&quot;embed/medals.html&quot;"))
        #expect(relative.contains("<p class=\"podium-embed-note\">This address works only within this site. "
            + "For one that works on other websites, set <code>url:</code> in podium.yaml"))
        // No public address: no canonical link, no og:url, no sitemap; the cards are still there.
        #expect(!relative.contains("rel=\"canonical\""))
        #expect(!relative.contains("og:url"))
        #expect(relative.contains("<meta property=\"og:title\" content=\"Overview\">"))
        #expect(!FileManager.default.fileExists(atPath: local.appendingPathComponent("site/sitemap.xml").path))
    }

    @Test func sitemapListsEveryPageButEmbedsHomeFirstAndIsDeterministic() throws {
        let first = try project(), second = try project()
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }
        _ = try build(first)
        _ = try build(second)
        let sitemap = try read("site/sitemap.xml", in: first)
        let teams = try FileManager.default.contentsOfDirectory(atPath: first.appendingPathComponent("site/team").path).sorted()
        #expect(teams.count == 5)
        let expected = ["", "catalog.html", "notes.html", "quality.html", "team.html"]
            + teams.map { "team/\($0)" } + ["trend.html"]
        #expect(sitemap == """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            \(expected.map { "<url><loc>https://example.org/small/\($0)</loc></url>\n" }.joined())</urlset>

            """)
        #expect(try readTree(first.appendingPathComponent("site")) == readTree(second.appendingPathComponent("site")))
    }

    @Test func changingURLRewritesExactlyThePagesAndANoChangeBuildWritesNothing() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        let before = try mtimes(project)

        let yaml = try read("podium.yaml", in: project)
        try write(yaml.replacingOccurrences(of: Self.url, with: "https://dashboards.example.com/small/"), to: "podium.yaml", in: project)
        let moved = try build(project)
        let pages = before.keys.filter { $0.hasSuffix(".html") }.sorted()
        #expect(rebuiltFiles(moved) == (pages + ["sitemap.xml"]).sorted())
        #expect(moved.queriesRun == 0)
        #expect(moved.explanations.filter { $0.kind == .table || $0.kind == .result }.allSatisfy { $0.status == .fresh })
        #expect(moved.explanations.contains { $0.description == "[rebuilt] file trend.html: url changed in podium.yaml" })
        #expect(moved.explanations.contains { $0.description == "[rebuilt] file sitemap.xml: url changed in podium.yaml" })
        let after = try mtimes(project)
        #expect(after.filter { $0.value != before[$0.key] }.keys.sorted() == (pages + ["sitemap.xml"]).sorted(),
                "SVG, CSV and JSON files hold no address and keep their mtime")
        #expect(try read("site/sitemap.xml", in: project).contains("<loc>https://dashboards.example.com/small/trend.html</loc>"))

        let again = try build(project)
        #expect(again.written == 0 && again.removed == 0 && again.queriesRun == 0)
        #expect(try mtimes(project) == after)
    }

    @Test func droppingURLRemovesTheSitemapAndCanonicalLinks() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("site/sitemap.xml").path))
        let yaml = try read("podium.yaml", in: project)
        try write(yaml.replacingOccurrences(of: "url: \(Self.url)\n", with: ""), to: "podium.yaml", in: project)
        let report = try build(project)
        #expect(report.removed == 1)
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site/sitemap.xml").path))
        #expect(!(try read("site/trend.html", in: project)).contains("rel=\"canonical\""))
        #expect(try read("site/index.html", in: project).contains("podium-embed-note"))
    }

    @Test func stylesheetAddressChangesWithTheStylesheet() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(at: project) }
        func version() throws -> String {
            let page = try read("site/trend.html", in: project)
            let match = try #require(page.range(of: #"assets/podium\.css\?v=[0-9a-f]{8}""#, options: .regularExpression))
            return String(page[match].dropFirst("assets/podium.css?v=".count).dropLast())
        }
        func sha256Prefix(_ text: String) -> String {
            var hasher = SHA256()
            hasher.update(text)
            return String(hasher.finalize().prefix(8))
        }
        _ = try build(project)
        let defaultCSS = try read("site/assets/podium.css", in: project)
        #expect(try version() == sha256Prefix(defaultCSS))

        try write(defaultCSS + "\nbody { letter-spacing: 0.01em; }\n", to: "templates/assets/podium.css", in: project)
        let report = try build(project)
        #expect(try version() == sha256Prefix(defaultCSS + "\nbody { letter-spacing: 0.01em; }\n"))
        #expect(try version() != sha256Prefix(defaultCSS))
        #expect(rebuiltFiles(report).contains("trend.html") && rebuiltFiles(report).contains("assets/podium.css"))
        #expect(!rebuiltFiles(report).contains { $0.hasPrefix("embed/") }, "embed pages inline their styles")
    }
}
