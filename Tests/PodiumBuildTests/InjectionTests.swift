import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// Hostile values (see `HostileProject`) come out as text in every HTML page, embed page and SVG
/// file, never as elements or attributes; CSV and JSON give them back unchanged; every page
/// carries a Content-Security-Policy that forbids scripts.
@Suite struct InjectionTests {
    /// Elements Podium's pages and charts may contain.
    static let allowedElements: Set<String> = [
        "html", "head", "meta", "title", "link", "style", "body", "header", "nav", "main", "footer", "a", "ul", "ol",
        "li", "p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre", "br", "hr", "blockquote",
        "figure", "figcaption", "span", "div", "details", "summary", "table", "caption", "thead", "tbody", "tr", "th", "section",
        "td", "svg", "g", "rect", "line", "path", "text", "tspan", "desc", "circle", "polyline", "polygon", "defs",
        "clippath", "lineargradient", "stop", "dl", "dt", "dd",  // dl, dt, dd: kpi tiles
        "img",  // a Markdown image; safe mode empties a script URL (checked with the attributes)
    ]

    private func build(allowHTML: Bool = false) throws -> (URL, [String: Data]) {
        let project = try HostileProject.make(allowHTML: allowHTML)
        _ = try Podium.build(BuildOptions(projectRoot: project))
        return (project, try readTree(project.appendingPathComponent("site")))
    }

