/// Draws a table block (`type: table`) as an accessible HTML `<table>`: a `<caption>`, column
/// headings `<th scope="col">`, the first text column as row headings `<th scope="row">`, values
/// written in their column's format (the inline values' ``ValueFormat``s), numbers right-aligned,
/// an optional bar in the cells of one numeric column (inline SVG, hidden from assistive tech:
/// the number stays text beside it) and, past `limit:`, a note "Showing 15 of 93 rows".
/// Every value goes through ``SVGElement``, which escapes it.
public enum TableBlock {
    /// The most rows a table shows without `limit:` (as ``DataTable/rowLimit``): the CSV and JSON
    /// files have them all.
    static let rowLimit = 1000
    /// The width of a bar's `viewBox`: a value at the column's largest is this long.
    static let barWidth = 100.0

    /// Whether the table has nothing to show: its query returned no rows.
    public static func hasNothingToDraw(_ result: QueryResult) -> Bool { result.rows.isEmpty }

    /// The columns shown, in order: `columns:`, else every column of the result.
    static func shownColumns(_ table: TableSpec, _ result: QueryResult) -> [String] {
        table.columns ?? result.columns
    }

    /// Problems between a table and its query result, each at the name in the block: a column
    /// the result lacks (with a suggestion), a key naming a column `columns:` leaves out, a text
    /// `bar:` column, and a value its column's format cannot write.
    public static func check(_ chart: ChartSpec, _ table: TableSpec, against result: QueryResult) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let available = result.columns.map { "'\($0)'" }.joined(separator: ", ")
        let shown = shownColumns(table, result)
        for reference in table.references {
            if result.columnIndex(reference.column) == nil {
                let suggestion = reference.column.closestMatch(in: result.columns)
                diagnostics.append(.error(
                    "table '\(chart.id)': \(reference.key) names column '\(reference.column)', which is not in the query's result"
                        + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                    at: reference.location ?? chart.location,
                    hint: "the query returns \(available.isEmpty ? "no columns" : available); name one of them or change the sql"))
            } else if reference.key != "columns", !shown.contains(reference.column) {
                diagnostics.append(.error(
                    "table '\(chart.id)': \(reference.key) names column '\(reference.column)', which `columns` does not show",
                    at: reference.location ?? chart.location,
                    hint: "add '\(reference.column)' to `columns`, or remove it from `\(reference.key)`"))
            }
        }
        guard diagnostics.isEmpty else { return diagnostics }
        if let bar = table.bar, let index = result.columnIndex(bar),
           let text = result.rows.lazy.compactMap({ (row: [Value]) -> Value? in index < row.count ? row[index] : nil })
               .first(where: { (value: Value) -> Bool in value.number == nil && value != Value.null }) {
            let location = table.references.first { $0.key == "bar" }?.location ?? chart.location
            diagnostics.append(.error(
                "table '\(chart.id)': bar column '\(bar)' holds text ('\(String(text.text.prefix(40)))'); a bar draws numbers",
                at: location, hint: "choose a numeric column for `bar`, or cast it in the sql: `cast(\(bar) as real) as \(bar)`"))
        }
        for column in shown {
            guard let format = table.formats[column], let index = result.columnIndex(column) else { continue }
            for (number, row) in result.rows.enumerated() where index < row.count {
                do throws(ValueFormat.Mismatch) {
                    _ = try format.format(row[index])
                } catch {
                    let location = table.references.first { $0.key == "formats" && $0.column == column }?.location
                    diagnostics.append(.error(
                        "table '\(chart.id)': column '\(column)', row \(number + 1): \(error.message)",
                        at: location ?? chart.location,
                        hint: "choose a format that fits the column's values, or remove it from `formats`"))
                    break
                }
            }
        }
        return diagnostics
    }

    /// The table's HTML for its figure: the table, or the `empty:` text (default "No data")
    /// when the query returned no rows.
    public static func html(_ chart: ChartSpec, _ result: QueryResult) -> String {
        let table = chart.table ?? TableSpec()
        if result.rows.isEmpty {
            let text: String
            switch chart.empty {
            case .text(let written): text = written
            case .hide, nil: text = "No data"
            }
            return SVGElement("p", ["class": "podium-table-empty"], text: text).render(.html)
        }
        let columns = shownColumns(table, result)
        let indexes = columns.map { result.columnIndex($0) }
        let values = { (row: [Value], position: Int) -> Value in
            indexes[position].flatMap { $0 < row.count ? row[$0] : nil } ?? .null
        }
        let numeric = columns.indices.map { position in
            result.rows.contains { values($0, position).number != nil }
                && result.rows.allSatisfy { values($0, position) == .null || values($0, position).number != nil }
        }
        // Year-like numbers (2021) without a format are written without a thousands separator.
        let plain = columns.indices.map { position in
            guard numeric[position], table.formats[columns[position]] == nil else { return false }
            let numbers = result.rows.compactMap { values($0, position).number }
            return !numbers.isEmpty && numbers.allSatisfy { $0 == $0.rounded() && $0 >= 1000 && $0 <= 2999 }
        }
        let classes = columns.indices.map { position -> String? in
            switch table.align[columns[position]] ?? (numeric[position] ? .right : .left) {
            case .left: nil
            case .center: "podium-align-center"
            case .right: "num"
            }
        }
        // Row headings: the first text column names each row.
        let rowHeader = columns.indices.first { !numeric[$0] }
        let barPosition = table.bar.flatMap { columns.firstIndex(of: $0) }
        let barMax = barPosition.map { position in
            result.rows.compactMap { values($0, position).number }.filter(\.isFinite).max() ?? 0
        } ?? 0

        let limit = min(table.limit ?? rowLimit, rowLimit)
        let rows = result.rows.prefix(limit)
        let cut = rows.count < result.rows.count
        let note = "Showing \(ValueFormat.grouped(Int64(rows.count))) of \(ValueFormat.grouped(Int64(result.rows.count))) rows"

        var element = SVGElement("table", ["class": "podium-data podium-table"])
        element.append(SVGElement("caption", text: cut ? "\(chart.title) (\(note.lowercased()))" : chart.title))
        var head = SVGElement("tr")
        for (position, column) in columns.enumerated() {
            head.append(SVGElement("th", ["scope": "col", "class": classes[position]], text: table.titles[column] ?? column))
        }
        element.append(SVGElement("thead", children: [.element(head)]))
        var body = SVGElement("tbody")
        for row in rows {
            var line = SVGElement("tr")
            for position in columns.indices {
                let value = values(row, position)
                let text: String
                if let format = table.formats[columns[position]] {
                    text = ((try? format.format(value)) ?? nil) ?? ""
                } else if case .null = value {
                    text = ""
                } else {
                    // As an inline value without a format: integers grouped, reals to sensible digits.
                    text = plain[position] ? value.text : (((try? ValueFormat.automatic.format(value)) ?? nil) ?? value.text)
                }
                var cell = position == rowHeader
                    ? SVGElement("th", ["scope": "row", "class": classes[position]], text: text)
                    : SVGElement("td", ["class": classes[position]], text: text)
                if position == barPosition {
                    cell.set("class", [classes[position], "podium-bar-cell"].compactMap { $0 }.joined(separator: " "))
                    cell.append(bar(value.number, max: barMax))
                }
                line.append(cell)
            }
            body.append(line)
        }
        element.append(body)
        var scroll = SVGElement("div", ["class": "podium-table-scroll"])
        scroll.append(element)
        var html = scroll.render(.html)
        if cut {
            html += "\n" + SVGElement("p", ["class": "podium-table-note"],
                                      text: note + ": the CSV and JSON files have them all.").render(.html)
        }
        return html
    }

    /// A cell's bar: an `<svg>` as wide as the column's largest value, filled in proportion to
    /// `value` (nothing for a missing, zero or negative value), hidden from assistive tech.
    static func bar(_ value: Double?, max: Double) -> SVGElement {
        var svg = SVGElement("svg", ["class": "podium-cell-bar", "viewBox": "0 0 \(SVGNumber.format(barWidth)) 10",
                                     "preserveAspectRatio": "none", "aria-hidden": "true", "focusable": "false"])
        if let value, value.isFinite, value > 0, max > 0 {
            svg.append(SVGElement("rect", ["width": SVGNumber.format(barWidth * value / max), "height": "10"]))
        }
        return svg
    }
}
