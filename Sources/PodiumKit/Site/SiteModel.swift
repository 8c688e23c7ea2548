/// Everything ``SiteRenderer`` needs to build the site. Assembled by the pipeline from
/// podium.yaml, the parsed pages, the query results and the loaded theme.
public struct SiteModel: Sendable {
    /// The site's title (podium.yaml `title`).
    public var title: String
    /// The site's description (podium.yaml `description`).
    public var description: String?
    /// The `lang` of every page.
    public var language: String
    /// The public address of the site (podium.yaml `url:`, `https://example.org/olympics/`): the
    /// `<iframe>` snippets, canonical links, `og:url` and `sitemap.xml` use it; without it the
    /// snippet is relative and there is no canonical link or sitemap.
    public var baseURL: String?
    /// The pages, in navigation order (see ``PageParser/sortedForNavigation(_:)``).
    public var pages: [Page]
    /// Query results held in memory, keyed by chart id and by named query id (`index.totals`,
    /// see ``NamedQuery/id``): with ``shelf``'s stored ones, one for every chart and named query.
    public var results: [String: QueryResult] {
        get { shelf.held }
        set { shelf.held = newValue }
    }
    /// Every result the pages read: those held (``results``), and those a build left in the
    /// result cache, read page by page.
    var shelf: ResultShelf
    /// The theme.
    public var templates: TemplateLibrary
    /// Whether pages keep their raw HTML (podium.yaml `allow_html: true`).
    public var allowHTML: Bool

    /// Creates a site model.
    public init(title: String, description: String? = nil, language: String = "en", baseURL: String? = nil,
                pages: [Page], results: [String: QueryResult], templates: TemplateLibrary, allowHTML: Bool = false) {
        self.title = title
        self.description = description
        self.language = language
        self.baseURL = baseURL
        self.pages = pages
        shelf = ResultShelf(held: results)
        self.templates = templates
        self.allowHTML = allowHTML
    }

    /// The page served as `index.html`: the page named `index`, else the first page.
    public var homePage: Page? { pages.first(where: \.isIndex) ?? pages.first }

    /// The absolute address of an output file (`delegation/japan.html` →
    /// `https://example.org/olympics/delegation/japan.html`); the home page, `index.html`, is the
    /// base address itself. Nil without ``baseURL``.
    public func absoluteURL(of path: String) -> String? {
        guard var base = baseURL, !base.isEmpty else { return nil }
        if !base.hasSuffix("/") { base += "/" }
        return path == "index.html" ? base : base + path
    }

    /// Whether the site has a public address (``baseURL``): then embed snippets, canonical links
    /// and the sitemap are absolute.
    public var hasPublicAddress: Bool { absoluteURL(of: "index.html") != nil }

    /// The output path of a page: `index.html` for the home page, else `<name>.html`.
    public func outputPath(of page: Page) -> String {
        page.name == homePage?.name ? "index.html" : "\(page.name).html"
    }
}
