/// The indexes Podium adds to a warehouse it has just built: one on each column that a page
/// template's queries compare with a bound parameter (`where f.country_id = :country_id`).
///
/// A template's query runs once per page, with another value each time: without an index each
/// run scans the table, with one it reads only its rows. In the Tokyo project at ×100 (1.1 M
/// athlete entries, 206 delegation pages) the index on `fact_athlete_entry.country_id` takes
/// 0.27 s of CPU to build and turns a 34 ms scan into a 1.6 ms lookup 206 times over; the
/// `group by country_id` of the same pages reads it instead of sorting the table (500 → 46 ms).
///
/// Nothing else is indexed. A query that runs once reads its table once, and an index costs a
/// sort of the column: more than the scan it would save. Join keys are left to SQLite, which
/// makes a temporary index on a small dimension for the one query that needs it. Measured on the
/// wide benchmark, covering indexes on the fact table's join keys made two `count(distinct …)`
/// charts 5× faster but two other charts 2–3× slower (the planner then read the fact table
/// through the index, a random access per row), for no gain overall.
enum WarehouseIndexes {
    /// One indexed column.
    struct Key: Hashable, Comparable, Sendable {
        var table: String
        var column: String

        static func < (a: Key, b: Key) -> Bool { (a.table, a.column) < (b.table, b.column) }

        /// The index's name: `<table>__by_<column>`.
        var indexName: String { "\(table)__by_\(column)" }

        /// `CREATE INDEX IF NOT EXISTS …`, the same in SQLite and PostgreSQL.
        var createSQL: String {
            "CREATE INDEX IF NOT EXISTS \(SQLText.quote(indexName)) ON \(SQLText.quote(table)) (\(SQLText.quote(column)))"
        }
    }

    /// The keys of every template page's queries (charts, KPI blocks and their series, named
    /// queries but not the `each` query itself, which binds nothing), sorted.
    static func keys(for pages: [Page], tables: Set<String>) -> [Key] {
        var sqls: [String] = []
        for page in pages where page.each != nil {
            sqls += page.charts.map(\.sql)
            for kpi in page.kpis { sqls += [kpi.sql] + (kpi.series.map { [$0] } ?? []) }
            sqls += page.queries.filter { $0.name != EachSpec.queryName }.map(\.sql)
        }
        return Array(Set(sqls.flatMap { keys(in: $0, tables: tables) })).sorted()
    }

    /// The columns of `tables` that `sql` compares for equality with a parameter: `t.c = :p` or
    /// `:p = t.c`, where `t` is a table or its alias; an unqualified `c = :p` is taken as a column
    /// of the table named last before it (a subquery's own `FROM`), and is dropped later if
    /// that table has no such column.
    static func keys(in sql: String, tables: Set<String>) -> [Key] {
        var canonical: [String: String] = [:]
        for table in tables.sorted() where canonical[table.lowercased()] == nil { canonical[table.lowercased()] = table }
        let tokens = SQLTokenizer.tokenize(sql)
        // Tables named after FROM, JOIN or a comma, and the aliases they get.
        var aliases: [String: String] = [:]
        var named: [(index: Int, table: String)] = []
        for (index, token) in tokens.enumerated() {
            guard let name = token.identifier.flatMap({ canonical[$0.lowercased()] }), index > 0,
                  tokens[index - 1].isWord("from") || tokens[index - 1].isWord("join") || tokens[index - 1].isSymbol(",")
            else { continue }
            named.append((index, name))
            aliases[name.lowercased()] = name
            var next = index + 1
            if next < tokens.count, tokens[next].isWord("as") { next += 1 }
            if next < tokens.count, let alias = tokens[next].identifier, tokens[next].kind == .quotedIdentifier || !keywords.contains(alias.lowercased()) {
                aliases[alias.lowercased()] = name
            }
        }
        func unqualified(_ column: String, at index: Int) -> Key? {
            named.last { $0.index < index }.map { Key(table: $0.table, column: column) }
        }
        // A column reference ending just before `end` (exclusive) or starting at `start`.
        func column(endingBefore end: Int) -> Key? {
            guard end >= 1, let column = tokens[end - 1].identifier else { return nil }
            if end >= 3, tokens[end - 2].isSymbol("."), let qualifier = tokens[end - 3].identifier {
                return aliases[qualifier.lowercased()].map { Key(table: $0, column: column) }
            }
            return unqualified(column, at: end)
        }
        func column(startingAt start: Int) -> Key? {
            guard start < tokens.count, let first = tokens[start].identifier else { return nil }
            if start + 2 < tokens.count, tokens[start + 1].isSymbol("."), let column = tokens[start + 2].identifier {
                return aliases[first.lowercased()].map { Key(table: $0, column: column) }
            }
            return unqualified(first, at: start)
        }
        func isParameter(at index: Int) -> Bool {
            index + 1 < tokens.count && tokens[index].isSymbol(":") && tokens[index + 1].kind == .word
        }
        var found: [Key] = []
        for index in tokens.indices where tokens[index].isSymbol("=") {
            // Not `<=`, `>=`, `!=` or `==`.
            if index > 0, tokens[index - 1].kind == .symbol, ["<", ">", "!", "="].contains(tokens[index - 1].text) { continue }
            if index + 1 < tokens.count, tokens[index + 1].isSymbol("=") { continue }
            if isParameter(at: index + 1), let key = column(endingBefore: index) {
                found.append(key)
            } else if index >= 2, isParameter(at: index - 2), let key = column(startingAt: index + 1) {
                found.append(key)
            }
        }
        return found
    }

    /// Words after a table name that are not its alias.
    private static let keywords: Set<String> = [
        "where", "join", "inner", "left", "right", "full", "outer", "cross", "natural", "on", "using", "group", "order",
        "limit", "union", "except", "intersect", "having", "window", "as", "select", "from", "and", "or", "not", "offset",
    ]
}
