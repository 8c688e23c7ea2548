/// Where everything goes: the canvas size, margins computed from label sizes, the plot rectangle,
/// the header (standalone files), the legend and both axes.
///
/// Labels never clip: the left margin fits the widest y label (and rotated category labels that
/// reach left), the bottom margin fits the x labels, the top fits the legend; the canvas grows
/// taller rather than squeezing the plot below ``Canvas/minPlotHeight``.
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

    /// The size a layout is drawn to: its width, the height it is laid out to, and the lowest the
    /// plot may get before the canvas grows taller instead.
    struct Canvas {
        var width: Double
        var height: Double
        var minPlotHeight: Double
        /// Whether rotated category names are shortened to keep the plot at `minPlotHeight`
        /// within `height` (inline drawings), or only to ``Axis/Categories/maxRotatedWidth``.
        var fitsHeight = true

        /// A standalone `.svg` file's canvas: seen alone, it grows to show names in full.
        static let standalone = Canvas(width: 720, height: 420, minPlotHeight: 240, fitsHeight: false)
    }

    /// The canvas width of a standalone file and of the wide inline drawing.
    static let width = 720.0
    static let fontSize = 12.0
    static let yTickCount = 5

    var width: Double
    var height: Double
    var plot: Rect
    var header: [HeaderLine]
    var legend: Legend?
    var y: Axis.Value
    var x: XAxis
    /// Where the axis titles sit: the x title's baseline and the y title's centre line.
    var xTitleY: Double
    var yTitleX: Double
    /// The series names drawn at the right end of the lines, or nil when they do not fit.
    var endLabels: EndLabels?

    /// True when the category labels are set at an angle.
    var rotatesLabels: Bool {
        if case .bands(let categories) = x { return categories.rotation != 0 }
        return false
    }

    /// True for a canvas narrower than the wide one (phones, narrow columns).
    var isNarrow: Bool { width < ChartLayout.width }

    /// Lays out a chart with data (`data` is not empty) on `canvas`: the plot takes the height
    /// the margins leave; rotated category names are shortened until it is at least
    /// `canvas.minPlotHeight` high, or to 40 px, and then the canvas grows.
    init(_ spec: ChartSpec, _ data: ChartData, standalone: Bool, canvas: Canvas = .standalone) {
        let font = ChartLayout.fontSize
        let width = canvas.width
        self.width = width
        let narrow = width < ChartLayout.width
        header = ChartLayout.header(spec, standalone: standalone, width: width)
        let headerBottom = header.last.map { $0.y + 8 } ?? 0

        // Value axis: bars and areas always include zero; lines include it unless the data sit far from it.
        let extent = data.valueExtent ?? (0, 0)
        var (low, high) = extent
        let nearZero = (low >= 0 && low <= high - low) || (high <= 0 && high >= low - high)
        if spec.kind.zeroOnValueAxis == .always || nearZero {
            low = min(low, 0)
            high = max(high, 0)
        }
        y = Axis.Value(lower: low, upper: high, count: narrow ? 4 : ChartLayout.yTickCount, integers: data.valuesAreIntegers)

        let yTitleWidth = spec.yTitle == nil ? 0.0 : font + 10
        var left = (narrow ? 4 : 10) + yTitleWidth + y.labelWidth + 8
        var right = narrow ? 8.0 : 16.0
        endLabels = spec.kind.hasEndLabels ? EndLabels.reserve(data, canvasWidth: width) : nil
        if let endLabels { right = max(right, endLabels.margin) }

        // x axis: bands (bars, text x) or a linear scale (numbers, dates).
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
            func axis(_ count: Int) -> Axis.Value {
                if data.xIsDate {
                    let (ticks, labels) = TimeScale.ticks(lower, upper, maxTicks: count)
                    return Axis.Value(domain: (lower, upper), ticks: ticks, labels: labels)
                }
                return Axis.Value(lower: lower, upper: upper, count: count, exact: true, plain: data.xLooksLikeYears,
                                  integers: integers)
            }
            var xAxis = axis(ticksWanted)
            // Fewer ticks until the labels have room.
            while ticksWanted > 2, xAxis.ticks.count > 1,
                  (xAxis.labelWidth + 16) * Double(xAxis.ticks.count) > width - left - right {
                ticksWanted -= 1
                xAxis = axis(ticksWanted)
            }
            let domain = xAxis.scale.domain
            if let first = xAxis.labels.first, let tick = xAxis.ticks.first {
                // The part of the first label left of the plot must fit the margin.
                let reach = TextMetrics.width(first) / 2 - (tick - domain.lower) / (domain.upper - domain.lower) * (width - left - right)
                left = max(left, reach + 4)
            }
            if let last = xAxis.labels.last, let tick = xAxis.ticks.last {
                let reach = TextMetrics.width(last) / 2 - (domain.upper - tick) / (domain.upper - domain.lower) * (width - left - right)
                right = max(right, reach + 4)
            }
            x = .linear(xAxis)
        } else {
            let thinning = spec.kind.thinsCategoryLabels && count > (narrow ? 20 : 40)
            // What the labels may take below the plot: the canvas height less the legend, the axis
            // title and the lowest plot (the legend is laid out again below, with final margins).
            let legendRows = data.series.count >= 2
                ? Legend(data.series, left: narrow ? 4 : left, top: 0, maxWidth: narrow ? width - 8 : width - left - right).bottom
                : 0
            let maxExtent = !canvas.fitsHeight ? Double.infinity : canvas.height - (headerBottom + (legendRows > 0 ? legendRows + 10 : 0) + font + 4)
                - canvas.minPlotHeight - (spec.xTitle == nil ? 0 : font + 12) - 10
            let maxRotated = min(Axis.Categories.maxRotatedWidth, width * 0.3)
            func makeCategories() -> Axis.Categories {
                Axis.Categories(labels: data.labels, band: (width - left - right) / Double(max(count, 1)),
                                preferThinning: thinning, maxRotatedWidth: maxRotated, maxExtent: maxExtent)
            }
            var categories = makeCategories()
            // Rotated labels reach left of their band, thinned labels may be wider than theirs: widen
            // the margins until none clips (twice, since wider margins narrow the bands).
            for _ in 0..<2 {
                let band = (width - left - right) / Double(max(count, 1))
                let indexes = categories.shownIndexes
                let needLeft = indexes.map { categories.leftReach($0) - (Double($0) + 0.5) * band + 4 }.max() ?? 0
                let needRight = indexes.map { categories.rightReach($0) - (Double(count - $0) - 0.5) * band + 4 }.max() ?? 0
                if needLeft <= left && needRight <= right { break }
                left = max(left, needLeft)
                right = max(right, needRight)
                categories = makeCategories()
            }
            x = .bands(categories)
        }

        // Legend above the plot, aligned with its left edge.
        // The y title sits just left of the widest tick label, even when the margin grew.
        yTitleX = left - 8 - y.labelWidth - 6 - font / 2
        legend = data.series.count >= 2
            ? Legend(data.series, left: narrow ? 4 : left, top: headerBottom + 10,
                     maxWidth: narrow ? width - 8 : width - left - right)
            : nil
        let top = (legend.map { $0.bottom } ?? headerBottom) + font + 4

        let xLabelExtent: Double
        switch x {
        case .bands(let categories): xLabelExtent = categories.extent
        case .linear: xLabelExtent = font + 10
        }
        let xTitleHeight = spec.xTitle == nil ? 0.0 : font + 12
        let bottom = xLabelExtent + xTitleHeight + 10
        let plotHeight = max(canvas.minPlotHeight, canvas.height - top - bottom)
        height = (top + plotHeight + bottom).rounded(.up)
        plot = Rect(left: left, top: top, right: width - right, bottom: top + plotHeight)
        xTitleY = plot.bottom + xLabelExtent + font + 6

        y.scale.range = (plot.bottom, plot.top)
        if case .linear(var axis) = x {
            axis.scale.range = (plot.left, plot.right)
            x = .linear(axis)
        }
    }

    /// The baseline of a line of chart text whose middle is at `y` (as `dy="0.32em"` would set it).
    static func baseline(centredOn y: Double) -> Double { y + 0.32 * fontSize }

    /// The baseline of a line of chart text whose top is at `y` (as `dy="0.71em"` would set it).
    static func baseline(hangingFrom y: Double) -> Double { y + 0.71 * fontSize }

    /// The width of one category band.
    var band: Double {
        guard case .bands(let categories) = x, !categories.full.isEmpty else { return plot.width }
        return plot.width / Double(categories.full.count)
    }

    /// The centre of category `index`'s band.
    func center(_ index: Int) -> Double { plot.left + (Double(index) + 0.5) * band }

    /// The title and subtitle lines drawn in a standalone file (inline charts leave them to the page).
    static func header(_ spec: ChartSpec, standalone: Bool, width: Double = ChartLayout.width) -> [HeaderLine] {
        guard standalone else { return [] }
        let maxWidth = width - 32
        var lines = [HeaderLine(text: TextMetrics.truncate(spec.title, toWidth: maxWidth, fontSize: 16),
                                y: 28, fontSize: 16, strong: true)]
        if let subtitle = spec.subtitle, !subtitle.isEmpty {
            lines.append(HeaderLine(text: TextMetrics.truncate(subtitle, toWidth: maxWidth), y: 48, fontSize: 12, strong: false))
        }
        return lines
    }
}

extension ChartLayout.Canvas {
    /// The canvas of an inline drawing for `tier`.
    init(_ tier: ChartFrame.Tier) {
        self.init(width: tier.width, height: tier.height, minPlotHeight: tier.minPlotHeight)
    }
}
