/// The chart's data as an accessible HTML table: the x column, the value columns, then every
/// other column the query selected (a series, a share, a note), in the query's order; numbers
/// right-aligned (class `num`) with thousands separators, every value escaped. A result longer
/// than `rowLimit` shows its first rows and says so in the caption: every row is in the chart's
/// CSV and JSON files, linked beside the table.
enum DataTable {
    /// The most rows the table shows. A table of every row of a large result (110,900 at
    /// N = 1000 in the benchmark) made a 14 MB page and held its element tree, 90 MB, in memory.
    static let rowLimit = 1000

    /// The `<table class="podium-data">` element for `spec` and `result`.
    static func element(_ spec: ChartSpec, _ result: QueryResult) -> SVGElement {
        let drawn = [spec.x] + spec.y
        let columns = drawn + result.columns.filter { !drawn.contains($0) }
        let indexes = columns.map { result.columnIndex($0) }
        let numeric = indexes.map { index in
            index.map { index in
                result.rows.contains { index < $0.count && $0[index].number != nil }
                    && result.rows.allSatisfy { index >= $0.count || $0[index] == .null || $0[index].number != nil }
            } ?? false
        }
        // Year-like x values (2016) are written without a thousands separator.
        let plainX = indexes[0].map { index in
            let numbers = result.rows.compactMap { index < $0.count ? $0[index].number : nil }
            return !numbers.isEmpty && numbers.allSatisfy { $0 == $0.rounded() && $0 >= 1000 && $0 <= 2999 }
        } ?? false
        var table = SVGElement("table", ["class": "podium-data"])
        let shown = result.rows.prefix(rowLimit)
        let caption = shown.count < result.rows.count
            ? "\(spec.title) (the first \(TickFormat.value(Double(shown.count))) of \(TickFormat.value(Double(result.rows.count))) rows: "
                + "the CSV and JSON files have them all)"
            : spec.title
        table.append(SVGElement("caption", text: caption))
        var headRow = SVGElement("tr")
        for (position, column) in columns.enumerated() {
            headRow.append(SVGElement("th", ["scope": "col", "class": numeric[position] ? "num" : nil], text: column))
        }
        table.append(SVGElement("thead", children: [.element(headRow)]))
        var body = SVGElement("tbody")
        for row in shown {
            var line = SVGElement("tr")
            for (position, index) in indexes.enumerated() {
                let value = index.flatMap { $0 < row.count ? row[$0] : nil } ?? .null
                let name = position == 0 ? "th" : "td"
                let attributes: KeyValuePairs<String, String?> = position == 0
                    ? ["scope": "row", "class": numeric[position] ? "num" : nil]
                    : ["class": numeric[position] ? "num" : nil]
                line.append(SVGElement(name, attributes, text: position == 0 && plainX ? value.text : TickFormat.value(value)))
            }
            body.append(line)
        }
        table.append(body)
        return table
    }
}
