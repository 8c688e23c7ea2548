/// The axes of a chart: how a value axis and a category axis are laid out and drawn.
enum Axis {
    /// A numeric axis: its scale, ticks and tick labels.
    struct Value {
        var scale: LinearScale
        var ticks: [Double]
        var labels: [String]

        /// A value axis over `[lower, upper]` widened to nice round ticks.
        /// - Parameters:
        ///   - exact: keep the domain as given (numeric x axes) instead of widening it.
        ///   - plain: write labels without thousands separators (years).
        ///   - integers: the data are whole numbers (counts), so ticks are too (no `0.5` medals).
        init(lower: Double, upper: Double, count: Int, exact: Bool = false, plain: Bool = false, integers: Bool = false) {
            var lower = lower, upper = upper, step: Double
            if exact && lower < upper {
                step = LinearScale.niceStep(span: upper - lower, count: count)
            } else {
                (lower, upper, step) = LinearScale.niceDomain(lower, upper, count: count)
            }
            if integers && step < 1 {
                (lower, upper, step) = (lower.rounded(.down), upper.rounded(.up), 1)
            }
            scale = LinearScale(domain: (lower, upper), range: (0, 1))
            ticks = LinearScale.ticks(lower, upper, step: step)
            labels = plain ? TickFormat.plainLabels(ticks, step: step) : TickFormat.labels(ticks, step: step)
        }

        /// An axis over `domain` with ticks and labels chosen by the caller (dates).
        init(domain: (lower: Double, upper: Double), ticks: [Double], labels: [String]) {
            scale = LinearScale(domain: domain, range: (0, 1))
            self.ticks = ticks
            self.labels = labels
        }

        /// The widest tick label, in pixels.
        var labelWidth: Double { labels.map { TextMetrics.width($0) }.max() ?? 0 }
    }

    /// How category labels are set under a band axis.
    struct Categories {
        /// Label rotation in degrees: 0, -45 or -90.
        var rotation: Int
        /// For horizontal labels, the lines of each label (one, or two when wrapped at spaces).
        var lines: [[String]]
        /// Every `every`-th label is shown (1 = all), so thinned labels do not collide.
        var every: Int
        /// The text shown for each category (possibly shortened with "…").
        var shown: [String]
        /// The full text of each category.
        var full: [String]
        /// How far the labels reach below the axis line, in pixels.
        var extent: Double

        /// The longest a rotated label may be before it is shortened.
        static let maxRotatedWidth = 170.0

        /// The shortest a rotated label is made to keep within `maxExtent`.
        static let minRotatedWidth = 40.0

        /// Chooses the label arrangement for `labels` in bands `band` pixels wide: horizontal if
        /// they fit; else wrapped onto two lines (bands of 56 px or more); else thinned horizontal
        /// labels (`preferThinning`, for dense line charts); else rotated -45° (bands of 18 px or
        /// more) or -90°, shortened to `maxRotatedWidth` (default ``maxRotatedWidth``) and so that
        /// they reach at most `maxExtent` below the axis (but to no less than ``minRotatedWidth``).
        init(labels: [String], band: Double, preferThinning: Bool, maxRotatedWidth: Double = Categories.maxRotatedWidth,
             maxExtent: Double = .infinity) {
            let font = ChartLayout.fontSize
            full = labels
            lines = labels.map { [$0] }
            let widest = labels.map { TextMetrics.width($0) }.max() ?? 0
            if widest + 8 <= band {
                (rotation, every, shown, extent) = (0, 1, labels, font + 10)
            } else if band >= 56, let wrapped = Categories.wrap(labels, width: band - 8) {
                (rotation, every, lines, extent) = (0, 1, wrapped, font * 2.2 + 10)
                shown = wrapped.map { $0.joined(separator: " ") }
            } else if preferThinning {
                let shortened = labels.map { TextMetrics.truncate($0, toWidth: 120) }
                let width = shortened.map { TextMetrics.width($0) }.max() ?? 0
                let every = max(1, Int(((width + 12) / max(band, 0.01)).rounded(.up)))
                (rotation, self.every, shown, extent) = (0, every, shortened, font + 10)
            } else {
                // The extents below, solved for the label width.
                let fitting = band >= 18 ? (maxExtent - 8) / 0.7072 - font : maxExtent - 12
                let limit = min(maxRotatedWidth, max(fitting, Categories.minRotatedWidth))
                let shortened = labels.map { TextMetrics.truncate($0, toWidth: limit) }
                let width = shortened.map { TextMetrics.width($0) }.max() ?? 0
                if band >= 18 {
                    (rotation, every, shown) = (-45, 1, shortened)
                    extent = 8 + (width + font) * 0.7072
                } else {
                    let every = max(1, Int((14 / max(band, 0.01)).rounded(.up)))
                    (rotation, self.every, shown, extent) = (-90, every, shortened, 12 + width)
                }
            }
        }

        /// Each label on one line, or broken at a space into two lines as even as possible, no
        /// line wider than `width`; nil if some label needs more (rotated labels then read better
        /// than shortened ones).
        static func wrap(_ labels: [String], width: Double) -> [[String]]? {
            var result: [[String]] = []
            for label in labels {
                if TextMetrics.width(label) <= width {
                    result.append([label])
                    continue
                }
                let words = label.split(separator: " ").map(String.init)
                var best: (lines: [String], widest: Double)?
                for split in words.indices.dropFirst() {
                    let lines = [words[..<split].joined(separator: " "), words[split...].joined(separator: " ")]
                    let widest = lines.map { TextMetrics.width($0) }.max() ?? 0
                    if widest <= width, widest < best?.widest ?? .infinity { best = (lines, widest) }
                }
                guard let best else { return nil }
                result.append(best.lines)
            }
            return result
        }