    /// Structural checks shared by HTML and SVG: known elements only, no event handlers, no
    /// script URLs, no scanning problems.
    private func expectInert(_ markup: Markup, _ path: String) {
        #expect(markup.problems.isEmpty, "\(path): \(markup.problems)")
        let unknown = Set(markup.elements.map(\.name)).subtracting(Self.allowedElements)
        #expect(unknown.isEmpty, "\(path): unexpected elements \(unknown.sorted())")
        for (element, name, value) in markup.attributeValues {
            #expect(!name.hasPrefix("on"), "\(path): <\(element) \(name)=…>")
            #expect(!["srcdoc", "formaction", "xlink:href"].contains(name), "\(path): <\(element) \(name)=…>")
            if ["href", "src", "action"].contains(name) {
                let url = value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
                #expect(!url.hasPrefix("javascript:") && !url.hasPrefix("vbscript:") && !url.hasPrefix("data:text"),
                        "\(path): <\(element) \(name)=\"\(value)\">")
            }
        }
    }

    @Test func htmlPagesHoldHostileValuesAsTextOnly() throws {
        let (project, site) = try build()
        defer { try? FileManager.default.removeItem(at: project) }
        let pages = site.keys.filter { $0.hasSuffix(".html") }.sorted()
        // index, four embed pages (two charts, a table, a kpi block), the catalog and the data-quality page
        #expect(pages == ["catalog.html", "embed/evil-bars.html", "embed/evil-kpi.html", "embed/evil-lines.html",
                          "embed/evil-table.html", "index.html",
                          "quality.html"])
        for path in pages {
            var html = String(decoding: site[path]!, as: UTF8.self)
            if path.hasPrefix("embed/") {
                // The one script Podium writes (the `?theme=` switch) is its own constant, not data.
                let script = "<script>\(EmbedScript.script)</script>"
                #expect(html.components(separatedBy: script).count == 2, "\(path): the theme script, once")
                html = html.replacingOccurrences(of: script, with: "")
            }
            let markup = Markup.scanHTML(html)
            expectInert(markup, path)
            #expect(!markup.elements.contains { $0.name == "script" || $0.name == "iframe" }, "\(path)")
            #expect(markup.elements.filter { $0.name == "img" }.allSatisfy { $0.attributes.contains { $0 == ("src", "") } })
            // The kpi block's title, labels, note and first-row values are text of its page and embed page.
            guard path != "embed/evil-kpi.html" else {
                let kpiText = [HostileProject.chartTitle, HostileProject.axisTitle, HostileProject.chartSubtitle,
                               HostileProject.values[0], HostileProject.values[6], "+1 vs \(HostileProject.values[2])"]
                for payload in kpiText {
                    #expect(markup.text.contains(payload), "\(path): \(payload.debugDescription) is not in the text")
                    #expect(Markup.scanHTML(String(decoding: site["index.html"]!, as: UTF8.self)).text.contains(payload),
                            "index.html: \(payload.debugDescription) is not in the kpi tiles' text")
                }
                continue
            }
            guard !["catalog.html", "quality.html"].contains(path) else { continue }
            // The chart's title, data and column names are text of every page showing the chart.
            for payload in [HostileProject.chartTitle, HostileProject.siteTitle] + HostileProject.values {
                #expect(markup.text.contains(payload), "\(path): \(payload.debugDescription) is not in the text")
            }
        }
        // The table block: its heading (`titles:`), column names and values are text of its page and embed page.
        for path in ["index.html", "embed/evil-table.html"] {
            let markup = Markup.scanHTML(String(decoding: site[path]!, as: UTF8.self))
            for payload in [HostileProject.tableHeading, HostileProject.xColumn, HostileProject.yColumns[0]] + HostileProject.values {
                #expect(markup.text.contains(payload), "\(path): \(payload.debugDescription) is not in the text")
            }
            #expect(markup.elements.filter { $0.name == "th" && $0.attributes.contains { $0 == ("scope", "col") } }.count
                        >= (path == "index.html" ? 6 : 3))
        }
        let index = Markup.scanHTML(String(decoding: site["index.html"]!, as: UTF8.self))
        for payload in HostileProject.textPayloads + [HostileProject.pageText] {
            #expect(index.text.contains(payload), "index.html: \(payload.debugDescription) is not in the text")
        }
        // Inline values are text; in a link destination, URL-encoded (never a `javascript:` link).
        let inline = "Inline: \(HostileProject.values[0]) / \(HostileProject.values[1]) / \(HostileProject.values[7]) link javascript:alert(1)"
        #expect(index.text.contains(inline), "index.html: the inline values are not text")
        let html = String(decoding: site["index.html"]!, as: UTF8.self)
        #expect(html.contains("<a href=\"page.html?v=javascript%3Aalert%281%29\">link</a>"))
        #expect(html.contains("<a href=\"javascript%3Aalert%281%29\">javascript:alert(1)</a>"))
        // Safe mode: the page's raw HTML and script links are gone.
        let body = String(decoding: site["index.html"]!, as: UTF8.self)
        #expect(!body.contains("evil.example"))
        #expect(!body.contains("onclick=\"") && !body.contains("onerror=alert(4)>"))
        let description = index.elements.first { $0.name == "meta" && $0.attributes.contains { $0 == ("name", "description") } }
        #expect(description?.attributes.first { $0.name == "content" }?.value == HostileProject.pageDescription)
    }

    /// A page template over the hostile values: each value names a page (its slug a safe file
    /// name), is text in its title, heading and prose and on the list page, and is bound — never
    /// spliced — into the SQL of the page's table block.
    @Test func pageTemplatePagesHoldHostileValuesAsTextOnly() throws {
        var files = HostileProject.files(allowHTML: false)
        files["pages/entity.md"] = """
            ---
            title: "Row {{each.name}}"
            each:
              index: \(HostileProject.yaml(HostileProject.pageTitle))
              sql: select name, value from src_evil order by value
            ---
            # {{each.name}}

            Value {{each.value}} of {{each.name}}.

            ```chart
            id: entity-row
            type: table
            title: The row
            sql: select name, value from src_evil where name = :name
            ```

            """
        let project = try makeTemporaryProject(files)
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try Podium.build(BuildOptions(projectRoot: project))
        let site = try readTree(project.appendingPathComponent("site"))
        let pages = site.keys.filter { $0.hasPrefix("entity/") }.sorted()
        #expect(pages.count == HostileProject.values.count)
        for path in pages + ["entity.html"] {
            let name = path.split(separator: "/").last!
            #expect(name.dropLast(5).allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" } && name.hasSuffix(".html"),
                    "\(path): not a safe file name")
            let markup = Markup.scanHTML(String(decoding: site[path]!, as: UTF8.self))
            expectInert(markup, path)
            #expect(!markup.elements.contains { $0.name == "script" || $0.name == "iframe" }, "\(path)")
        }
        let list = Markup.scanHTML(String(decoding: site["entity.html"]!, as: UTF8.self))
        #expect(list.text.contains(HostileProject.pageTitle))
        for value in HostileProject.values {
            #expect(list.text.contains("Row \(value)"), "entity.html: \(value.debugDescription) is not in the text")
            let page = pages.first { Markup.scanHTML(String(decoding: site[$0]!, as: UTF8.self)).text.contains("of \(value).") }
            #expect(page != nil, "no page holds \(value.debugDescription) as text")
            // The table found the row by the bound value: its CSV holds it.
            if let page {
                let slug = page.dropFirst("entity/".count).dropLast(5)
                let csv = String(decoding: site["data/entity-row--\(slug).csv"] ?? Data(), as: UTF8.self)
                #expect(csv.split(separator: "\n").count == 2, "data/entity-row--\(slug).csv: \(csv)")
            }
        }
    }

    @Test func everyPageForbidsScripts() throws {
        let (project, site) = try build()
        defer { try? FileManager.default.removeItem(at: project) }
        for path in site.keys.sorted() where path.hasSuffix(".html") {
            let markup = Markup.scanHTML(String(decoding: site[path]!, as: UTF8.self))
            let policies = markup.elements.filter {
                $0.name == "meta" && $0.attributes.contains { $0.name == "http-equiv" && $0.value.lowercased() == "content-security-policy" }
            }
            #expect(policies.count == 1, "\(path): \(policies.count) CSP meta elements")
            let policy = policies.first?.attributes.first { $0.name == "content" }?.value ?? ""
            let directives = policy.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(directives.contains("default-src 'none'"), "\(path): \(policy)")
            if path.hasPrefix("embed/") {
                // Embed pages run exactly one script, the `?theme=` switch, allowed by its hash only.
                let scripts = directives.filter { $0.hasPrefix("script-src") }
                #expect(scripts.count == 1 && scripts[0].hasPrefix("script-src 'sha256-") && !scripts[0].contains("unsafe"),
                        "\(path): \(policy)")
                #expect(markup.elements.filter { $0.name == "script" }.count == 1, "\(path)")
            } else {
                // No directive re-allows scripts.
                #expect(!directives.contains { $0.hasPrefix("script-src") && $0 != "script-src 'none'" }, "\(path): \(policy)")
                #expect(!markup.elements.contains { $0.name == "script" }, "\(path)")
            }
            // The policy comes before anything that could load.
            let policyIndex = markup.elements.firstIndex { $0 == policies.first }
            let firstLoad = markup.elements.firstIndex { ["link", "style", "img", "svg"].contains($0.name) }
            if let policyIndex, let firstLoad { #expect(policyIndex < firstLoad, "\(path)") }
        }
    }

    @Test func svgFilesAreWellFormedWithHostileValuesAsText() throws {
        let (project, site) = try build()
        defer { try? FileManager.default.removeItem(at: project) }
        let svgs = site.keys.filter { $0.hasSuffix(".svg") }.sorted()
        #expect(svgs == ["charts/evil-bars.svg", "charts/evil-lines.svg"])
        for path in svgs {
            let markup = Markup.parseXML(site[path]!)
            expectInert(markup, path)
            #expect(markup.elements.first?.name == "svg")
            for payload in [HostileProject.chartTitle] + HostileProject.values + HostileProject.yColumns {
                #expect(markup.text.contains(payload), "\(path): \(payload.debugDescription) is not in the text")
            }
        }
        // The same SVG, inline in the page, is well-formed XML too.
        let page = String(decoding: site["index.html"]!, as: UTF8.self)
        var rest = page[...]
        var inline = 0
        while let start = rest.range(of: "<svg"), let end = rest[start.lowerBound...].range(of: "</svg>") {
            let markup = Markup.parseXML(Data(rest[start.lowerBound..<end.upperBound].utf8))
            expectInert(markup, "index.html inline svg \(inline)")
            inline += 1
            rest = rest[end.upperBound...]
        }
        // two charts drawn for each frame width (the bars also on their side for medium and narrow
        // frames: 5 drawings, the lines 3), the table's bar in each of its rows, a kpi sparkline
        #expect(inline == 9 + HostileProject.values.count)
    }

    @Test func csvAndJSONGiveTheValuesBack() throws {
        let (project, site) = try build()
        defer { try? FileManager.default.removeItem(at: project) }
        let columns = [HostileProject.xColumn] + HostileProject.yColumns
        for id in ["evil-bars", "evil-lines", "evil-table"] {
            var records: [[String]] = []
            try CSVReader(bytes: Array(site["data/\(id).csv"]!), displayPath: "data/\(id).csv").read { records.append($0.strings) }
            #expect(records.first == columns)
            #expect(records.dropFirst().map { $0[0] } == HostileProject.values)
            #expect(records.dropFirst().map { $0[1] } == (1...HostileProject.values.count).map(String.init))

            let object = try JSONSerialization.jsonObject(with: site["data/\(id).json"]!) as? [String: Any]
            #expect(object?["id"] as? String == id)
            #expect(object?["title"] as? String == HostileProject.chartTitle)
            #expect(object?["columns"] as? [String] == columns)
            let rows = object?["rows"] as? [[Any]] ?? []
            #expect(rows.map { $0.first as? String } == HostileProject.values)
            // Inline-safe JSON: no raw '<', '>' or '&'.
            let text = String(decoding: site["data/\(id).json"]!, as: UTF8.self)
            #expect(!text.contains("<") && !text.contains(">") && !text.contains("&"))
        }
    }

    @Test func kpiCSVAndJSONGiveTheValuesBack() throws {
        let (project, site) = try build()
        defer { try? FileManager.default.removeItem(at: project) }
        var records: [[String]] = []
        try CSVReader(bytes: Array(site["data/evil-kpi.csv"]!), displayPath: "data/evil-kpi.csv").read { records.append($0.strings) }
        #expect(records.first == [HostileProject.xColumn] + HostileProject.yColumns)
        #expect(records.dropFirst().map { $0[0] } == HostileProject.values)
        let object = try JSONSerialization.jsonObject(with: site["data/evil-kpi.json"]!) as? [String: Any]
        #expect(object?["title"] as? String == HostileProject.chartTitle)
        let text = String(decoding: site["data/evil-kpi.json"]!, as: UTF8.self)
        #expect(!text.contains("<") && !text.contains(">") && !text.contains("&"))
    }

    @Test func allowHTMLKeepsThePagesRawHTMLButNotTheData() throws {
        let (project, site) = try build(allowHTML: true)
        defer { try? FileManager.default.removeItem(at: project) }
        let html = String(decoding: site["index.html"]!, as: UTF8.self)
        // The page author's HTML is trusted and copied as written …
        #expect(html.contains("<iframe src=\"https://evil.example/\"></iframe>"))
        #expect(html.contains("<b onclick=\"alert(1)\">bold</b>"))
        // … but data, titles and column names stay text, and scripts stay forbidden.
        #expect(html.contains("Content-Security-Policy"))
        let svg = Markup.parseXML(site["charts/evil-bars.svg"]!)
        expectInert(svg, "charts/evil-bars.svg")
        for value in HostileProject.values where value.contains("<") || value.contains("&") {
            #expect(!html.contains(value), "\(value.debugDescription) is raw in the page")
        }
    }

    @Test func allowHTMLMustBeABoolean() throws {
        #expect(throws: DiagnosticsError.self) { try ProjectFile.parse("title: x\nsources: {}\nallow_html: sometimes\n") }
        #expect(try ProjectFile.parse("title: x\nsources: {}\n").allowHTML == false)
        #expect(try ProjectFile.parse("title: x\nsources: {}\nallow_html: true\n").allowHTML == true)
    }
}
