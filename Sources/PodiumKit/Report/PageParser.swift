import Yams

/// Reads `pages/*.md` files: YAML front matter, CommonMark narrative and chart blocks.
///
/// A page file starts with front matter between two `---` lines (`title` required, `order`,
/// `description` and `queries` optional, see ``NamedQueryParser``), then CommonMark. A fenced code
/// block whose info string starts with the word `chart` is a chart block (see ``ChartBlockParser``);
/// `{{query.column}}` in prose is an inline value (see ``InlineValueParser``).
public enum PageParser {
    /// The keys allowed in a page's front matter.
    public static let frontMatterKeys = ["title", "description", "order", "queries", "each"]

    /// Parses one page file.
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - path: the file's path relative to the project root, for diagnostics (`pages/medals.md`).
    ///   - name: the file stem (`medals`; `index` for `index.md`).
    /// - Returns: the page.
    /// - Throws: `DiagnosticsError` with every problem of the page, each at its line in the file.
    public static func parse(text: String, path: String, name: String) throws -> Page {
        var diagnostics: [Diagnostic] = []
        let split = splitFrontMatter(text, path: path, into: &diagnostics)

        var page = Page(name: name, path: path, title: "", markdown: split.body, markdownLine: split.bodyLine)
        if let frontMatter = split.frontMatter {
            readFrontMatter(frontMatter, into: &page, diagnostics: &diagnostics)
        }

        let markdown = Markdown(split.body)
        var seen: [String: ChartSpec] = [:]
        for block in markdown.codeBlocks where block.language == ChartBlockParser.infoWord {
            guard let chart = ChartBlockParser.parse(block, path: path, bodyLine: split.bodyLine, into: &diagnostics)
            else { continue }
            if let first = seen[chart.id] {
                diagnostics.append(.error(
                    "chart id '\(chart.id)' is used twice in this page", at: chart.location,
                    notes: [.init("first used here", at: first.location)],
                    hint: "give each chart its own id: it names the chart's embed, SVG and data files"))
                continue
            }
            seen[chart.id] = chart
            page.charts.append(chart)
        }
        page.kpis = KPIBlockParser.blocks(in: markdown, path: path, bodyLine: split.bodyLine, charts: seen, into: &diagnostics)
        page.placeholders = InlineValueParser.placeholders(in: markdown, page: page, into: &diagnostics)

        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        return page
    }

    /// Renders a page's Markdown to HTML, each chart block replaced by its HTML.
    /// - Parameters:
    ///   - page: a parsed page.
    ///   - allowHTML: keep raw HTML (podium.yaml `allow_html: true`); false is libcmark's safe mode.
    ///   - values: the text of each of the page's placeholders, in order (see
    ///     ``InlineValues/resolve(_:results:into:)``); placeholders past its end stay as written.
    ///   - kpiHTML: the trusted HTML of a KPI block; without it, KPI blocks stay code blocks.
    ///   - chartHTML: the trusted HTML of a chart (a figure with its SVG).
    /// - Returns: the page body's HTML.
    public static func renderBody(_ page: Page, allowHTML: Bool = false, values: [String] = [],
                                  kpiHTML: ((KPISpec) -> String)? = nil, chartHTML: (ChartSpec) -> String) -> String {
        var kpis = page.kpis[...]
        var charts = page.charts[...]
        var values = values[...]
        let markdown = Markdown(page.markdown, allowHTML: allowHTML)
        let queries = page.queries.map(\.name)
        let prose: ((Markdown.Prose) -> String?)? = page.placeholders.isEmpty ? nil : {
            InlineValues.substitute($0.text, queries: queries, values: &values)
        }
        return markdown.html(replacingProse: prose, replacingCodeBlocks: { block in
            if block.language == KPIBlockParser.infoWord, let kpiHTML, let next = kpis.first,
               next.location == nil || next.location?.line == page.markdownLine - 1 + block.line {
                kpis = kpis.dropFirst()
                return kpiHTML(next)
            }
            // Charts are matched to chart blocks in document order, by the fence's line when the
            // chart has a location (pages built by hand may not).
            guard block.language == ChartBlockParser.infoWord, let next = charts.first,
                next.location == nil || next.location?.line == page.markdownLine - 1 + block.line
            else { return nil }
            charts = charts.dropFirst()
            return chartHTML(next)
        })
    }

