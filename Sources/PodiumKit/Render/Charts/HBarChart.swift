/// Horizontal bars (`hbar`): one row per category, the category names on the left, where long
/// names have room, and the values along the bottom. Series are grouped (one bar each, stacked
/// vertically inside the row) or stacked end to end (`stacked: true`). A single series also gets
/// its value written at the end of each bar.
///
/// Names wider than the label column (at most ``labelShare`` of the canvas) wrap onto two lines,
/// or are shortened with "…" and keep their full text in a tooltip. The canvas grows taller with
/// the number of rows, so rows never get too thin to read.
enum HBarChart {
    /// The widest the category label column may be, as a share of the canvas width.
    static let labelShare = 0.38
    /// The share of a row left empty between rows.
    static let rowPadding = 0.25

    /// Where everything goes.
    struct Layout {
        var width: Double
        var height: Double
        var plot: ChartLayout.Rect
        var legend: Legend?
        /// The value axis, along the bottom.
        var x: Axis.Value
        /// The lines of each category label, and its full text.
        var lines: [[String]]
        var full: [String]
        /// The height of one row.
        var band: Double
        /// Whether values are written at the bar ends.
        var valueLabels: Bool
        var xTitleY: Double
        var categoryTitleX: Double

        /// Lays out `data` (not empty) on a canvas `width` wide.
        init(_ spec: ChartSpec, _ data: ChartData, standalone: Bool, width: Double) {
            let font = ChartLayout.fontSize
            let narrow = width < ChartLayout.width
            self.width = width
            let headerBottom = ChartLayout.header(spec, standalone: standalone, width: width).last.map { $0.y + 8 } ?? 0
            full = data.labels

            // The label column: as wide as the widest name, up to the share; longer names wrap or shorten.
            let column = min(data.labels.map { TextMetrics.width($0) }.max() ?? 0, width * HBarChart.labelShare)
            lines = data.labels.map { label in
                if TextMetrics.width(label) <= column { return [label] }
                if let wrapped = Axis.Categories.wrap([label], width: column)?.first { return wrapped }
                return [TextMetrics.truncate(label, toWidth: column)]
            }
            let wrapped = lines.contains { $0.count > 1 }
            let categoryTitleWidth = spec.xTitle == nil ? 0.0 : font + 10
            let left = (narrow ? 4 : 10) + categoryTitleWidth + column + 8
            categoryTitleX = left - 8 - column - 6 - font / 2

            // Values: bars start at zero.
            let extent = data.valueExtent ?? (0, 0)
            let low = min(extent.min, 0), high = max(extent.max, 0)
            valueLabels = data.series.count == 1
            let valueWidth = valueLabels
                ? data.series[0].values.compactMap { $0 }.map { TextMetrics.width(TickFormat.value($0)) }.max() ?? 0
                : 0
            var right = (narrow ? 8.0 : 16.0) + (valueLabels ? valueWidth + 6 : 0)
            var count = narrow ? 4 : 6
            var axis = Axis.Value(lower: low, upper: high, count: count, integers: data.valuesAreIntegers)
            while count > 2, (axis.labelWidth + 14) * Double(axis.ticks.count) > width - left - right {
                count -= 1
                axis = Axis.Value(lower: low, upper: high, count: count, integers: data.valuesAreIntegers)
            }
            if let last = axis.labels.last { right = max(right, TextMetrics.width(last) / 2 + 4) }
            x = axis

            legend = data.series.count >= 2
                ? Legend(data.series, left: narrow ? 4 : left, top: headerBottom + 10,
                         maxWidth: narrow ? width - 8 : width - left - right)
                : nil
            let top = (legend.map { $0.bottom } ?? headerBottom) + 8

            let bars = data.stacked ? 1 : max(data.series.count, 1)
            let thickness = bars == 1 ? 18.0 : 10.0
            band = max(thickness * Double(bars) / (1 - HBarChart.rowPadding),
                       wrapped ? font * 2.4 + 6 : font + 8)
            let plotHeight = band * Double(max(data.labels.count, 1))
            plot = ChartLayout.Rect(left: left, top: top, right: width - right, bottom: top + plotHeight)
            let titleHeight = spec.yTitle == nil ? 0.0 : font + 12
            height = (plot.bottom + font + 10 + titleHeight + 10).rounded(.up)
            xTitleY = plot.bottom + font + 10 + font + 6
            x.scale.range = (plot.left, plot.right)
        }

        /// The vertical centre of row `index`.
        func center(_ index: Int) -> Double { plot.top + (Double(index) + 0.5) * band }
    }