        /// The indexes of the labels that are drawn.
        var shownIndexes: [Int] { shown.indices.filter { $0 % every == 0 } }

        /// How far label `index`, centred on its band, reaches left of the band's centre.
        func leftReach(_ index: Int) -> Double {
            switch rotation {
            case -45: (TextMetrics.width(shown[index]) + ChartLayout.fontSize) * 0.7072
            case 0: (lines[index].map { TextMetrics.width($0) }.max() ?? 0) / 2
            default: ChartLayout.fontSize / 2
            }
        }

        /// How far label `index` reaches right of the band's centre.
        func rightReach(_ index: Int) -> Double {
            rotation == 0 ? leftReach(index) : ChartLayout.fontSize / 2
        }
    }

    // MARK: - Drawing

    /// Horizontal grid lines and right-aligned labels for a y axis.
    static func drawY(_ axis: Value, plot: ChartLayout.Rect) -> [SVGElement] {
        var grid = SVGElement("g", ["class": "pc-grid", "stroke": Palette.grid, "shape-rendering": "crispEdges"])
        var labels = SVGElement("g", ["class": "pc-y-labels", "text-anchor": "end", "fill": Palette.text])
        for (tick, label) in zip(axis.ticks, axis.labels) {
            let y = axis.scale(tick)
            if tick != 0 {
                grid.append(SVGElement("line", ["x1": SVGNumber.format(plot.left), "x2": SVGNumber.format(plot.right),
                                                "y1": SVGNumber.format(y), "y2": SVGNumber.format(y)]))
            }
            labels.append(SVGElement("text", ["x": SVGNumber.format(plot.left - 8),
                                              "y": SVGNumber.format(ChartLayout.baseline(centredOn: y))], text: label))
        }
        return [grid, labels]
    }

    /// The zero line (or the bottom edge when zero is outside the domain), drawn over the plot.
    static func drawBaseline(_ axis: Value, plot: ChartLayout.Rect) -> SVGElement {
        let zeroInside = axis.scale.domain.lower <= 0 && axis.scale.domain.upper >= 0
        let y = SVGNumber.format(zeroInside ? axis.scale(0) : plot.bottom)
        return SVGElement("line", ["class": "pc-axis", "stroke": Palette.axis, "shape-rendering": "crispEdges",
                                   "x1": SVGNumber.format(plot.left), "x2": SVGNumber.format(plot.right),
                                   "y1": y, "y2": y])
    }

    /// Category labels centred under their bands (`center(i)`), rotated or thinned as chosen.
    static func drawCategories(_ categories: Categories, center: (Int) -> Double, plot: ChartLayout.Rect) -> SVGElement {
        let anchor = categories.rotation == 0 ? "middle" : "end"
        var group = SVGElement("g", ["class": "pc-x-labels", "text-anchor": anchor, "fill": Palette.text])
        for index in categories.shown.indices where index % categories.every == 0 {
            let x = center(index)
            var text: SVGElement
            if categories.rotation == 0, categories.lines[index].count > 1 {
                text = SVGElement("text", ["y": SVGNumber.format(plot.bottom + 8)])
                for (number, line) in categories.lines[index].enumerated() {
                    text.append(SVGElement("tspan", ["x": SVGNumber.format(x), "dy": number == 0 ? "0.71em" : "1.2em"], text: line))
                }
            } else if categories.rotation == 0 {
                text = SVGElement("text", ["x": SVGNumber.format(x), "y": SVGNumber.format(ChartLayout.baseline(hangingFrom: plot.bottom + 8))])
            } else {
                let y = plot.bottom + 8
                text = SVGElement("text", ["transform": "translate(\(SVGNumber.format(x)),\(SVGNumber.format(y))) rotate(\(categories.rotation))",
                                           "dy": "0.32em"])
            }
            if categories.shown[index] != categories.full[index] {
                text.append(SVGElement("title", text: categories.full[index]))
            }
            if categories.lines[index].count <= 1 || categories.rotation != 0 { text.append(text: categories.shown[index]) }
            group.append(text)
        }
        return group
    }

    /// Tick marks and centred labels for a numeric x axis.
    static func drawX(_ axis: Value, plot: ChartLayout.Rect) -> [SVGElement] {
        var ticks = SVGElement("g", ["class": "pc-axis", "stroke": Palette.axis])
        var labels = SVGElement("g", ["class": "pc-x-labels", "text-anchor": "middle", "fill": Palette.text])
        for (tick, label) in zip(axis.ticks, axis.labels) {
            let x = SVGNumber.format(axis.scale(tick))
            ticks.append(SVGElement("line", ["x1": x, "x2": x, "y1": SVGNumber.format(plot.bottom),
                                             "y2": SVGNumber.format(plot.bottom + 5)]))
            labels.append(SVGElement("text", ["x": x, "y": SVGNumber.format(ChartLayout.baseline(hangingFrom: plot.bottom + 8))], text: label))
        }
        return [ticks, labels]
    }
}
