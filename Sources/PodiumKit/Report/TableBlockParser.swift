import Yams

/// A table block's own options (`type: table` in a chart block): which columns, their titles,
/// formats and alignment, an in-cell bar and a row limit. The id, title, subtitle, sql and
/// `empty:` are the chart block's, in ``ChartSpec``.
public struct TableSpec: Equatable, Sendable {
    /// How a column's cells are aligned.
    public enum Alignment: String, Equatable, Sendable, CaseIterable {
        case left, center, right
    }

    /// A column named by one of the table's keys (`columns`, `titles`, `formats`, `align`,
    /// `bar`), and where: checked against the query's result once it has run.
    public struct ColumnReference: Equatable, Sendable {
        public var key: String
        public var column: String
        public var location: Diagnostic.Location?

        public init(key: String, column: String, location: Diagnostic.Location? = nil) {
            self.key = key
            self.column = column
            self.location = location
        }
    }

    /// `columns:` the columns shown, in this order; nil for every column in the query's order.
    public var columns: [String]?
    /// `titles:` column → heading; unlisted columns are headed by their name.
    public var titles: [String: String]
    /// `formats:` column → how its values are written (the inline values' formats).
    public var formats: [String: ValueFormat]
    /// `align:` column → alignment; by default numbers right, everything else left.
    public var align: [String: Alignment]
    /// `bar:` the numeric column whose cells also draw a bar proportional to the value.
    public var bar: String?
    /// `limit:` the most rows shown (a note says how many there are); nil for every row, up
    /// to ``TableBlock/rowLimit``.
    public var limit: Int?
    /// Every column the keys name, with where, in the order written.
    public var references: [ColumnReference]

    public init(columns: [String]? = nil, titles: [String: String] = [:], formats: [String: ValueFormat] = [:],
                align: [String: Alignment] = [:], bar: String? = nil, limit: Int? = nil,
                references: [ColumnReference] = []) {
        self.columns = columns
        self.titles = titles
        self.formats = formats
        self.align = align
        self.bar = bar
        self.limit = limit
        self.references = references
    }
}

/// Reads table blocks: chart blocks with `type: table`.
///
/// ```yaml
/// id: medal-table
/// type: table
/// title: Medal table
/// sql: select rank, country, gold, silver, bronze, total from medals order by rank
/// columns: [rank, country, gold, total]   # optional: choose and order the columns
/// titles: {country: Delegation}           # optional: column headings
/// formats: {rank: ordinal}                # optional: integer, fixed(N), percent(N), ordinal, change, date
/// align: {rank: left}                     # optional: left, center or right (numbers: right)
/// bar: total                              # optional: a bar in each cell of one numeric column
/// limit: 15                               # optional: show the first 15 rows, and say so
/// empty: No medals yet.                   # optional, as for charts
/// ```
///
/// A table is a chart block's `type` rather than a ``ChartKind`` case: every question the chart
/// kinds answer (orientation, axes, marks, legend) has no meaning for a table, and its options
/// have none for a chart. Sharing the block keeps the id, query, cache, exports and embed page.
public enum TableBlockParser {
    /// The value of `type:` that makes a chart block a table.
    public static let typeName = "table"
    /// The keys a table block may use.
    public static let keys = ["id", "type", "title", "subtitle", "sql", "columns", "titles", "formats", "align",
                              "bar", "limit", "empty"]
    /// The keys only a table may use: on a chart they are errors.
    public static var tableOnlyKeys: [String] { keys.filter { !ChartBlockParser.keys.contains($0) } }
    /// The keys only a chart may use: on a table they are errors.
    public static var chartOnlyKeys: [String] { ChartBlockParser.keys.filter { !keys.contains($0) } }

    /// Whether a chart block's mapping declares `type: table`.
    static func declaresTable(_ mapping: Node.Mapping) -> Bool {
        mapping.contains { key, value in
            PageYAML.string(key) == "type"
                && PageYAML.string(value)?.trimmingCharacters(in: .whitespaces) == typeName
        }
    }

