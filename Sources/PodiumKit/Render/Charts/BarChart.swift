/// Draws grouped vertical bars: one band per category, one bar per series inside it, from a zero
/// baseline (negative values hang below it). Every bar carries a `<title>` tooltip.
enum BarChart {
    /// The share of a band left empty between groups.
    static let groupPadding = 0.2
    /// The share of a bar's slot left empty between bars of one group.
    static let barPadding = 0.08

    /// The plot's marks: one group of bars per series.
    static func draw(_ data: ChartData, layout: ChartLayout) -> [SVGElement] {
        let band = layout.band
        let groupWidth = band * (1 - groupPadding)
        let slot = groupWidth / Double(max(data.series.count, 1))
        let barWidth = max(1, data.series.count > 1 ? slot * (1 - barPadding) : slot)
        let zero = layout.y.scale(0)
        return data.series.enumerated().map { position, series in
            var group = SVGElement("g", ["class": "pc-bars \(Palette.seriesClass(series.index)) pc-fill",
                                         "fill": series.color])
            for (row, value) in series.values.enumerated() {
                guard let value else { continue }
                let x = layout.center(row) - groupWidth / 2 + Double(position) * slot + (slot - barWidth) / 2
                let top = min(zero, layout.y.scale(value))
                let height = abs(layout.y.scale(value) - zero)
                var rect = SVGElement("rect", ["x": SVGNumber.format(x), "y": SVGNumber.format(top),
                                               "width": SVGNumber.format(barWidth), "height": SVGNumber.format(height)])
                rect.append(SVGElement("title", text: "\(data.xText(row)) — \(series.name): \(TickFormat.value(value))"))
                group.append(rect)
            }
            return group
        }
    }
}
