/// Draws vertical bars: one band per category and, inside it, one bar per series side by side
/// (grouped) or one stack of all series (`stacked: true`), from a zero baseline (negative values
/// hang below it). Every bar carries a `<title>` tooltip.
enum BarChart {
    /// The share of a band left empty between groups.
    static let groupPadding = 0.2
    /// The share of a bar's slot left empty between bars of one group.
    static let barPadding = 0.08

    /// The plot's marks: one group of bars per series.
    static func draw(_ data: ChartData, layout: ChartLayout) -> [SVGElement] {
        let band = layout.band
        let groupWidth = band * (1 - groupPadding)
        let slots = data.stacked ? 1 : max(data.series.count, 1)
        let slot = groupWidth / Double(slots)
        let barWidth = max(1, slots > 1 ? slot * (1 - barPadding) : slot)
        let stacks = data.stacked ? data.stacks() : []
        let totals = data.stacked && data.series.count > 1 ? data.totals : nil
        let scale = layout.y.scale
        return data.series.enumerated().map { position, series in
            var group = SVGElement("g", ["class": "pc-bars \(Palette.seriesClass(series.index)) pc-fill",
                                         "fill": series.color])
            for (row, value) in series.values.enumerated() {
                guard let value else { continue }
                let (lower, upper) = data.stacked ? stacks[position][row]! : (min(0, value), max(0, value))
                let slotIndex = data.stacked ? 0 : position
                let x = layout.center(row) - groupWidth / 2 + Double(slotIndex) * slot + (slot - barWidth) / 2
                let top = scale(upper), bottom = scale(lower)
                var rect = SVGElement("rect", ["x": SVGNumber.format(x), "y": SVGNumber.format(top),
                                               "width": SVGNumber.format(barWidth), "height": SVGNumber.format(bottom - top)])
                rect.append(SVGElement("title", text: BarChart.tooltip(data, series: series, row: row, value: value, total: totals?[row])))
                group.append(rect)
            }
            return group
        }
    }

    /// "Japan — gold: 27", plus the stack's total when stacked: "Japan — gold: 27 (total 58)".
    static func tooltip(_ data: ChartData, series: ChartData.Series, row: Int, value: Double, total: Double?) -> String {
        var text = "\(data.xText(row)) — \(series.name): \(TickFormat.value(value))"
        if let total { text += " (total \(TickFormat.value(total)))" }
        return text
    }
}