    /// Reports the table-only keys of a chart block (one error each, at the key) and removes them.
    static func rejectTableKeys(in pairs: inout [String: (key: Node, value: Node)], kind: String, yaml: PageYAML,
                                fence: Diagnostic.Location, into diagnostics: inout [Diagnostic]) {
        for key in tableOnlyKeys {
            guard let pair = pairs.removeValue(forKey: key) else { continue }
            diagnostics.append(.error(
                "'\(key)' applies to tables, not \(kind) charts", at: yaml.location(pair.key.mark, fallback: fence),
                hint: "remove `\(key)`, or make the block a table with `type: table`"))
        }
    }

    /// Parses a chart block that declares `type: table`.
    /// - Returns: the chart spec carrying the table's options, or nil if the block has errors.
    static func parse(_ mapping: Node.Mapping, yaml: PageYAML, fence: Diagnostic.Location,
                      into diagnostics: inout [Diagnostic]) -> ChartSpec? {
        let before = diagnostics.count
        var pairs = yaml.knownPairs(of: mapping, allowed: keys + chartOnlyKeys, context: "table block",
                                    fallback: fence, into: &diagnostics)
        var reader = TableReader(yaml: yaml, fence: fence, pairs: pairs)
        for key in chartOnlyKeys {
            guard let pair = pairs.removeValue(forKey: key) else { continue }
            reader.error("'\(key)' applies to charts, not tables", at: yaml.location(pair.key.mark, fallback: fence),
                         hint: "remove `\(key)`: a table shows its columns as they are"
                             + " (`columns`, `titles`, `formats`, `align`, `bar`, `limit`); or change `type` to a chart kind")
        }
        reader.pairs = pairs
        let spec = reader.table()
        diagnostics.append(contentsOf: reader.diagnostics)
        return diagnostics.count == before ? spec : nil
    }
}

/// Reads the values of a table block's keys, collecting every problem.
private struct TableReader {
    let yaml: PageYAML
    let fence: Diagnostic.Location
    var pairs: [String: (key: Node, value: Node)]
    var diagnostics: [Diagnostic] = []
    var references: [TableSpec.ColumnReference] = []

    init(yaml: PageYAML, fence: Diagnostic.Location, pairs: [String: (key: Node, value: Node)]) {
        self.yaml = yaml
        self.fence = fence
        self.pairs = pairs
    }

    private func at(_ node: Node, or fallback: Node? = nil) -> Diagnostic.Location {
        yaml.location(node.mark ?? fallback?.mark, fallback: fence)
    }

    mutating func error(_ message: String, at location: Diagnostic.Location, hint: String) {
        diagnostics.append(.error(message, at: location, hint: hint))
    }

