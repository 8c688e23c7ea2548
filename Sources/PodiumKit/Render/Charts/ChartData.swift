/// A query result read as a chart: x labels (and numbers, when x is numeric) plus one series per
/// value column. Built once per chart by ``ChartRenderer``.
struct ChartData {
    /// One value column.
    struct Series {
        /// The column name, shown in the legend and tooltips.
        var name: String
        /// One value per row; nil where the cell is null or not a number.
        var values: [Double?]
        /// The series' position in `spec.y` (0-based), which picks its palette colour.
        var index: Int
        /// A validated custom colour from `spec.colors`, if any.
        var customColor: String?

        /// The light-mode colour: the custom one or the palette's.
        var color: String { customColor ?? Palette.fallback(index) }
    }

    /// The x label of every row (`(null)` for a null cell).
    var labels: [String]
    /// The x number of every row, when every non-null x is a number and the chart is a line chart.
    var xNumbers: [Double?]?
    var series: [Series]

    /// Reads `result` for `spec`. Columns that are missing (the caller checks) give empty data.
    init(_ spec: ChartSpec, _ result: QueryResult) {
        let xIndex = result.columnIndex(spec.x)
        let xValues = result.rows.map { row in xIndex.flatMap { $0 < row.count ? row[$0] : nil } ?? .null }
        labels = xValues.map { $0 == .null ? "(null)" : $0.text }
        let numericX = spec.kind == .line && xValues.contains { $0 != .null }
            && xValues.allSatisfy { $0 == .null || $0.number != nil }
        xNumbers = numericX ? xValues.map(\.number) : nil
        series = spec.y.enumerated().map { index, name in
            let column = result.columnIndex(name)
            let values = result.rows.map { row -> Double? in
                guard let column, column < row.count, let number = row[column].number, number.isFinite else { return nil }
                return number
            }
            return Series(name: name, values: values, index: index,
                          customColor: spec.colors[name].flatMap(Palette.validated))
        }
    }

    /// True when no series has a single number to draw.
    var isEmpty: Bool { !series.contains { $0.values.contains { $0 != nil } } }

    /// The smallest and largest value over all series, or nil when there are none.
    var valueExtent: (min: Double, max: Double)? {
        let all = series.flatMap { $0.values.compactMap { $0 } }
        guard let low = all.min(), let high = all.max() else { return nil }
        return (low, high)
    }

    /// True when every value is a whole number (counts), so value ticks are whole numbers too.
    var valuesAreIntegers: Bool {
        series.allSatisfy { $0.values.allSatisfy { $0.map { $0 == $0.rounded() } ?? true } }
    }

    /// True when x is numeric and looks like years (integers from 1000 to 2999): written without
    /// thousands separators.
    var xLooksLikeYears: Bool {
        guard let xNumbers else { return false }
        let present = xNumbers.compactMap { $0 }
        return !present.isEmpty && present.allSatisfy { $0 == $0.rounded() && $0 >= 1000 && $0 <= 2999 }
    }

    /// The x of row `row` as text for tooltips and summaries.
    func xText(_ row: Int) -> String {
        if let xNumbers, let number = xNumbers[row], !xLooksLikeYears { return TickFormat.value(number) }
        return labels[row]
    }
}