    /// Diagnostics for chart ids used on more than one page (ids are unique across the site).
    /// - Parameter pages: every page of the site.
    /// - Returns: one error per repeated use, with a note at the first use.
    public static func duplicateChartIDs(in pages: [Page]) -> [Diagnostic] {
        var first: [String: ChartSpec] = [:]
        var diagnostics: [Diagnostic] = []
        for page in pages {
            for chart in page.charts {
                if let earlier = first[chart.id] {
                    diagnostics.append(.error(
                        "chart id '\(chart.id)' is already used", at: chart.location,
                        notes: [.init("first used here", at: earlier.location)],
                        hint: "chart ids are unique across the site: they name its embed, SVG and data files"))
                } else {
                    first[chart.id] = chart
                }
            }
        }
        return diagnostics
    }

    /// Pages in navigation order: by `order` (pages without one last), then `index` first, then by name.
    public static func sortedForNavigation(_ pages: [Page]) -> [Page] {
        pages.sorted { a, b in
            let orderA = a.order ?? Int.max, orderB = b.order ?? Int.max
            if orderA != orderB { return orderA < orderB }
            if a.isIndex != b.isIndex { return a.isIndex }
            return a.name < b.name
        }
    }

    // MARK: - Front matter

    private struct Split {
        var frontMatter: PageYAML?
        var body: String
        var bodyLine: Int
    }

