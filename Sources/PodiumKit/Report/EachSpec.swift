/// `each:` in a page's front matter: the page is a template, rendered once per row of a query.
///
/// ```yaml
/// each:
///   sql: select country, athletes from dim_country order by country
///   slug: country          # the column naming each page (default: the first)
///   index: Delegations     # the list page's title (default: the page's name)
/// ```
///
/// `pages/delegation.md` then gives `delegation.html` (the list page, in the navigation) and
/// `delegation/<slug>.html` per row. The row's values are `{{each.column}}` in the title and
/// prose, and `:column` in the SQL of the page's blocks and named queries, bound as parameters.
public struct EachSpec: Equatable, Sendable {
    /// The query whose rows give the pages.
    public var sql: String
    /// The column whose value names each page (its slug and link text); nil for the first column.
    public var slug: String?
    /// The list page's title.
    public var index: String?
    /// Where `sql:` is written.
    public var location: Diagnostic.Location?

    public init(sql: String, slug: String? = nil, index: String? = nil, location: Diagnostic.Location? = nil) {
        self.sql = sql
        self.slug = slug
        self.index = index
        self.location = location
    }

    /// The name of the row's named query: `{{each.country}}`.
    public static let queryName = "each"
}

/// The row a page made from a template stands for.
public struct Entity: Equatable, Sendable {
    /// The template page's name: the folder of the page (`delegation`).
    public var template: String
    /// The value of the slug column, as text (`Japan`).
    public var value: String
    /// The page's slug (`japan`).
    public var slug: String
}

/// Where a result of a page made from a template comes from, so a failure names its entity and
/// a failure every page shares is reported once.
public struct EntityOrigin: Equatable, Sendable {
    /// The entity's page: `delegation 'Japan' (pages/delegation.md)`.
    public var label: String
    /// The template page's name (`delegation`).
    public var template: String
    /// The value of the slug column (`Japan`).
    public var value: String
    /// The block's id on this page (`delegation-disciplines--japan`) and in the template
    /// (`delegation-disciplines`).
    public var id: String
    public var templateID: String
}

/// A link on a template's list page.
public struct EntityLink: Equatable, Sendable {
    /// The page's title, as text (escaped when rendered).
    public var title: String
    /// The page's path from the site root (`delegation/japan.html`).
    public var path: String
}
