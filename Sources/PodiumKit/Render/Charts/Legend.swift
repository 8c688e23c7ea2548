/// The legend of a chart with two or more series: a swatch and the series name per item, in rows
/// that wrap at the plot's width, placed above the plot so it never covers data.
struct Legend {
    /// One legend entry and where it sits.
    struct Item {
        var name: String
        var shown: String
        var series: ChartData.Series
        var x: Double
        var y: Double
    }

    static let swatch = 12.0
    static let rowHeight = 20.0
    static let gap = 18.0
    static let maxNameWidth = 200.0

    var items: [Item] = []
    /// The bottom edge of the last row.
    var bottom: Double

    /// Lays out items for `series` from (`left`, `top`), wrapping past `maxWidth`.
    init(_ series: [ChartData.Series], left: Double, top: Double, maxWidth: Double) {
        var x = left, y = top
        for entry in series {
            let shown = TextMetrics.truncate(entry.name, toWidth: Legend.maxNameWidth)
            let width = Legend.swatch + 6 + TextMetrics.width(shown)
            if x > left, x + width > left + maxWidth {
                x = left
                y += Legend.rowHeight
            }
            items.append(Item(name: entry.name, shown: shown, series: entry, x: x, y: y))
            x += width + Legend.gap
        }
        bottom = y + Legend.rowHeight
    }

    /// The legend as a group: for bars a square swatch, for lines a short line with its marker.
    func draw(_ swatch: ChartKind.LegendSwatch) -> SVGElement {
        var group = SVGElement("g", ["class": "pc-legend", "fill": Palette.strongText])
        for item in items {
            let classes = "\(Palette.seriesClass(item.series.index)) pc-fill pc-stroke"
            var entry = SVGElement("g", ["class": classes, "fill": item.series.color, "stroke": item.series.color])
            let middle = item.y + Legend.swatch / 2
            switch swatch {
            case .square:
                entry.append(SVGElement("rect", ["x": SVGNumber.format(item.x), "y": SVGNumber.format(item.y),
                                                 "width": SVGNumber.format(Legend.swatch), "height": SVGNumber.format(Legend.swatch),
                                                 "stroke": "none"]))
            case .lineWithMarker:
                entry.append(SVGElement("line", ["x1": SVGNumber.format(item.x - 2), "x2": SVGNumber.format(item.x + Legend.swatch + 2),
                                                 "y1": SVGNumber.format(middle), "y2": SVGNumber.format(middle),
                                                 "stroke-width": "2"]))
                entry.append(Marker.element(item.series.index, x: item.x + Legend.swatch / 2, y: middle))
            }
            var text = SVGElement("text", ["class": "pc-strong", "x": SVGNumber.format(item.x + Legend.swatch + 6),
                                           "y": SVGNumber.format(ChartLayout.baseline(centredOn: middle)), "stroke": "none",
                                           "fill": Palette.strongText])
            if item.shown != item.name { text.append(SVGElement("title", text: item.name)) }
            text.append(text: item.shown)
            entry.append(text)
            group.append(entry)
        }
        return group
    }
}
