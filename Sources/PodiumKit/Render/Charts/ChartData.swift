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
    /// The x number of every row, when the chart is a line or area chart and every non-null x is
    /// a number or every one is an ISO date (then in days since 1970-01-01, see ``xIsDate``).
    var xNumbers: [Double?]?
    /// True when ``xNumbers`` are dates.
    var xIsDate = false
    var series: [Series]
    /// Whether the series are stacked (bars with `stacked: true`).
    var stacked = false

    /// Reads `result` for `spec`. Columns that are missing (the caller checks) give empty data.
    /// The chart's data read from `result` in one pass per column, without intermediate copies
    /// of the rows (a line chart may read hundreds of thousands).
    init(_ spec: ChartSpec, _ result: QueryResult) {
        let xIndex = result.columnIndex(spec.x)
        func x(_ row: [Value]) -> Value { xIndex.flatMap { $0 < row.count ? row[$0] : nil } ?? .null }
        labels = []
        labels.reserveCapacity(result.rows.count)
        var anyPresent = false, allNumbers = true, allDates = true
        for row in result.rows {
            let value = x(row)
            labels.append(value == .null ? "(null)" : value.text)
            guard value != .null else { continue }
            anyPresent = true
            if allNumbers, value.number == nil { allNumbers = false }
            if allDates, TimeScale.days(value.text) == nil { allDates = false }
        }
        let continuous = spec.kind.xScale == .continuousWhenPossible
        if continuous, anyPresent, allNumbers {
            xNumbers = result.rows.map { x($0).number }
        } else if continuous, anyPresent, allDates {
            xNumbers = result.rows.map { row in
                let value = x(row)
                return value == .null ? nil : TimeScale.days(value.text)
            }
            xIsDate = true
        } else {
            xNumbers = nil
        }
        stacked = spec.stacked && spec.kind.stacks
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

    /// The smallest and largest value over all series (of the stacks' ends, when stacked), or
    /// nil when there are none.
    var valueExtent: (min: Double, max: Double)? {
        let all = stacked
            ? stacks().flatMap { $0.compactMap { $0 }.flatMap { [$0.lower, $0.upper] } }
            : series.flatMap { $0.values.compactMap { $0 } }
        guard let low = all.min(), let high = all.max() else { return nil }
        return (low, high)
    }

    /// Where each value sits in its category's stack: per series, per row, the value's lower and
    /// upper end (nil for a null). Positive values stack up from zero and negative values down,
    /// each in series order, so a stack with both has its parts on either side of zero.
    func stacks() -> [[(lower: Double, upper: Double)?]] {
        var positive = [Double](repeating: 0, count: labels.count)
        var negative = positive
        return series.map { series in
            series.values.enumerated().map { row, value in
                guard let value else { return nil }
                if value >= 0 {
                    defer { positive[row] += value }
                    return (positive[row], positive[row] + value)
                }
                defer { negative[row] += value }
                return (negative[row] + value, negative[row])
            }
        }
    }

    /// The total of each row over all series (nulls count as zero), for stacked summaries.
    var totals: [Double] {
        labels.indices.map { row in series.reduce(0) { $0 + ($1.values[row] ?? 0) } }
    }

    /// True when every value is a whole number (counts), so value ticks are whole numbers too.
    var valuesAreIntegers: Bool {
        series.allSatisfy { $0.values.allSatisfy { $0.map { $0 == $0.rounded() } ?? true } }
    }

    /// True when x is numeric and looks like years (integers from 1000 to 2999): written without
    /// thousands separators.
    var xLooksLikeYears: Bool {
        guard let xNumbers, !xIsDate else { return false }
        let present = xNumbers.compactMap { $0 }
        return !present.isEmpty && present.allSatisfy { $0 == $0.rounded() && $0 >= 1000 && $0 <= 2999 }
    }

    /// The x of row `row` as text for tooltips and summaries.
    func xText(_ row: Int) -> String {
        if let xNumbers, !xIsDate, let number = xNumbers[row], !xLooksLikeYears { return TickFormat.value(number) }
        return labels[row]
    }
}
