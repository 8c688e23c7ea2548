import Foundation

/// Expands page templates (`each:` in the front matter, see ``EachSpec``) into one page per row
/// of their query, and each template into its list page.
///
/// A row's values reach its page two ways, never as SQL text: `{{each.column}}` in prose is a
/// named query answered with the row (escaped like any inline value), and `:column` in the SQL of
/// the page's blocks and named queries is rewritten to the dialect's parameter with the value
/// bound (``SQLParameters``). Ids of blocks become `<id>--<slug>`, unique across the site.
enum EntityPages {
    /// What expanding produced.
    struct Expansion {
        /// The pages: each template replaced by its list page, then its pages in the query's order.
        var pages: [Page]
        /// The row of each page, keyed by the id of its `each` named query (`delegation/japan.each`).
        var rows: [String: QueryResult] = [:]
        /// The entity of each result id of a page made from a template, for query failures.
        var entities: [String: EntityOrigin] = [:]
    }

    /// The queries giving each template's rows (their ids `<page>.each`).
    static func eachQueries(_ pages: [Page]) -> [NamedQuery] {
        pages.compactMap { page in page.each == nil ? nil : page.queries.first { $0.name == EachSpec.queryName } }
    }

    /// Replaces each template of `pages` with its list page and pages.
    /// - Parameter results: the results of ``eachQueries(_:)``, by id.
    /// - Throws: `DiagnosticsError` for an unknown slug column or a `:name` that is no column of the row.
    static func expand(_ pages: [Page], results: [String: QueryResult], dialect: SQLDialect) throws -> Expansion {
        var diagnostics: [Diagnostic] = []
        // `:name` binds a template's row; on another page it would silently be NULL.
        for page in pages where page.each == nil { checkParameters(page, columns: nil, into: &diagnostics) }
        guard pages.contains(where: { $0.each != nil }) else {
            if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
            return Expansion(pages: pages)
        }
        var expansion = Expansion(pages: [])
        for page in pages {
            guard let each = page.each, let query = page.queries.first(where: { $0.name == EachSpec.queryName }),
                  let result = results[query.id] else {
                expansion.pages.append(page)
                continue
            }
            let before = diagnostics.count
            let slugColumn = each.slug ?? result.columns.first ?? ""
            guard let slugIndex = result.columnIndex(slugColumn) else {
                diagnostics.append(.error(
                    "each: the query has no column '\(slugColumn)'" + (slugColumn.closestMatch(in: result.columns).map { "; did you mean '\($0)'?" } ?? ""),
                    at: each.location, hint: "its columns are \(result.columns.joined(separator: ", ")); `slug:` names the column whose value names each page"))
                continue
            }
            checkParameters(page, columns: result.columns, into: &diagnostics)
            guard diagnostics.count == before else { continue }

            let slugs = Slug.assign(result.rows.map { $0[slugIndex].text })
            // The list page has no row: a description quoting one is left to the site's.
            let listDescription = page.description?.contains("{{") == true ? nil : page.description
            var list = Page(name: page.name, path: page.path, title: each.index ?? page.name, description: listDescription,
                            order: page.order)
            var links: [EntityLink] = []
            // Each SQL text bound once: the rows differ only in their values (the row's columns
            // bound to its parameters, in order).
            var prepared: [String: (sql: String, columns: [Int])] = [:]
            func prepare(_ sql: String) -> (sql: String, columns: [Int]) {
                if let known = prepared[sql] { return known }
                var columns: [Int] = []
                let done = SQLParameters.bind(sql, dialect: dialect) { column in
                    result.columnIndex(column).map { columns.append($0); return .null }
                }
                let found = done.bindings.isEmpty ? (sql, []) : (done.sql, columns)
                prepared[sql] = found
                return found
            }
            for row in result.rows {
                let value = row[slugIndex].text
                let slug = slugs[value]!
                let name = "\(page.name)/\(slug)"
                func bound(_ sql: String) -> (String?, [Value]) {
                    let done = prepare(sql)
                    return done.columns.isEmpty ? (nil, []) : (done.sql, done.columns.map { row[$0] })
                }
                var entity = page
                entity.name = name
                entity.each = nil
                entity.order = nil
                entity.entity = Entity(template: page.name, value: value, slug: slug)
                entity.title = title(page.title, columns: result.columns, row: row)
                entity.description = page.description.map { title($0, columns: result.columns, row: row) }
                let label = "\(page.name) '\(value)' (\(page.path))"
                func origin(_ id: String, _ templateID: String) -> EntityOrigin {
                    EntityOrigin(label: label, template: page.name, value: value, id: id, templateID: templateID)
                }
                entity.charts = page.charts.map { chart in
                    var chart = chart
                    let templateID = chart.id
                    chart.id = "\(chart.id)--\(slug)"
                    (chart.runSQL, chart.bindings) = bound(chart.sql)
                    expansion.entities[chart.id] = origin(chart.id, templateID)
                    return chart
                }
                entity.kpis = page.kpis.map { kpi in
                    var kpi = kpi
                    let templateID = kpi.id
                    kpi.id = "\(kpi.id)--\(slug)"
                    (kpi.runSQL, kpi.bindings) = bound(kpi.sql)
                    if let series = kpi.series { (kpi.runSeries, kpi.seriesBindings) = bound(series) }
                    expansion.entities[kpi.resultID] = origin(kpi.id, templateID)
                    expansion.entities[kpi.seriesResultID] = origin(kpi.id, templateID)
                    return kpi
                }
                entity.queries = page.queries.map { query in
                    var named = NamedQuery(name: query.name, sql: query.sql, page: name, location: query.location)
                    if query.name == EachSpec.queryName {
                        expansion.rows[named.id] = QueryResult(columns: result.columns, rows: [row])
                    } else {
                        (named.runSQL, named.bindings) = bound(query.sql)
                        expansion.entities[named.id] = origin(named.id, query.id)
                    }
                    return named
                }
                links.append(EntityLink(title: entity.title, path: "\(name).html"))
                expansion.pages.append(entity)
            }
            list.entityLinks = links
            expansion.pages.insert(list, at: expansion.pages.count - result.rows.count)
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        return expansion
    }

    /// The named queries to run: every page's, but not the `each` rows, which the expansion answers.
    static func queriesToRun(_ pages: [Page]) -> [NamedQuery] {
        pages.flatMap { page in page.entity == nil ? page.queries : page.queries.filter { $0.name != EachSpec.queryName } }
    }

    /// `{{each.column}}` in a title or description replaced by the row's value as text (the layout
    /// escapes both).
    static func title(_ template: String, columns: [String], row: [Value]) -> String {
        guard template.contains("{{") else { return template }
        var title = template
        // Only the columns the text names (a title runs once per row of a large template).
        for (index, column) in columns.enumerated() where title.contains(column) {
            for spelling in ["{{each.\(column)}}", "{{ each.\(column) }}"] where title.contains(spelling) {
                title = title.replacingOccurrences(of: spelling, with: row[index].text)
            }
        }
        return title
    }

    /// An error for each `:name` in the template's SQL that is no column of the `each` query, or,
    /// on a page that is no template (`columns` nil), for every `:name`.
    private static func checkParameters(_ page: Page, columns: [String]?, into diagnostics: inout [Diagnostic]) {
        var sqls: [(what: String, sql: String, location: Diagnostic.Location?)] = page.charts.map { ("chart '\($0.id)'", $0.sql, $0.location) }
        for kpi in page.kpis {
            sqls.append(("kpi '\(kpi.id)'", kpi.sql, kpi.location))
            if let series = kpi.series { sqls.append(("kpi '\(kpi.id)' series", series, kpi.location)) }
        }
        sqls += page.queries.filter { $0.name != EachSpec.queryName }.map { ("named query '\($0.name)'", $0.sql, $0.location) }
        for (what, sql, location) in sqls {
            guard let columns else {
                for reference in SQLParameters.references(in: sql) {
                    diagnostics.append(.error(
                        "\(what): parameter ':\(reference.name)' has no value: only a page template binds parameters",
                        at: location,
                        hint: "make the page a template with `each:` in its front matter (see README, \"Page templates\"), "
                            + "or write the value in the SQL; a ':' inside a string literal is not a parameter"))
                }
                continue
            }
            for reference in SQLParameters.references(in: sql) where !columns.contains(reference.name) {
                let suggestion = reference.name.closestMatch(in: columns)
                diagnostics.append(.error(
                    "\(what): parameter ':\(reference.name)' is no column of the `each` query"
                        + (suggestion.map { "; did you mean ':\($0)'?" } ?? ""),
                    at: location, hint: "the row's columns are \(columns.map { ":" + $0 }.joined(separator: ", "))"))
            }
        }
    }
}
