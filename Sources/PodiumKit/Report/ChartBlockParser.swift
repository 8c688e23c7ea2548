import Foundation
import Yams

/// Reads chart blocks: fenced code blocks of a page whose info string starts with `chart`.
///
/// The block's body is YAML:
///
/// ```yaml
/// id: medals-top15          # required; a-z, 0-9, '-' and '_', starting with a letter or digit
/// type: bar                 # bar (default) | hbar | line | area; `table` is a table block (``TableBlockParser``)
/// title: Gold medals        # required
/// subtitle: Tokyo 2020      # optional
/// sql: select …             # required
/// x: country                # required: the category (bar) or x (line) column
/// y: [gold, silver]         # required: one column or a list of columns, one series each
/// colors: {gold: "#E69F00"} # optional: series → CSS colour
/// x_title: Country          # optional axis titles
/// y_title: Medals
/// stacked: true             # bar, hbar: stack the series (default: side by side)
/// markers: false            # line, area: point markers on or off (default: when there is room)
/// max_points: 500           # line, area: downsample longer series (LTTB; default 1000)
/// empty: No rows yet.       # optional: text instead of the chart when there is nothing to draw,
///                           # or `hide` to render nothing (default: "No data" and a warning)
/// ```
public enum ChartBlockParser {
    /// The first word of a chart block's info string.
    public static let infoWord = "chart"
    /// The keys a chart block may use.
    public static let keys = ["id", "type", "title", "subtitle", "sql", "x", "y", "colors", "x_title", "y_title",
                              "stacked", "markers", "max_points", "empty"]

