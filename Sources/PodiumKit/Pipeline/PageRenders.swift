/// What the last build rendered for one page: the key of everything the page's files were made
/// from, the files, and the warnings its values gave (repeated when the page is kept).
struct PageRender: Codable, Equatable {
    /// See ``PageRenders/key(of:)``.
    var key: String
    /// The paths of the page's files: the page, and its blocks' embed pages, SVG and data files.
    var files: [String]
    /// Warnings of the page's inline values, KPI values and empty charts, in that order.
    var inline: [Diagnostic] = []
    var kpi: [Diagnostic] = []
    var empty: [Diagnostic] = []
}

/// Which pages keep the files the last build wrote for them, so that an edit to one page renders
/// one page: a page is kept when the key of its inputs is the last build's and its files are on
/// disk as that build left them (by stat data, as the no-change check trusts them).
///
/// A page's key is the SHA-256 of: the tool; what every page shares (the site's title,
/// description, language, address and `allow_html`, the theme's digest, and the navigation:
/// the home page and each listed page's title and path); the page's file text (a template's for
/// its pages), name, title, description and row; its list page's links; and the hash of the result
/// of each of its blocks and named queries as stored (its columns and values: a result recomputed
/// from changed tables to the same values keeps the page). Rendering is a function of these and
/// nothing else: equal keys give equal bytes.
struct PageRenders {
    /// The pages kept from the last build, by name.
    private(set) var kept: [String: PageRender] = [:]

    /// The ids of the results a page quotes: its blocks', KPI blocks' and named queries'.
    static func resultIDs(of page: Page) -> [String] {
        page.charts.map(\.id) + page.kpis.flatMap { $0.series == nil ? [$0.resultID] : [$0.resultID, $0.seriesResultID] }
            + page.queries.map(\.id)
    }

    /// Computes every page's key and decides which are kept.
    /// - Parameters:
    ///   - site: the site (its results are not read).
    ///   - tool: the fingerprint of the tool.
    ///   - stamps: the key and content hash of each result, by id.
    ///   - rows: results known without a key (a template page's row), by id.
    ///   - previous: the last build's pages, by name.
    ///   - outputs: the last build's files as it left them, by path (empty: nothing is kept).
    ///   - output: the output folder.
    init(site: SiteModel, tool: String, stamps: [String: ResultStamp], rows: [String: QueryResult],
         previous: [String: PageRender], outputs: [String: FileStamp], output: String) {
        for (name, key) in Self.keys(site: site, tool: tool, stamps: stamps, rows: rows) {
            if let last = previous[name], last.key == key,
               last.files.allSatisfy({ path in outputs[path].map { OutputCheck.matches(output + "/" + path, $0) } ?? false }) {
                kept[name] = last
            }
        }
    }

    /// Each page's key, by page name. A result queried by this build has its content hash only
    /// once stored: the keys saved for the next build are computed again then.
    static func keys(site: SiteModel, tool: String, stamps: [String: ResultStamp], rows: [String: QueryResult]) -> [String: String] {
        var shared = SHA256()
        shared.update("podium-page 1\n\(tool)\n")
        for field in [site.title, site.description ?? "", site.language, site.baseURL ?? "", "\(site.allowHTML)",
                      site.templates.digest, site.homePage?.name ?? ""] {
            shared.update(Self.field(field))
        }
        for page in site.pages where page.entity == nil {
            shared.update(Self.field(page.title) + Self.field(site.outputPath(of: page)))
        }
        let sharedKey = shared.finalize()
        var keys: [String: String] = [:]
        for page in site.pages {
            var hasher = SHA256()
            hasher.update(sharedKey)
            var fields = [page.sourceDigest, page.name, page.path, page.title, page.description ?? "\u{1}"]
            if let entity = page.entity { fields += [entity.template, entity.value, entity.slug] }
            for link in page.entityLinks ?? [] { fields += [link.title, link.path] }
            for id in Self.resultIDs(of: page) {
                if let stamp = stamps[id] {
                    fields += [id, stamp.content ?? stamp.key]
                } else if let row = rows[id] {
                    fields += [id, row.columns.joined(separator: "\u{0}"), ChartQueries.describe(row.rows.flatMap { $0 })]
                } else {
                    fields += [id, "\u{1}no result"]
                }
            }
            for field in fields { hasher.update(Self.field(field)) }
            keys[page.name] = hasher.finalize()
        }
        return keys
    }

    /// A field of a key, length-prefixed: distinct lists of fields give distinct keys.
    private static func field(_ text: String) -> String { "\(text.utf8.count):\(text)\n" }

    /// The ids of the results that kept pages quote: those need not be read.
    func unneededResults(of pages: [Page]) -> Set<String> {
        Set(pages.filter { kept[$0.name] != nil }.flatMap(Self.resultIDs(of:)))
    }
}