    /// Separates the front matter from the Markdown.
    private static func splitFrontMatter(_ text: String, path: String, into diagnostics: inout [Diagnostic]) -> Split {
        // A byte test first: Foundation's `contains` costs ~200 k instructions; most pages have no "\r".
        var text = text.utf8.contains(UInt8(ascii: "\r")) ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let firstLine = Diagnostic.Location(file: path, line: 1, column: 1)
        func isFence(_ line: Substring) -> Bool {
            var line = line
            while line.last == " " || line.last == "\t" { line.removeLast() }
            return line == "---"
        }
        guard let first = lines.first, isFence(first) else {
            diagnostics.append(.error(
                "page has no front matter", at: firstLine,
                hint: "start the page with a front matter block: a line `---`, `title: …`, then a line `---`"))
            return Split(frontMatter: nil, body: text, bodyLine: 1)
        }
        guard let close = lines.indices.dropFirst().first(where: { isFence(lines[$0]) || lines[$0] == "..." }) else {
            diagnostics.append(.error(
                "front matter is not closed", at: firstLine,
                hint: "end the front matter with a line `---` before the page's Markdown"))
            return Split(frontMatter: nil, body: "", bodyLine: lines.count + 1)
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let body = lines[(close + 1)...].joined(separator: "\n")
        return Split(frontMatter: PageYAML(path: path, yaml: yaml, lineOffset: 1), body: body, bodyLine: close + 2)
    }

    /// Reads `title`, `description`, `order` and `queries` into the page.
    private static func readFrontMatter(_ frontMatter: PageYAML, into page: inout Page, diagnostics: inout [Diagnostic]) {
        let opening = Diagnostic.Location(file: page.path, line: 1, column: 1)
        let missingTitle = Diagnostic.error(
            "page has no title", at: opening,
            hint: "add `title: …` to the front matter; it names the page in the navigation and the browser tab")
        let before = diagnostics.count
        guard let root = frontMatter.compose(fallback: opening, what: "front matter", into: &diagnostics) else {
            // Empty front matter: no title. A syntax error was reported already.
            if diagnostics.count == before { diagnostics.append(missingTitle) }
            return
        }
        guard case .mapping(let mapping) = root else {
            diagnostics.append(.error(
                "front matter must be `key: value` lines, found \(PageYAML.kind(root))",
                at: frontMatter.location(root.mark, fallback: opening),
                hint: "write the front matter as `title: …` lines"))
            return
        }
        let pairs = frontMatter.knownPairs(of: mapping, allowed: frontMatterKeys, context: "front matter",
                                           fallback: opening, into: &diagnostics)
        if let title = pairs["title"] {
            if let text = PageYAML.string(title.value), !text.trimmingCharacters(in: .whitespaces).isEmpty {
                page.title = text
            } else {
                diagnostics.append(.error(
                    "'title' must be text, found \(PageYAML.kind(title.value))",
                    at: frontMatter.location(title.key.mark, fallback: opening),
                    hint: "write `title: The page's title`"))
            }
        } else {
            diagnostics.append(missingTitle)
        }
        if let description = pairs["description"] {
            if let text = PageYAML.string(description.value) {
                page.description = text
            } else {
                diagnostics.append(.error(
                    "'description' must be text, found \(PageYAML.kind(description.value))",
                    at: frontMatter.location(description.key.mark, fallback: opening),
                    hint: "write `description: One sentence about the page`"))
            }
        }
        if let queries = pairs["queries"] {
            page.queries = NamedQueryParser.parse(queries.value, key: queries.key, frontMatter: frontMatter, page: page.name,
                                                  into: &diagnostics)
        }
        if let each = pairs["each"] {
            page.each = readEach(each.value, key: each.key, frontMatter: frontMatter, fallback: opening, into: &diagnostics)
            if let each = page.each {
                if page.queries.contains(where: { $0.name == EachSpec.queryName }) {
                    diagnostics.append(.error(
                        "a page with `each:` cannot name a query 'each'", at: page.queries.first { $0.name == EachSpec.queryName }?.location,
                        hint: "`{{each.column}}` quotes the page's row; rename the query"))
                }
                // `{{each.column}}` quotes the row: a named query the pipeline answers with it.
                page.queries.append(NamedQuery(name: EachSpec.queryName, sql: each.sql, page: page.name, location: each.location))
            }
        }
        if let order = pairs["order"] {
            if PageYAML.string(order.value) != nil, let number = order.value.int {
                page.order = number
            } else {
                diagnostics.append(.error(
                    "'order' must be an integer, found \(PageYAML.kind(order.value))",
                    at: frontMatter.location(order.value.mark ?? order.key.mark, fallback: opening),
                    hint: "write `order: 2`; pages are listed by ascending order"))
            }
        }
    }

    /// Reads `each: {sql: …, slug: …, index: …}`.
    private static func readEach(_ node: Node, key: Node, frontMatter: PageYAML, fallback: Diagnostic.Location,
                                 into diagnostics: inout [Diagnostic]) -> EachSpec? {
        let at = frontMatter.location(key.mark, fallback: fallback)
        let example = "write `each:` then `sql: select country from dim_country order by country`, indented"
        guard case .mapping(let mapping) = node else {
            diagnostics.append(.error("'each' must be a mapping with `sql:`, found \(PageYAML.kind(node))", at: at, hint: example))
            return nil
        }
        let pairs = frontMatter.knownPairs(of: mapping, allowed: ["sql", "slug", "index"], context: "each",
                                           fallback: at, into: &diagnostics)
        guard let sqlPair = pairs["sql"], let sql = PageYAML.string(sqlPair.value), !sql.allSatisfy(\.isWhitespace) else {
            diagnostics.append(.error("'each' needs `sql:`, one SELECT as text", at: at, hint: example))
            return nil
        }
        var each = EachSpec(sql: sql, location: frontMatter.location(sqlPair.key.mark, fallback: at))
        for name in ["slug", "index"] {
            guard let pair = pairs[name] else { continue }
            guard let text = PageYAML.string(pair.value), !text.allSatisfy(\.isWhitespace) else {
                diagnostics.append(.error("'\(name)' must be text, found \(PageYAML.kind(pair.value))",
                                          at: frontMatter.location(pair.key.mark, fallback: at),
                                          hint: name == "slug" ? "name the column whose value names each page: `slug: country`"
                                              : "write the list page's title: `index: Delegations`"))
                continue
            }
            if name == "slug" { each.slug = text } else { each.index = text }
        }
        return each
    }
}
