import Yams

/// Reads KPI blocks: fenced code blocks of a page whose info string starts with `kpi`.
///
/// The block's body is YAML:
///
/// ```yaml
/// id: games-in-numbers      # required; like a chart id, unique across the site's charts and KPIs
/// title: The Games in numbers  # optional heading
/// sql: select …             # required: one row; each tile reads a column of it
/// series: select …          # optional: ordered rows, the points of the tiles' sparklines
/// empty: not yet known      # optional: shown for a NULL value or no row (default: "–" and a warning)
/// tiles:                    # required: a non-empty list
///   - value: athletes       # required: a column of `sql`
///     label: Athlete entries  # required
///     format: integer       # optional: a value format, as in `{{q.col | integer}}`
///     share_of: total       # optional: a column of `sql`; shows "33.4% of 1,080"
///     compare: last_games   # optional: a column of `sql`; shows "+3 vs …" (the `change` format)
///     compare_label: Rio 2016  # optional: names the compared value ("+3 vs Rio 2016")
///     sparkline: athletes   # optional: a column of `series`
///     note: per delegation  # optional: a short text under the number (say what the sparkline shows)
///     empty: none yet       # optional: this tile's own fallback
/// ```
public enum KPIBlockParser {
    /// The first word of a KPI block's info string.
    public static let infoWord = "kpi"
    /// The keys a KPI block may use.
    public static let keys = ["id", "title", "sql", "series", "empty", "tiles"]
    /// The keys a tile may use.
    public static let tileKeys = ["value", "label", "format", "share_of", "compare", "compare_label", "sparkline", "note", "empty"]

    /// Parses one KPI block.
    /// - Parameters:
    ///   - block: the fenced code block.
    ///   - path: the page's display path.
    ///   - bodyLine: the page line on which the Markdown containing the block begins.
    ///   - diagnostics: receives every problem of the block, each at its line and column.
    /// - Returns: the block, or nil if it has errors.
    static func parse(_ block: Markdown.CodeBlock, path: String, bodyLine: Int,
                      into diagnostics: inout [Diagnostic]) -> KPISpec? {
        let fenceLine = bodyLine - 1 + block.line
        let fence = Diagnostic.Location(file: path, line: fenceLine, column: block.column)
        let yaml = PageYAML(path: path, yaml: block.literal, lineOffset: fenceLine, columnOffset: block.column - 1)
        let before = diagnostics.count
        let hint = "declare the block: at least `id`, `sql` and `tiles` (a list of `- value: column` and `label: …`)"
        guard let root = yaml.compose(fallback: fence, what: "kpi block", into: &diagnostics) else {
            if diagnostics.count == before { diagnostics.append(.error("kpi block is empty", at: fence, hint: hint)) }
            return nil
        }
        guard case .mapping(let mapping) = root else {
            diagnostics.append(.error("kpi block must be `key: value` lines, found \(PageYAML.kind(root))",
                                      at: yaml.location(root.mark, fallback: fence), hint: hint))
            return nil
        }
        var reader = KPIReader(yaml: yaml, fence: fence, context: "kpi block",
                               pairs: yaml.knownPairs(of: mapping, allowed: keys, context: "kpi block",
                                                      fallback: fence, into: &diagnostics))
        let spec = reader.block()
        diagnostics.append(contentsOf: reader.diagnostics)
        return diagnostics.count == before ? spec : nil
    }
}

/// Reads the keys of a KPI block or of one of its tiles, collecting every problem.
private struct KPIReader {
    let yaml: PageYAML
    let fence: Diagnostic.Location
    let context: String
    let pairs: [String: (key: Node, value: Node)]
    var diagnostics: [Diagnostic] = []

    init(yaml: PageYAML, fence: Diagnostic.Location, context: String, pairs: [String: (key: Node, value: Node)]) {
        self.yaml = yaml
        self.fence = fence
        self.context = context
        self.pairs = pairs
    }

    /// Where a key's value is (or the key, for an empty value).
    func at(_ key: String) -> Diagnostic.Location? {
        pairs[key].map { yaml.location($0.value.mark ?? $0.key.mark, fallback: fence) }
    }