    /// Whether `id` can name a chart: lowercase letters, digits, `-` and `_`, starting with a
    /// letter or digit. Ids become file names, so nothing else (no `/`, `.`, spaces) is allowed.
    public static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, isLowerAlphanumeric(first) else { return false }
        return id.unicodeScalars.allSatisfy { isLowerAlphanumeric($0) || $0 == "-" || $0 == "_" }
    }

    /// Whether `color` is a CSS colour the charts accept: `#rgb`, `#rrggbb`, `#rrggbbaa`, a
    /// colour name, `rgb(…)`, `hsl(…)` or `var(--name)`. Nothing that could end an attribute.
    public static func isValidColor(_ color: String) -> Bool {
        ColorSyntax.isValid(color)
    }

    /// Problems between a chart and its query result: `x`, `y` or `colors` naming a column
    /// the query does not return, and a `y` column of text, which has no number to draw.
    /// - Returns: one error per unknown column, at its name in the block, with a suggestion; one
    ///   per text `y` column, at its name in the block.
    public static func check(_ chart: ChartSpec, against result: QueryResult) -> [Diagnostic] {
        if let table = chart.table { return TableBlock.check(chart, table, against: result) }
        var diagnostics: [Diagnostic] = []
        let available = result.columns.map { "'\($0)'" }.joined(separator: ", ")
        for (key, column) in [("x", chart.x)] + chart.y.map({ ("y", $0) }) where result.columnIndex(column) == nil {
            let suggestion = column.closestMatch(in: result.columns)
            diagnostics.append(.error(
                "chart '\(chart.id)': \(key) column '\(column)' is not in the query's result"
                    + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                at: (key == "x" ? chart.xLocation : chart.yLocations[column]) ?? chart.location,
                hint: "the query returns \(available.isEmpty ? "no columns" : available); name one of them or change the sql"))
        }
        for column in chart.y {
            guard let index = result.columnIndex(column) else { continue }
            var firstText: String?, numbers = false
            for row in result.rows where index < row.count {
                switch row[index] {
                case .text(let text): firstText = firstText ?? text
                case .integer, .real: numbers = true
                case .null: break
                }
                if firstText != nil, numbers { break }
            }
            guard let firstText else { continue }
            let numeric = result.columns.indices.filter { other in
                other != index && result.rows.contains { other < $0.count && $0[other].number != nil }
                    && result.rows.allSatisfy { other >= $0.count || $0[other].number != nil || $0[other] == .null }
            }.map { "'\(result.columns[$0])'" }
            let shown = firstText.count > 40 ? String(firstText.prefix(39)) + "…" : firstText
            diagnostics.append(.error(
                "chart '\(chart.id)': y column '\(column)' "
                    + (numbers ? "mixes text and numbers" : "is a text column")
                    + " (its \(numbers ? "first text " : "")value is '\(shown)'); a chart draws numbers",
                at: chart.yLocations[column] ?? chart.location,
                hint: "choose a numeric column for `y`"
                    + (numeric.isEmpty ? "" : " (the query's numeric columns: \(numeric.joined(separator: ", ")))")
                    + ", or, if it holds numbers stored as text, cast them in the sql: `cast(\(column) as real) as \(column)`"))
        }
        return diagnostics
    }

    /// Parses one chart block.
    /// - Parameters:
    ///   - block: the fenced code block.
    ///   - path: the page's display path.
    ///   - bodyLine: the page line on which the Markdown containing the block begins.
    ///   - diagnostics: receives every problem of the block.
    /// - Returns: the chart, or nil if the block has errors.
    static func parse(_ block: Markdown.CodeBlock, path: String, bodyLine: Int,
                      into diagnostics: inout [Diagnostic]) -> ChartSpec? {
        let fenceLine = bodyLine - 1 + block.line
        let fence = Diagnostic.Location(file: path, line: fenceLine, column: block.column)
        let yaml = PageYAML(path: path, yaml: block.literal, lineOffset: fenceLine, columnOffset: block.column - 1)
        let before = diagnostics.count
        guard let root = yaml.compose(fallback: fence, what: "chart block", into: &diagnostics) else {
            if diagnostics.count == before {
                diagnostics.append(.error("chart block is empty", at: fence,
                                          hint: "declare the chart: at least `id`, `title`, `sql`, `x` and `y`"))
            }
            return nil
        }
        guard case .mapping(let mapping) = root else {
            diagnostics.append(.error(
                "chart block must be `key: value` lines, found \(PageYAML.kind(root))",
                at: yaml.location(root.mark, fallback: fence),
                hint: "declare the chart: at least `id`, `title`, `sql`, `x` and `y`"))
            return nil
        }
        if TableBlockParser.declaresTable(mapping) {
            return TableBlockParser.parse(mapping, yaml: yaml, fence: fence, into: &diagnostics)
        }
        var pairs = yaml.knownPairs(of: mapping, allowed: keys + TableBlockParser.tableOnlyKeys, context: "chart block",
                                    fallback: fence, into: &diagnostics)
        TableBlockParser.rejectTableKeys(in: &pairs, kind: pairs["type"].flatMap { PageYAML.string($0.value) } ?? "bar",
                                         yaml: yaml, fence: fence, into: &diagnostics)
        var reader = Reader(yaml: yaml, fence: fence, pairs: pairs)
        let chart = reader.chart()
        diagnostics.append(contentsOf: reader.diagnostics)
        return diagnostics.count == before ? chart : nil
    }

    private static func isLowerAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}

/// Reads the values of a chart block's keys, collecting every problem.
private struct Reader {
    let yaml: PageYAML
    let fence: Diagnostic.Location
    let pairs: [String: (key: Node, value: Node)]
    var diagnostics: [Diagnostic] = []

    init(yaml: PageYAML, fence: Diagnostic.Location, pairs: [String: (key: Node, value: Node)]) {
        self.yaml = yaml
        self.fence = fence
        self.pairs = pairs
    }

    /// Where a value is (or its key, for an empty value).
    private func at(_ pair: (key: Node, value: Node)) -> Diagnostic.Location {
        yaml.location(pair.value.mark ?? pair.key.mark, fallback: fence)
    }

    private mutating func error(_ message: String, at location: Diagnostic.Location, hint: String) {
        diagnostics.append(.error(message, at: location, hint: hint))
    }