    /// Grid, category and value labels, bars, the zero line and the axis titles (the caller adds
    /// the legend).
    static func draw(_ spec: ChartSpec, _ data: ChartData, layout: Layout) -> [SVGElement] {
        let plot = layout.plot
        var grid = SVGElement("g", ["class": "pc-grid", "stroke": Palette.grid, "shape-rendering": "crispEdges"])
        var values = SVGElement("g", ["class": "pc-x-labels", "text-anchor": "middle", "fill": Palette.text])
        for (tick, label) in zip(layout.x.ticks, layout.x.labels) {
            let x = SVGNumber.format(layout.x.scale(tick))
            if tick != 0 {
                grid.append(SVGElement("line", ["x1": x, "x2": x, "y1": SVGNumber.format(plot.top),
                                                "y2": SVGNumber.format(plot.bottom)]))
            }
            values.append(SVGElement("text", ["x": x, "y": SVGNumber.format(ChartLayout.baseline(hangingFrom: plot.bottom + 8))], text: label))
        }
        var elements = [grid, values, categoryLabels(layout)]
        elements.append(contentsOf: bars(data, layout: layout))
        let zero = SVGNumber.format(layout.x.scale(0))
        elements.append(SVGElement("line", ["class": "pc-axis", "stroke": Palette.axis, "shape-rendering": "crispEdges",
                                            "x1": zero, "x2": zero, "y1": SVGNumber.format(plot.top),
                                            "y2": SVGNumber.format(plot.bottom)]))
        if let title = spec.yTitle, !title.isEmpty {
            elements.append(SVGElement("text", ["class": "pc-strong pc-axis-title", "x": SVGNumber.format((plot.left + plot.right) / 2),
                                                "y": SVGNumber.format(layout.xTitleY), "text-anchor": "middle",
                                                "fill": Palette.strongText],
                                       text: TextMetrics.truncate(title, toWidth: plot.width)))
        }
        if let title = spec.xTitle, !title.isEmpty {
            let middle = (plot.top + plot.bottom) / 2
            elements.append(SVGElement("text", ["class": "pc-strong pc-axis-title",
                                                "transform": "translate(\(SVGNumber.format(layout.categoryTitleX)),\(SVGNumber.format(middle))) rotate(-90)",
                                                "text-anchor": "middle", "dy": "0.32em", "fill": Palette.strongText],
                                       text: TextMetrics.truncate(title, toWidth: plot.height)))
        }
        return elements
    }

    /// The category names, right-aligned left of the plot, one or two lines each.
    private static func categoryLabels(_ layout: Layout) -> SVGElement {
        // Every name ends at the same x: the group's, so that each line need not repeat it.
        var group = SVGElement("g", ["class": "pc-y-labels", "text-anchor": "end", "fill": Palette.text,
                                     "transform": "translate(\(SVGNumber.format(layout.plot.left - 8)),0)"])
        for (index, lines) in layout.lines.enumerated() {
            let y = layout.center(index)
            var text: SVGElement
            if lines.count > 1 {
                text = SVGElement("text", ["y": SVGNumber.format(ChartLayout.baseline(centredOn: y - ChartLayout.fontSize * 0.6))])
                for (number, line) in lines.enumerated() {
                    text.append(SVGElement("tspan", ["x": "0", "dy": number == 0 ? nil : "1.2em"], text: line))
                }
            } else {
                text = SVGElement("text", ["y": SVGNumber.format(ChartLayout.baseline(centredOn: y))])
                if lines[0] != layout.full[index] { text.append(SVGElement("title", text: layout.full[index])) }
                text.append(text: lines[0])
            }
            group.append(text)
        }
        return group
    }

    /// One group of bars per series, plus the values at the bar ends for a single series.
    private static func bars(_ data: ChartData, layout: Layout) -> [SVGElement] {
        let bars = data.stacked ? 1 : max(data.series.count, 1)
        let rowHeight = layout.band * (1 - rowPadding)
        let slot = rowHeight / Double(bars)
        let thickness = max(1, bars > 1 ? slot * (1 - BarChart.barPadding) : slot)
        let stacks = data.stacked ? data.stacks() : []
        let totals = data.stacked && data.series.count > 1 ? data.totals : nil
        let scale = layout.x.scale
        var elements: [SVGElement] = data.series.enumerated().map { position, series in
            var group = SVGElement("g", ["class": "pc-bars \(Palette.seriesClass(series.index)) pc-fill", "fill": series.color])
            for (row, value) in series.values.enumerated() {
                guard let value else { continue }
                let (lower, upper) = data.stacked ? stacks[position][row]! : (min(0, value), max(0, value))
                let slotIndex = data.stacked ? 0 : position
                let y = layout.center(row) - rowHeight / 2 + Double(slotIndex) * slot + (slot - thickness) / 2
                var rect = SVGElement("rect", ["x": SVGNumber.format(scale(lower)), "y": SVGNumber.format(y),
                                               "width": SVGNumber.format(scale(upper) - scale(lower)),
                                               "height": SVGNumber.format(thickness)])
                rect.append(SVGElement("title", text: BarChart.tooltip(data, series: series, row: row, value: value, total: totals?[row])))
                group.append(rect)
            }
            return group
        }
        if layout.valueLabels, let series = data.series.first {
            var labels = SVGElement("g", ["class": "pc-value-labels pc-strong", "fill": Palette.strongText])
            for (row, value) in series.values.enumerated() {
                guard let value else { continue }
                let negative = value < 0
                labels.append(SVGElement("text", ["x": SVGNumber.format(scale(value) + (negative ? -4 : 4)),
                                                  "y": SVGNumber.format(ChartLayout.baseline(centredOn: layout.center(row))),
                                                  "text-anchor": negative ? "end" : nil],
                                         text: TickFormat.value(value)))
            }
            elements.append(labels)
        }
        return elements
    }
}
