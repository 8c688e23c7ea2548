/// Where everything goes: the canvas size, margins computed from label sizes, the plot rectangle,
/// the header (standalone files), the legend and both axes.
///
/// Labels never clip: the left margin fits the widest y label (and rotated category labels that
/// reach left), the bottom margin fits the x labels, the top fits the legend; the canvas grows
/// taller rather than squeezing the plot below ``minPlotHeight``.
struct ChartLayout {
    /// A rectangle by its edges, in viewBox pixels.
    struct Rect {
        var left, top, right, bottom: Double
        var width: Double { right - left }
        var height: Double { bottom - top }
    }

    /// A line of text above the plot (standalone title and subtitle).
    struct HeaderLine {
        var text: String
        var y: Double
        var fontSize: Double
        var strong: Bool
    }

    /// The x axis: categories in equal bands, or a numeric scale.
    enum XAxis {
        case bands(Axis.Categories)
        case linear(Axis.Value)
    }

    static let width = 720.0
    static let baseHeight = 420.0
    static let fontSize = 12.0
    static let minPlotHeight = 240.0
    static let yTickCount = 5

    var width = ChartLayout.width
    var height: Double
    var plot: Rect
    var header: [HeaderLine]
    var legend: Legend?
    var y: Axis.Value
    var x: XAxis
    /// Where the axis titles sit: the x title's baseline and the y title's centre line.
    var xTitleY: Double
    var yTitleX: Double

    /// Lays out a chart with data (`data` is not empty).
    init(_ spec: ChartSpec, _ data: ChartData, standalone: Bool) {
        let font = ChartLayout.fontSize
        header = ChartLayout.header(spec, standalone: standalone)
        let headerBottom = header.last.map { $0.y + 8 } ?? 0

        // Value axis: bars always include zero; lines include it unless the data sit far from it.
        let extent = data.valueExtent ?? (0, 0)
        var (low, high) = extent
        if spec.kind == .bar || (low >= 0 && low <= high - low) || (high <= 0 && high >= low - high) {
            low = min(low, 0)
            high = max(high, 0)
        }
        y = Axis.Value(lower: low, upper: high, count: ChartLayout.yTickCount, integers: data.valuesAreIntegers)

        let yTitleWidth = spec.yTitle == nil ? 0.0 : font + 10
        var left = 10 + yTitleWidth + y.labelWidth + 8
        var right = 16.0

        // x axis: bands (bars, text x) or a linear scale (numbers).
        let count = data.labels.count
        if let xNumbers = data.xNumbers {
            let present = xNumbers.compactMap { $0 }
            var lower = present.min() ?? 0, upper = present.max() ?? 0
            if lower == upper {  // one x value: centre it
                lower -= 1
                upper += 1
            }
            var ticksWanted = 8
            let integers = present.allSatisfy { $0 == $0.rounded() }
            var axis = Axis.Value(lower: lower, upper: upper, count: ticksWanted, exact: true, plain: data.xLooksLikeYears,
                                  integers: integers)
            // Fewer ticks until the labels have room.
            while ticksWanted > 2, axis.ticks.count > 1,
                  (axis.labelWidth + 16) * Double(axis.ticks.count) > ChartLayout.width - left - right {
                ticksWanted -= 1
                axis = Axis.Value(lower: lower, upper: upper, count: ticksWanted, exact: true, plain: data.xLooksLikeYears,
                                  integers: integers)
            }
            if let first = axis.labels.first, axis.ticks.first == axis.scale.domain.lower {
                left = max(left, TextMetrics.width(first) / 2 + 4)
            }
            if let last = axis.labels.last, axis.ticks.last == axis.scale.domain.upper {
                right = max(right, TextMetrics.width(last) / 2 + 4)
            }
            x = .linear(axis)
        } else {
            var categories = Axis.Categories(labels: data.labels, band: (ChartLayout.width - left - right) / Double(max(count, 1)),
                                             preferThinning: spec.kind == .line && count > 40)
            // Rotated labels reach left of their band, thinned labels may be wider than theirs: widen
            // the margins until none clips (twice, since wider margins narrow the bands).
            for _ in 0..<2 {
                let band = (ChartLayout.width - left - right) / Double(max(count, 1))
                let indexes = categories.shownIndexes
                let needLeft = indexes.map { categories.leftReach($0) - (Double($0) + 0.5) * band + 4 }.max() ?? 0
                let needRight = indexes.map { categories.rightReach($0) - (Double(count - $0) - 0.5) * band + 4 }.max() ?? 0
                if needLeft <= left && needRight <= right { break }
                left = max(left, needLeft)
                right = max(right, needRight)
                categories = Axis.Categories(labels: data.labels, band: (ChartLayout.width - left - right) / Double(max(count, 1)),
                                             preferThinning: spec.kind == .line && count > 40)
            }
            x = .bands(categories)
        }

        // Legend above the plot, aligned with its left edge.
        // The y title sits just left of the widest tick label, even when the margin grew.
        yTitleX = left - 8 - y.labelWidth - 6 - font / 2
        legend = data.series.count >= 2
            ? Legend(data.series, left: left, top: headerBottom + 10, maxWidth: ChartLayout.width - left - right)
            : nil
        let top = (legend.map { $0.bottom } ?? headerBottom) + font + 4

        let xLabelExtent: Double
        switch x {
        case .bands(let categories): xLabelExtent = categories.extent
        case .linear: xLabelExtent = font + 10
        }
        let xTitleHeight = spec.xTitle == nil ? 0.0 : font + 12
        let bottom = xLabelExtent + xTitleHeight + 10
        let plotHeight = max(ChartLayout.minPlotHeight, ChartLayout.baseHeight - top - bottom)
        height = (top + plotHeight + bottom).rounded(.up)
        plot = Rect(left: left, top: top, right: ChartLayout.width - right, bottom: top + plotHeight)
        xTitleY = plot.bottom + xLabelExtent + font + 6

        y.scale.range = (plot.bottom, plot.top)
        if case .linear(var axis) = x {
            axis.scale.range = (plot.left, plot.right)
            x = .linear(axis)
        }
    }

    /// The width of one category band.
    var band: Double {
        guard case .bands(let categories) = x, !categories.full.isEmpty else { return plot.width }
        return plot.width / Double(categories.full.count)
    }

    /// The centre of category `index`'s band.
    func center(_ index: Int) -> Double { plot.left + (Double(index) + 0.5) * band }

    /// The title and subtitle lines drawn in a standalone file (inline charts leave them to the page).
    static func header(_ spec: ChartSpec, standalone: Bool) -> [HeaderLine] {
        guard standalone else { return [] }
        let maxWidth = ChartLayout.width - 32
        var lines = [HeaderLine(text: TextMetrics.truncate(spec.title, toWidth: maxWidth, fontSize: 16),
                                y: 28, fontSize: 16, strong: true)]
        if let subtitle = spec.subtitle, !subtitle.isEmpty {
            lines.append(HeaderLine(text: TextMetrics.truncate(subtitle, toWidth: maxWidth), y: 48, fontSize: 12, strong: false))
        }
        return lines
    }
}
