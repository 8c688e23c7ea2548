/// A query a page declares in its front matter (`queries: {totals: "select …"}`) to quote its
/// values in prose, not to draw them.
///
/// Produced by ``PageParser``; run with the charts' queries, through the result cache
/// (`Pipeline/ChartQueries`); its result is read by ``InlineValues``.
public struct NamedQuery: Equatable, Sendable {
    /// The name placeholders use: `totals` in `{{totals.athletes}}`. Unique within its page.
    public var name: String
    /// One read-only SELECT, like a chart's `sql:`.
    public var sql: String
    /// `<page>.<name>` (`index.totals`): the result's name in the cache and in `--explain`.
    /// Chart ids cannot hold a `.`, so it never meets one.
    public var id: String
    /// Where its SQL is written in the page's front matter.
    public var location: Diagnostic.Location?
    /// The values bound to the SQL's numbered parameters (a page template's entity).
    public var bindings: [Value] = []
    /// The SQL as run when it differs from `sql`: a page template's `:name` parameters rewritten to the engine's (`?1`, `$1`).
    public var runSQL: String?

    /// Creates a named query of the page named `page`.
    public init(name: String, sql: String, page: String, location: Diagnostic.Location? = nil) {
        self.name = name
        self.sql = sql
        self.id = "\(page).\(name)"
        self.location = location
    }
}
