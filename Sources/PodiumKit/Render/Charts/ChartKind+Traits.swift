/// Every decision that depends on the kind of a chart, each one exhaustive `switch` on the kind
/// (no `default:`), so a new kind is its `case` in ``ChartKind``, an answer here to each question
/// the compiler points to, and the file that draws its marks.
///
/// Nothing else in Podium compares kinds (`kind == .line`): the parser, ``ChartData``,
/// ``ChartLayout``, ``ChartRenderer``, ``LineChart``, ``Legend`` and ``ChartSummary`` ask these traits.
extension ChartKind {
    /// Which way the categories run: along the bottom (vertical marks) or down the left side.
    enum Orientation {
        case vertical
        case horizontal
    }

    /// What the x axis may be.
    enum XScale {
        /// Categories in equal bands, whatever the x values are.
        case categories
        /// A numeric scale when every x is a number, a time scale when every x is an ISO date,
        /// otherwise categories.
        case continuousWhenPossible
    }

    /// When the value axis reaches zero.
    enum ZeroOnValueAxis {
        /// Always: the length or area of a mark stands for its value.
        case always
        /// Only when the values are near zero (no further from it than their own spread).
        case whenNear
    }

    /// What is drawn in the plot, and so which file draws it.
    enum Marks {
        /// ``BarChart`` (vertical) or ``HBarChart`` (horizontal).
        case bars
        /// ``LineChart``: one line per series.
        case lines
        /// ``LineChart``: lines filled down to the baseline.
        case areas
    }

    /// What a legend entry shows beside the series name.
    enum LegendSwatch {
        /// A filled square, as a bar.
        case square
        /// A short line with the series' point marker.
        case lineWithMarker
    }

    /// How the description (``ChartSummary``) counts the rows.
    enum RowNoun {
        /// "for 15 categories."
        case categories
        /// "over 120 points, day from … to …."
        case points
    }

    /// Which way the categories run.
    var orientation: Orientation {
        switch self {
        case .bar, .line, .area: .vertical
        case .hbar: .horizontal
        }
    }

    /// Whether the narrow (phone) layout draws the chart as horizontal bars when its category
    /// names would otherwise be set at an angle.
    var turnsHorizontalWhenLabelsRotate: Bool {
        switch self {
        case .bar: true
        case .hbar, .line, .area: false
        }
    }

    /// What the x axis may be.
    var xScale: XScale {
        switch self {
        case .bar, .hbar: .categories
        case .line, .area: .continuousWhenPossible
        }
    }

    /// When the value axis reaches zero.
    var zeroOnValueAxis: ZeroOnValueAxis {
        switch self {
        case .bar, .hbar, .area: .always
        case .line: .whenNear
        }
    }

    /// What is drawn in the plot.
    var marks: Marks {
        switch self {
        case .bar, .hbar: .bars
        case .line: .lines
        case .area: .areas
        }
    }

    /// What a legend entry shows beside the series name.
    var legendSwatch: LegendSwatch {
        switch self {
        case .bar, .hbar: .square
        case .line, .area: .lineWithMarker
        }
    }

    /// Whether `stacked:` applies: the series can be stacked instead of set side by side.
    var stacks: Bool {
        switch self {
        case .bar, .hbar: true
        case .line, .area: false
        }
    }

    /// Whether `markers:` applies: the points can carry markers.
    var hasPointMarkers: Bool {
        switch self {
        case .bar, .hbar: false
        case .line, .area: true
        }
    }

    /// Whether `max_points:` applies: long series are downsampled (LTTB) before they are drawn.
    var downsamples: Bool {
        switch self {
        case .bar, .hbar: false
        case .line, .area: true
        }
    }

    /// Whether the series names are drawn at the right end of the series, where they fit.
    var hasEndLabels: Bool {
        switch self {
        case .bar, .hbar: false
        case .line, .area: true
        }
    }

    /// Whether many category labels are thinned (every n-th shown) rather than wrapped or rotated:
    /// a line reads as a whole, a bar is read by its own label.
    var thinsCategoryLabels: Bool {
        switch self {
        case .bar, .hbar: false
        case .line, .area: true
        }
    }

    /// How the description counts the rows.
    var rowNoun: RowNoun {
        switch self {
        case .bar, .hbar: .categories
        case .line, .area: .points
        }
    }

    /// The kind's name at the start of the description: "Bar chart", "Stacked horizontal bar chart"…
    /// - Parameter stacked: the series are stacked (only asked of kinds that ``stacks``).
    func summaryName(stacked: Bool) -> String {
        switch self {
        case .bar: stacked ? "Stacked bar chart" : "Bar chart"
        case .hbar: stacked ? "Stacked horizontal bar chart" : "Horizontal bar chart"
        case .line: "Line chart"
        case .area: "Area chart"
        }
    }
}
