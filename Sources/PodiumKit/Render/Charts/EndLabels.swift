/// Series names written at the right end of their lines (line and area charts with two or more
/// series), so a reader need not match colours against the legend. The legend stays.
///
/// Labels are placed where they fit: every name must fit whole in a right margin of at most
/// ``maxShare`` of the canvas, and the labels, nudged apart vertically so none overlaps another,
/// must stay within the plot's height. Otherwise none is drawn.
struct EndLabels {
    /// The widest the right margin may grow for end labels, as a share of the canvas width.
    static let maxShare = 0.22
    /// The least distance between two labels' centres.
    static let spacing = ChartLayout.fontSize + 2

    /// The width of the widest name.
    var width: Double

    /// The right margin the labels need: the gap before them, the widest, and a tenth of it to
    /// spare, since a label ends at the canvas's edge and wide system fonts (DejaVu Sans) run up
    /// to 5% past ``TextMetrics``' estimate.
    var margin: Double { 12 + width * 1.1 }

    /// The labels' widest name, or nil when they do not fit (fewer than two series, or a name
    /// too long for the margin).
    static func reserve(_ data: ChartData, canvasWidth: Double) -> EndLabels? {
        guard data.series.count >= 2 else { return nil }
        let labels = EndLabels(width: data.series.map { TextMetrics.width($0.name) }.max() ?? 0)
        return labels.margin <= canvasWidth * maxShare ? labels : nil
    }

    /// The centres of labels wanted at `wanted` (in order), moved apart by at least ``spacing``
    /// and kept within `top...bottom`; nil when they cannot all fit.
    static func place(_ wanted: [Double], top: Double, bottom: Double) -> [Double]? {
        guard !wanted.isEmpty else { return [] }
        if Double(wanted.count - 1) * spacing > bottom - top { return nil }
        let order = wanted.indices.sorted { (wanted[$0], $0) < (wanted[$1], $1) }
        var placed = order.map { min(max(wanted[$0], top), bottom) }
        for index in placed.indices.dropFirst() { placed[index] = max(placed[index], placed[index - 1] + spacing) }
        if let last = placed.last, last > bottom {
            placed[placed.count - 1] = bottom
            for index in placed.indices.reversed().dropFirst() { placed[index] = min(placed[index], placed[index + 1] - spacing) }
        }
        var result = wanted
        for (position, index) in order.enumerated() { result[index] = placed[position] }
        return result
    }

    /// The labels for the series whose last point is at the right end of the plot; `ends` holds
    /// each series with its last drawn point.
    func draw(_ ends: [(series: ChartData.Series, x: Double, y: Double)], plot: ChartLayout.Rect) -> SVGElement? {
        guard let rightmost = ends.map(\.x).max() else { return nil }
        let labelled = ends.filter { $0.x >= rightmost - 0.5 }
        guard let ys = EndLabels.place(labelled.map(\.y), top: plot.top, bottom: plot.bottom) else { return nil }
        var group = SVGElement("g", ["class": "pc-end-labels"])
        for (end, y) in zip(labelled, ys) {
            var entry = SVGElement("g", ["class": "\(Palette.seriesClass(end.series.index)) pc-stroke", "stroke": end.series.color])
            if abs(y - end.y) > 3 {
                entry.append(SVGElement("path", ["d": "M\(SVGNumber.format(end.x + 3)),\(SVGNumber.format(end.y))L\(SVGNumber.format(end.x + 7)),\(SVGNumber.format(y))",
                                                 "fill": "none", "stroke-width": "1"]))
            }
            entry.append(SVGElement("text", ["class": "pc-strong", "x": SVGNumber.format(end.x + 9),
                                             "y": SVGNumber.format(ChartLayout.baseline(centredOn: y)),
                                             "stroke": "none", "fill": Palette.strongText],
                                    text: end.series.name))
            group.append(entry)
        }
        return group
    }
}
