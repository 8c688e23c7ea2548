/// An inline value in a page's prose: `{{totals.athletes}}`, `{{leader.country}}`,
/// `{{ranking#20.country}}`, `{{totals.share | percent(1)}}`, `{{leader.country | default: "no one"}}`,
/// `{{tied.country | list}}`.
///
/// Produced by ``PlaceholderParser`` when the page is read; resolved against its named query's
/// result by ``InlineValues`` and substituted into libcmark's text nodes by ``SiteRenderer``.
public struct Placeholder: Equatable, Sendable {
    /// The named query (a key of the page's `queries:`).
    public var query: String
    /// The 1-based row: `#20` in `{{ranking#20.country}}`; 1 (the first row) when not written.
    public var row: Int
    /// The result column.
    public var column: String
    /// How the value is written.
    public var format: ValueFormat
    /// The text for no such row or a NULL value (`| default: "no one"`).
    public var fallback: String?
    /// Whether it quotes the column of every row as one English list (`| list`: "A, B and C").
    public var list: Bool
    /// The placeholder as written, braces included.
    public var source: String
    /// Where it starts in its page; nil for pages built by hand.
    public var location: Diagnostic.Location?
    /// Whether it sits in a link destination (its value is URL-encoded there).
    public var inDestination: Bool

    /// Creates a placeholder.
    public init(query: String, row: Int = 1, column: String, format: ValueFormat = .automatic, fallback: String? = nil,
                list: Bool = false, source: String, location: Diagnostic.Location? = nil, inDestination: Bool = false) {
        self.query = query
        self.row = row
        self.column = column
        self.format = format
        self.fallback = fallback
        self.list = list
        self.source = source
        self.location = location
        self.inDestination = inDestination
    }
}