    /// A text value: nil (and an error) when required and missing, or when not text.
    mutating func text(_ key: String, required: Bool, hint: String) -> String? {
        guard let pair = pairs[key] else {
            if required {
                diagnostics.append(.error("\(context) is missing '\(key)'", at: fence, hint: "add `\(key): …`: \(hint)"))
            }
            return nil
        }
        guard let value = PageYAML.string(pair.value), !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            diagnostics.append(.error("'\(key)' must be text, found \(PageYAML.kind(pair.value))", at: at(key) ?? fence,
                                      hint: "write `\(key): …`: \(hint)"))
            return nil
        }
        return value
    }

    mutating func block() -> KPISpec? {
        let id = text("id", required: true, hint: "a unique name for the block, like `games-in-numbers`")
        if let id, !ChartBlockParser.isValidID(id) {
            diagnostics.append(.error("kpi id '\(id)' is not allowed", at: at("id") ?? fence,
                                      hint: "use lowercase letters, digits, '-' and '_', starting with a letter or digit: the id names files"))
        }
        let title = text("title", required: false, hint: "a heading over the tiles")
        let sql = text("sql", required: true, hint: "the SELECT whose first row holds the tiles' values")
        let series = text("series", required: false, hint: "a SELECT whose ordered rows are the sparklines' points")
        let empty = text("empty", required: false, hint: "the text shown for a value that is NULL or missing")
        let tiles = tileList(hasSeries: series != nil)
        guard let id, let sql, let tiles, diagnostics.isEmpty else { return nil }
        return KPISpec(id: id, title: title, sql: sql, series: series, tiles: tiles,
                       empty: empty?.trimmingCharacters(in: .whitespacesAndNewlines), location: fence)
    }

    /// `tiles`: a non-empty list of mappings.
    private mutating func tileList(hasSeries: Bool) -> [KPISpec.Tile]? {
        let hint = "write `tiles:` then one `- value: column` with `label: …` per tile"
        guard let pair = pairs["tiles"] else {
            diagnostics.append(.error("kpi block is missing 'tiles'", at: fence, hint: hint))
            return nil
        }
        guard case .sequence(let list) = pair.value, !list.isEmpty else {
            diagnostics.append(.error("'tiles' must be a list of tiles, found \(PageYAML.kind(pair.value))",
                                      at: at("tiles") ?? fence, hint: hint))
            return nil
        }
        var tiles: [KPISpec.Tile] = []
        var valid = true
        for item in list {
            let itemAt = yaml.location(item.mark, fallback: fence)
            guard case .mapping(let mapping) = item else {
                diagnostics.append(.error("a tile must be `key: value` lines, found \(PageYAML.kind(item))", at: itemAt, hint: hint))
                valid = false
                continue
            }
            var reader = KPIReader(yaml: yaml, fence: itemAt, context: "tile",
                                   pairs: yaml.knownPairs(of: mapping, allowed: KPIBlockParser.tileKeys, context: "tile",
                                                          fallback: itemAt, into: &diagnostics))
            let tile = reader.tile(hasSeries: hasSeries)
            diagnostics += reader.diagnostics
            if let tile { tiles.append(tile) } else { valid = false }
        }
        return valid ? tiles : nil
    }

    /// One tile's keys.
    private mutating func tile(hasSeries: Bool) -> KPISpec.Tile? {
        let value = text("value", required: true, hint: "the column of the block's `sql` holding the number")
        let label = text("label", required: true, hint: "the text over the number, like `Athlete entries`")
        var format = ValueFormat.automatic
        if let name = text("format", required: false, hint: "one of \(ValueFormat.names.joined(separator: ", "))") {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            if let parsed = ValueFormat.parse(trimmed) {
                format = parsed
            } else {
                let plain = ValueFormat.names.map { $0.replacingOccurrences(of: "(N)", with: "") }
                let suggestion = trimmed.closestMatch(in: plain)
                diagnostics.append(.error("unknown format '\(trimmed)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                                          at: at("format") ?? fence,
                                          hint: "use one of: \(ValueFormat.names.joined(separator: ", ")) (N: digits after the point)"))
            }
        }
        let shareOf = text("share_of", required: false, hint: "the column holding the total this value is a share of")
        let compare = text("compare", required: false, hint: "the column holding the value to compare with")
        let compareLabel = text("compare_label", required: false, hint: "how the comparison names the other value")
        if compareLabel != nil, compare == nil, let pair = pairs["compare_label"] {
            diagnostics.append(.error("'compare_label' needs 'compare'", at: yaml.location(pair.key.mark, fallback: fence),
                                      hint: "add `compare: column` naming the value to compare with, or remove `compare_label`"))
        }
        if shareOf != nil, compare != nil, let pair = pairs["compare"] {
            diagnostics.append(.error("a tile shows one comparison: 'share_of' or 'compare', not both",
                                      at: yaml.location(pair.key.mark, fallback: fence),
                                      hint: "keep one of them; put the other number in a tile of its own"))
        }
        let sparkline = text("sparkline", required: false, hint: "a column of the block's `series` query")
        if sparkline != nil, !hasSeries, let pair = pairs["sparkline"] {
            diagnostics.append(.error("'sparkline' needs the block's 'series' query", at: yaml.location(pair.key.mark, fallback: fence),
                                      hint: "add `series: select …` to the block: a query whose ordered rows are the sparkline's points"))
        }
        let empty = text("empty", required: false, hint: "the text shown when this value is NULL or missing")
        let note = text("note", required: false, hint: "a short text under the number")
        guard let value, let label, diagnostics.isEmpty else { return nil }
        var locations: [String: Diagnostic.Location] = [:]
        for key in ["value", "share_of", "compare", "sparkline"] { locations[key] = at(key) }
        return KPISpec.Tile(value: value, label: label, format: format, shareOf: shareOf, compare: compare,
                            compareLabel: compareLabel, sparkline: sparkline,
                            empty: empty?.trimmingCharacters(in: .whitespacesAndNewlines), note: note, locations: locations)
    }
}

extension KPIBlockParser {
    /// Every KPI block of a page, in document order; an id used twice in the page, or by one of
    /// its charts, is an error at the second use.
    static func blocks(in markdown: Markdown, path: String, bodyLine: Int, charts: [String: ChartSpec],
                       into diagnostics: inout [Diagnostic]) -> [KPISpec] {
        var seen: [String: Diagnostic.Location?] = charts.mapValues(\.location)
        var blocks: [KPISpec] = []
        for block in markdown.codeBlocks where block.language == infoWord {
            guard let spec = parse(block, path: path, bodyLine: bodyLine, into: &diagnostics) else { continue }
            if let first = seen[spec.id] {
                diagnostics.append(.error(
                    "kpi id '\(spec.id)' is used twice in this page", at: spec.location,
                    notes: [.init("first used here", at: first)],
                    hint: "give each chart and kpi block its own id: it names the embed and data files"))
                continue
            }
            seen[spec.id] = spec.location
            blocks.append(spec)
        }
        return blocks
    }
}
