import Yams

/// Reads a page's `queries:` front matter: a mapping from a name to one SELECT.
///
///     queries:
///       totals: select count(*) as athletes from fact_athlete_entry
///       leader: |
///         select c.country, count(*) as athletes
///         from fact_athlete_entry as f join dim_country as c using (country_id)
///         group by c.country order by athletes desc, c.country limit 1
enum NamedQueryParser {
    /// The page's named queries, in the order written; each problem a diagnostic at its place.
    static func parse(_ node: Node, key: Node, frontMatter: PageYAML, page: String,
                      into diagnostics: inout [Diagnostic]) -> [NamedQuery] {
        let fallback = frontMatter.location(key.mark, fallback: Diagnostic.Location(file: frontMatter.path, line: 1))
        let example = "write `queries:` then one `name: select …` line per query, indented"
        guard case .mapping(let mapping) = node else {
            diagnostics.append(.error("'queries' must be a mapping from names to SQL, found \(PageYAML.kind(node))",
                                      at: frontMatter.location(node.mark, fallback: fallback), hint: example))
            return []
        }
        var queries: [NamedQuery] = []
        for (name, value) in mapping {
            let at = frontMatter.location(name.mark, fallback: fallback)
            guard let text = PageYAML.string(name), PlaceholderParser.isName(text) else {
                diagnostics.append(.error(
                    "query name \(PageYAML.kind(name)) is not a name", at: at,
                    hint: "name a query with letters, digits and _ (not starting with a digit), like `totals`"))
                continue
            }
            guard let sql = PageYAML.string(value), !sql.allSatisfy(\.isWhitespace) else {
                diagnostics.append(.error(
                    "query '\(text)' must be one SELECT as text, found \(PageYAML.kind(value))", at: at,
                    hint: "write `\(text): select …`; use `|` and indented lines for a long query"))
                continue
            }
            queries.append(NamedQuery(name: text, sql: sql, page: page, location: at))
        }
        return queries
    }
}