    private mutating func text(_ key: String, required: Bool, hint: String) -> String? {
        guard let pair = pairs[key] else {
            if required { error("table block is missing '\(key)'", at: fence, hint: "add `\(key): …`: \(hint)") }
            return nil
        }
        guard let value = PageYAML.string(pair.value), !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            error("'\(key)' must be text, found \(PageYAML.kind(pair.value))", at: at(pair.value, or: pair.key),
                  hint: "write `\(key): …`: \(hint)")
            return nil
        }
        return value
    }

    /// A column name (a non-empty scalar), recorded as a reference of `key`.
    private mutating func column(_ node: Node, key: String, hint: String) -> String? {
        guard let name = PageYAML.string(node), !name.isEmpty else {
            error("'\(key)' must name columns, found \(PageYAML.kind(node))", at: at(node), hint: hint)
            return nil
        }
        references.append(.init(key: key, column: name, location: at(node)))
        return name
    }

    /// A `column: value` mapping, each value read by `read` (nil: an error was reported).
    private mutating func columnMap<T>(_ key: String, hint: String,
                                      _ read: (inout TableReader, Node, String) -> T?) -> [String: T] {
        guard let pair = pairs[key] else { return [:] }
        guard case .mapping(let mapping) = pair.value else {
            error("'\(key)' must map columns to values, found \(PageYAML.kind(pair.value))",
                  at: at(pair.value, or: pair.key), hint: hint)
            return [:]
        }
        var result: [String: T] = [:]
        for (name, value) in mapping {
            guard let column = column(name, key: key, hint: hint) else { continue }
            if let read = read(&self, value, column) { result[column] = read }
        }
        return result
    }

    mutating func table() -> ChartSpec? {
        let id = text("id", required: true, hint: "a unique name for the table, like `medal-table`")
        if let id, !ChartBlockParser.isValidID(id), let pair = pairs["id"] {
            error("table id '\(id)' is not allowed", at: at(pair.value),
                  hint: "use lowercase letters, digits, '-' and '_', starting with a letter or digit: the id names files")
        }
        let title = text("title", required: true, hint: "the table's heading")
        let subtitle = text("subtitle", required: false, hint: "a caption under the title")
        let sql = text("sql", required: true, hint: "the SELECT whose rows the table shows")

        var columns: [String]?
        if let pair = pairs["columns"] {
            let hint = "write `columns: [country, gold, total]`, naming columns of the query in the order to show them"
            if case .sequence(let list) = pair.value, !list.isEmpty {
                var names: [String] = []
                for item in list {
                    guard let name = column(item, key: "columns", hint: hint) else { continue }
                    if names.contains(name) {
                        error("'columns' lists '\(name)' twice", at: at(item), hint: "list each column once")
                    }
                    names.append(name)
                }
                columns = names
            } else {
                error("'columns' must be a list of column names, found \(PageYAML.kind(pair.value))",
                      at: at(pair.value, or: pair.key), hint: hint)
            }
        }
        let titles: [String: String] = columnMap("titles", hint: "write `titles: {country: Delegation, gold: Gold}`") { reader, node, column in
            guard let title = PageYAML.string(node), !title.trimmingCharacters(in: .whitespaces).isEmpty else {
                reader.error("the title of '\(column)' must be text, found \(PageYAML.kind(node))", at: reader.at(node),
                             hint: "write `titles: {\(column): Heading}`")
                return nil
            }
            return title
        }
        let formats: [String: ValueFormat] = columnMap("formats", hint: "write `formats: {share: percent(1), rank: ordinal}`") { reader, node, column in
            guard let name = PageYAML.string(node), let format = ValueFormat.parse(name.trimmingCharacters(in: .whitespaces)) else {
                let written = PageYAML.string(node) ?? ""
                let suggestion = written.closestMatch(in: ["integer", "percent", "ordinal", "change", "date", "fixed(1)", "percent(1)"])
                reader.error("unknown format \(PageYAML.kind(node)) for '\(column)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                             at: reader.at(node), hint: "use one of: \(ValueFormat.names.joined(separator: ", "))")
                return nil
            }
            return format
        }
        let align: [String: TableSpec.Alignment] = columnMap("align", hint: "write `align: {rank: left}`") { reader, node, column in
            guard let name = PageYAML.string(node), let alignment = TableSpec.Alignment(rawValue: name) else {
                reader.error("'\(column)' must be aligned left, center or right, found \(PageYAML.kind(node))",
                             at: reader.at(node), hint: "write `align: {\(column): left}`")
                return nil
            }
            return alignment
        }
        var bar: String?
        if let pair = pairs["bar"] {
            bar = column(pair.value, key: "bar", hint: "write `bar: total`, naming one numeric column of the query")
        }
        var limit: Int?
        if let pair = pairs["limit"] {
            if PageYAML.string(pair.value) != nil, let number = pair.value.int, number >= 1 {
                limit = number
            } else {
                error("'limit' must be a whole number of at least 1, found \(PageYAML.kind(pair.value))",
                      at: at(pair.value, or: pair.key), hint: "write `limit: 15`: the table shows its first 15 rows and says how many there are")
            }
        }
        var empty: EmptyChart?
        if pairs["empty"] != nil,
           let text = text("empty", required: false, hint: "the text shown instead of an empty table, or `hide` to show nothing") {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            empty = trimmed == "hide" ? .hide : .text(trimmed)
        }
        guard let id, let title, let sql, diagnostics.isEmpty else { return nil }
        var spec = ChartSpec(id: id, kind: .bar, title: title, subtitle: subtitle, sql: sql, x: "", y: [],
                             empty: empty, location: fence)
        spec.table = TableSpec(columns: columns, titles: titles, formats: formats, align: align, bar: bar,
                               limit: limit, references: references)
        return spec
    }
}
