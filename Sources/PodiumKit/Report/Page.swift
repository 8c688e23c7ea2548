/// One page of the report: a `pages/*.md` file's front matter, chart blocks and Markdown.
///
/// Produced by ``PageParser/parse(text:path:name:)``; consumed by the queries (its ``charts``)
/// and by ``SiteRenderer`` (its narrative, through ``PageParser/renderBody(_:chartHTML:)``).
public struct Page: Equatable, Sendable {
    /// The file stem: `index` for `pages/index.md`. Names the output file `<name>.html`.
    public var name: String
    /// The page's path for diagnostics, relative to the project root (`pages/medals.md`).
    public var path: String
    /// `title:` from the front matter; the page's `<title>`, heading in the navigation.
    public var title: String
    /// `description:` from the front matter, for `<meta name="description">`.
    public var description: String?
    /// `order:` from the front matter: pages are listed by ascending order, unordered ones last.
    public var order: Int?
    /// The page's chart blocks, in document order.
    public var charts: [ChartSpec]
    /// The page's KPI blocks (```` ```kpi ````), in document order.
    public var kpis: [KPISpec] = []
    /// `queries:` from the front matter: results quoted in prose, in the order written.
    public var queries: [NamedQuery] = []
    /// The inline values (`{{totals.athletes}}`) of the prose, in document order (the order of
    /// ``Markdown/prose``).
    public var placeholders: [Placeholder] = []
    /// `each:` from the front matter: the page is a template, rendered once per row of a query.
    public var each: EachSpec?
    /// For a page made from a template: its row.
    public var entity: Entity?
    /// For a template's list page: the pages made from it, in the query's order.
    public var entityLinks: [EntityLink]?
    /// The Markdown after the front matter (chart blocks included, as fenced code).
    public var markdown: String
    /// The 1-based line of the page file on which ``markdown`` begins.
    public var markdownLine: Int
    /// The SHA-256 (hex) of the page file's text, set when the page is read from a project (a
    /// page made from a template has its template's): with the results it quotes and the site's
    /// theme and navigation, it decides whether the page's files can be kept from the last build.
    public var sourceDigest = ""

    /// Creates a page.
    public init(name: String, path: String, title: String, description: String? = nil,
                order: Int? = nil, charts: [ChartSpec] = [], markdown: String = "", markdownLine: Int = 1) {
        self.name = name
        self.path = path
        self.title = title
        self.description = description
        self.order = order
        self.charts = charts
        self.markdown = markdown
        self.markdownLine = markdownLine
    }

    /// Whether this is `pages/index.md`, the site's home page.
    public var isIndex: Bool { name == "index" }
}