    /// A text value: nil (and an error) when required and missing, or when not text.
    private mutating func text(_ key: String, required: Bool, hint: String) -> String? {
        guard let pair = pairs[key] else {
            if required { error("chart block is missing '\(key)'", at: fence, hint: "add `\(key): …`: \(hint)") }
            return nil
        }
        guard let value = PageYAML.string(pair.value),
            !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else {
            error("'\(key)' must be text, found \(PageYAML.kind(pair.value))", at: at(pair), hint: "write `\(key): …`: \(hint)")
            return nil
        }
        return value
    }

    mutating func chart() -> ChartSpec? {
        let id = text("id", required: true, hint: "a unique name for the chart, like `medals-by-country`")
        if let id, !ChartBlockParser.isValidID(id), let pair = pairs["id"] {
            error("chart id '\(id)' is not allowed", at: at(pair),
                  hint: "use lowercase letters, digits, '-' and '_', starting with a letter or digit: the id names files")
        }
        var kind = ChartKind.bar
        let kindNames = ChartKind.allCases.map(\.rawValue)
        let kindList = kindNames.dropLast().joined(separator: ", ") + " or " + kindNames.last!
        if let type = text("type", required: false, hint: kindList), let pair = pairs["type"] {
            if let parsed = ChartKind(rawValue: type) {
                kind = parsed
            } else {
                let kinds = ChartKind.allCases.map(\.rawValue) + [TableBlockParser.typeName]
                let suggestion = type.closestMatch(in: kinds)
                error("unknown chart type '\(type)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                      at: at(pair), hint: "use one of: \(kinds.joined(separator: ", "))")
            }
        }
        let title = text("title", required: true, hint: "the chart's heading")
        let subtitle = text("subtitle", required: false, hint: "a caption under the title")
        let sql = text("sql", required: true, hint: "the SELECT whose rows the chart draws")
        let x = text("x", required: true, hint: "the column of categories (bar) or x values (line)")
        let seriesAndPlaces = series()
        let y = seriesAndPlaces?.map(\.name)
        let colors = colorMap(series: y ?? [])
        let xTitle = text("x_title", required: false, hint: "the category or x axis title")
        let yTitle = text("y_title", required: false, hint: "the value axis title")
        let stacked = flag("stacked", hint: "`stacked: true` stacks the bars of each category")
        let markers = flag("markers", hint: "`markers: true` draws every point, `false` none")
        let maxPoints = maxPointCount()
        let empty = emptyChart()
        let applies: [(key: String, kinds: [ChartKind])] = [("stacked", ChartKind.allCases.filter(\.stacks)),
                                                            ("markers", ChartKind.allCases.filter(\.hasPointMarkers)),
                                                            ("max_points", ChartKind.allCases.filter(\.downsamples))]
        for (key, kinds) in applies where !kinds.contains(kind) {
            guard let pair = pairs[key] else { continue }
            let names = kinds.map(\.rawValue).joined(separator: " and ")
            error("'\(key)' applies to \(names) charts, not \(kind.rawValue)", at: yaml.location(pair.key.mark, fallback: fence),
                  hint: "remove `\(key)`, or change `type` to \(kinds.map { "`\($0.rawValue)`" }.joined(separator: " or "))")
        }

        guard let id, let title, let sql, let x, let y, let colors, diagnostics.isEmpty else { return nil }
        return ChartSpec(id: id, kind: kind, title: title, subtitle: subtitle, sql: sql, x: x, y: y,
                         colors: colors, xTitle: xTitle, yTitle: yTitle, stacked: stacked ?? false,
                         markers: markers, maxPoints: maxPoints, empty: empty, location: fence,
                         yLocations: Dictionary(seriesAndPlaces!.map { ($0.name, $0.location) }, uniquingKeysWith: { a, _ in a }),
                         xLocation: pairs["x"].map(at))
    }

    /// A `true`/`false` value; nil when absent or invalid (with an error).
    private mutating func flag(_ key: String, hint: String) -> Bool? {
        guard let pair = pairs[key] else { return nil }
        if PageYAML.string(pair.value) != nil, case .scalar(let scalar) = pair.value, scalar.style == .plain,
           let value = pair.value.bool {
            return value
        }
        error("'\(key)' must be true or false, found \(PageYAML.kind(pair.value))", at: at(pair), hint: hint)
        return nil
    }

    /// `max_points`: a whole number of at least 3.
    private mutating func maxPointCount() -> Int? {
        guard let pair = pairs["max_points"] else { return nil }
        if PageYAML.string(pair.value) != nil, let number = pair.value.int, number >= 3 { return number }
        error("'max_points' must be a whole number of at least 3, found \(PageYAML.kind(pair.value))", at: at(pair),
              hint: "write `max_points: 1000`: longer lines are downsampled to that many points")
        return nil
    }

    /// `empty`: `hide`, or the text shown instead of the chart.
    private mutating func emptyChart() -> EmptyChart? {
        guard pairs["empty"] != nil else { return nil }
        guard let text = text("empty", required: false,
                              hint: "the text shown instead of a chart with nothing to draw, or `hide` to show nothing")
        else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed == "hide" ? .hide : .text(trimmed)
    }

    /// `y`: one column name or a non-empty list of distinct names, each with where it is named.
    private mutating func series() -> [(name: String, location: Diagnostic.Location)]? {
        let hint = "write `y: gold` or `y: [gold, silver, bronze]`, naming columns of the query"
        guard let pair = pairs["y"] else {
            error("chart block is missing 'y'", at: fence, hint: hint)
            return nil
        }
        if let single = PageYAML.string(pair.value), !single.isEmpty { return [(single, at(pair))] }
        guard case .sequence(let list) = pair.value, !list.isEmpty else {
            error("'y' must be a column name or a list of column names, found \(PageYAML.kind(pair.value))",
                  at: at(pair), hint: hint)
            return nil
        }
        var names: [String] = []
        var places: [Diagnostic.Location] = []
        var valid = true
        for item in list {
            let location = yaml.location(item.mark, fallback: at(pair))
            guard let name = PageYAML.string(item), !name.isEmpty else {
                error("'y' must list column names, found \(PageYAML.kind(item))", at: location, hint: hint)
                valid = false
                continue
            }
            if names.contains(name) {
                error("'y' lists '\(name)' twice", at: location, hint: "list each column once")
                valid = false
            }
            names.append(name)
            places.append(location)
        }
        return valid ? Array(zip(names, places)).map { (name: $0.0, location: $0.1) } : nil
    }

    /// `colors`: a mapping from series (a `y` column) to a CSS colour.
    private mutating func colorMap(series: [String]) -> [String: String]? {
        guard let pair = pairs["colors"] else { return [:] }
        let hint = "write `colors: {gold: \"#E69F00\", silver: \"#999999\"}`, one entry per y column"
        guard case .mapping(let mapping) = pair.value else {
            error("'colors' must map series to colours, found \(PageYAML.kind(pair.value))", at: at(pair), hint: hint)
            return nil
        }
        var colors: [String: String] = [:]
        var valid = true
        for (key, value) in mapping {
            let keyAt = yaml.location(key.mark, fallback: at(pair))
            guard let name = PageYAML.string(key) else {
                error("'colors' keys must be column names, found \(PageYAML.kind(key))", at: keyAt, hint: hint)
                valid = false
                continue
            }
            if !series.isEmpty, !series.contains(name) {
                let suggestion = name.closestMatch(in: series)
                error("'colors' names '\(name)', which is not a y column" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                      at: keyAt, hint: "colour one of the y columns: \(series.joined(separator: ", "))")
                valid = false
            }
            guard let color = PageYAML.string(value), ChartBlockParser.isValidColor(color) else {
                error("the colour of '\(name)' must be a CSS colour, found \(PageYAML.kind(value))",
                      at: yaml.location(value.mark, fallback: keyAt),
                      hint: "use a CSS colour: \"#0072B2\", a name like teal, rgb(…), hsl(…) or var(--podium-series-1)")
                valid = false
                continue
            }
            colors[name] = color
        }
        return valid ? colors : nil
    }
}
