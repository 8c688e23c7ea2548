/// Draws charts as SVG and their data as an HTML table.
///
/// The pieces, one file each: ``ChartData`` reads the query result; ``ChartLayout`` sizes margins
/// from label widths (``TextMetrics``) and places the ``Legend`` and axes (``Axis``, ``LinearScale``,
/// ``TickFormat``, ``TimeScale`` for dates); ``BarChart``, ``HBarChart`` and ``LineChart`` draw the
/// marks (lines downsampled by ``Downsample``, named by ``EndLabels``); ``Palette`` supplies colours and the light/dark stylesheet; ``ChartSummary``
/// writes the description; ``DataTable`` the table. All markup goes through ``SVGElement``, which
/// escapes every value, and every coordinate through ``SVGNumber``.
public enum ChartRenderer {
    /// The chart for inlining in an HTML page or embed page: two `<svg>` elements, one laid out
    /// for wide screens and one for phones (``ChartLayout/narrowWidth``), of which the chart's
    /// stylesheet shows one by the page width (``ChartLayout/narrowBreakpoint``). The page shows
    /// the title and subtitle; each SVG carries them as `<title>` and `<desc>` for assistive tech
    /// (the hidden one is `display:none`, so it is not read).
    public static func svg(_ spec: ChartSpec, _ result: QueryResult) -> String {
        document(spec, result, standalone: false).render() + "\n"
            + document(spec, result, standalone: false, narrow: true).render()
    }

    /// The chart as a standalone `.svg` file (XML declaration, its own styles for light and dark).
    /// Unlike the inline form it draws the title and subtitle, since it is seen alone.
    public static func standaloneSVG(_ spec: ChartSpec, _ result: QueryResult) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + document(spec, result, standalone: true).render() + "\n"
    }

    /// Whether the chart has no number to draw (no rows, or only nulls): it shows "No data" or
    /// the block's `empty:` text.
    public static func hasNothingToDraw(_ spec: ChartSpec, _ result: QueryResult) -> Bool {
        spec.table != nil ? TableBlock.hasNothingToDraw(result) : ChartData(spec, result).isEmpty
    }

    /// The warning for a chart with nothing to draw whose block does not say what to show
    /// (`empty:`), at the chart block; nil when there is something to draw or the block says.
    /// - Parameter severity: `.error` with `--strict`.
    public static func nothingToDrawWarning(_ spec: ChartSpec, _ result: QueryResult,
                                            severity: Diagnostic.Severity = .warning) -> Diagnostic? {
        guard spec.empty == nil, hasNothingToDraw(spec, result) else { return nil }
        if spec.table != nil {
            return Diagnostic(severity, "table '\(spec.id)': its query returned no rows, so it shows \"No data\"", at: spec.location,
                              hint: "check the sql with `podium query`; if an empty result is expected, say what to show "
                                  + "in the table block: `empty: \"Nothing to show yet.\"`, or `empty: hide` to leave the table out")
        }
        let what = result.rows.isEmpty
            ? "its query returned no rows"
            : "its y \(spec.y.count == 1 ? "column holds" : "columns hold") no numbers in \(String(counting: result.rows.count, "row"))"
        return Diagnostic(severity, "chart '\(spec.id)': \(what), so it shows \"No data\"", at: spec.location,
                          hint: "check the sql with `podium query`; if an empty result is expected, say what to show "
                              + "in the chart block: `empty: \"Nothing to show yet.\"`, or `empty: hide` to leave the chart out")
    }

    /// The chart's data as an accessible HTML `<table>`.
    public static func dataTable(_ spec: ChartSpec, _ result: QueryResult) -> String {
        DataTable.element(spec, result).render(.html)
    }

    // MARK: - Document

    /// The laid-out chart: vertical (bars, lines, areas) or horizontal bars.
    private enum Layout {
        case vertical(ChartLayout)
        case horizontal(HBarChart.Layout)

        var height: Double {
            switch self {
            case .vertical(let layout): layout.height
            case .horizontal(let layout): layout.height
            }
        }
    }

    /// One whole `<svg>` tree.
    /// - Parameters:
    ///   - standalone: a file of its own: fixed size, background, drawn title, stylesheet.
    ///   - narrow: the phone layout (inline only); it leaves the stylesheet to the wide one, and
    ///     draws vertical bars whose category names would be rotated as horizontal bars.
    ///   - limit: the most points a line series draws; by default `spec.maxPoints` or 1,000, and
    ///     half that in the narrow layout.
    static func document(_ spec: ChartSpec, _ result: QueryResult, standalone: Bool, narrow: Bool = false,
                         limit: Int? = nil) -> SVGElement {
        let data = ChartData(spec, result)
        let token = ChartIdentifier.token(spec.id)
        let idPrefix = narrow ? "podium-\(token)-n" : "podium-\(token)"
        let titleID = "\(idPrefix)-title", descID = "\(idPrefix)-desc"
        let scopeClass = "pc-\(token)"
        let width = narrow && !standalone ? ChartLayout.narrowWidth : ChartLayout.width
        var layout: Layout?
        if !data.isEmpty {
            let vertical = spec.kind.orientation == .horizontal ? nil : ChartLayout(spec, data, standalone: standalone, width: width)
            // On a phone, bars whose names would be turned on their side are laid on theirs instead.
            if let vertical, !(spec.kind.turnsHorizontalWhenLabelsRotate && vertical.isNarrow && vertical.rotatesLabels) {
                layout = .vertical(vertical)
            } else {
                layout = .horizontal(HBarChart.Layout(spec, data, standalone: standalone, width: width))
            }
        }
        let height = layout?.height ?? (narrow ? ChartLayout.narrowWidth * 0.75 : ChartLayout.baseHeight)
        let variant = standalone ? nil : narrow ? "pc-narrow" : "pc-wide"

        var svg = SVGElement("svg", [
            "xmlns": "http://www.w3.org/2000/svg",
            "class": ["podium-chart", variant, scopeClass].compactMap { $0 }.joined(separator: " "),
            "viewBox": "0 0 \(SVGNumber.format(width)) \(SVGNumber.format(height))",
            "width": standalone ? SVGNumber.format(width) : nil,
            "height": standalone ? SVGNumber.format(height) : nil,
            "style": standalone ? nil : "width:100%;height:auto",
            "role": "img",
            "aria-labelledby": "\(titleID) \(descID)",
            "font-family": "system-ui, sans-serif",
            "font-size": SVGNumber.format(ChartLayout.fontSize),
        ])
        svg.append(SVGElement("title", ["id": titleID], text: spec.title))
        svg.append(SVGElement("desc", ["id": descID], text: ChartSummary.text(spec, data)))
        if !narrow || standalone {
            let overrides = data.series.compactMap { series in series.customColor.map { (series.index, $0) } }
            svg.append(SVGElement("style", text: Palette.stylesheet(scopeClass: scopeClass, overrides: overrides)))
        }
        if standalone {
            svg.append(SVGElement("rect", ["class": "pc-background", "width": "100%", "height": "100%",
                                           "fill": Palette.background]))
            for line in ChartLayout.header(spec, standalone: true, width: width) {
                svg.append(SVGElement("text", ["class": line.strong ? "pc-strong" : nil, "x": "16",
                                               "y": SVGNumber.format(line.y), "font-size": SVGNumber.format(line.fontSize),
                                               "font-weight": line.strong ? "600" : nil,
                                               "fill": line.strong ? Palette.strongText : Palette.text],
                                      text: line.text))
            }
        }
        switch layout {
        case nil:
            var message = "No data"
            if case .text(let text) = spec.empty { message = text }
            let lines = TextMetrics.wrap(message, toWidth: width - 32, fontSize: 16)
            for (index, line) in lines.enumerated() {
                let y = height / 2 + (Double(index) - Double(lines.count - 1) / 2) * 22
                svg.append(SVGElement("text", ["class": "pc-empty", "x": SVGNumber.format(width / 2),
                                               "y": SVGNumber.format(y), "text-anchor": "middle",
                                               "font-size": "16", "fill": Palette.text], text: line))
            }
        case .horizontal(let layout):
            svg.append(contentsOf: HBarChart.draw(spec, data, layout: layout))
            if let legend = layout.legend { svg.append(legend.draw(spec.kind.legendSwatch)) }
        case .vertical(let layout):
            let limit = limit ?? spec.maxPoints.map { max($0, 3) } ?? Downsample.defaultLimit
            svg.append(contentsOf: marks(spec, data, layout, limit: narrow ? max(limit / 2, 3) : limit))
        }
        return svg
    }

    /// Axes, marks, legend and axis titles, in painting order.
    private static func marks(_ spec: ChartSpec, _ data: ChartData, _ layout: ChartLayout, limit: Int) -> [SVGElement] {
        var elements = Axis.drawY(layout.y, plot: layout.plot)
        switch layout.x {
        case .bands(let categories):
            elements.append(Axis.drawCategories(categories, center: layout.center, plot: layout.plot))
        case .linear(let axis):
            elements.append(contentsOf: Axis.drawX(axis, plot: layout.plot))
        }
        switch spec.kind.marks {
        case .bars:
            elements.append(contentsOf: BarChart.draw(data, layout: layout))
            elements.append(Axis.drawBaseline(layout.y, plot: layout.plot))
        case .lines, .areas:
            elements.append(Axis.drawBaseline(layout.y, plot: layout.plot))
            elements.append(contentsOf: LineChart.draw(spec, data, layout: layout, limit: limit))
        }
        if let legend = layout.legend { elements.append(legend.draw(spec.kind.legendSwatch)) }
        if let title = spec.xTitle, !title.isEmpty {
            elements.append(SVGElement("text", ["class": "pc-strong pc-axis-title", "x": SVGNumber.format((layout.plot.left + layout.plot.right) / 2),
                                                "y": SVGNumber.format(layout.xTitleY), "text-anchor": "middle",
                                                "fill": Palette.strongText],
                                       text: TextMetrics.truncate(title, toWidth: layout.plot.width)))
        }
        if let title = spec.yTitle, !title.isEmpty {
            let middle = (layout.plot.top + layout.plot.bottom) / 2
            elements.append(SVGElement("text", ["class": "pc-strong pc-axis-title",
                                                "transform": "translate(\(SVGNumber.format(layout.yTitleX)),\(SVGNumber.format(middle))) rotate(-90)",
                                                "text-anchor": "middle", "dy": "0.32em", "fill": Palette.strongText],
                                       text: TextMetrics.truncate(title, toWidth: layout.plot.height)))
        }
        return elements
    }
}

/// Turns a chart id into a token safe in an XML id and a CSS class, unique per id.
enum ChartIdentifier {
    /// `id` lowercased with anything but `a-z`, `0-9`, `-`, `_` replaced by `-`; when that changed
    /// the id, a stable FNV-1a hash of the original is appended, so `a b` and `a-b` differ.
    static func token(_ id: String) -> String {
        var token = ""
        for scalar in id.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" {
                token.unicodeScalars.append(scalar)
            } else {
                token += "-"
            }
        }
        if token == id, !token.isEmpty { return token }
        var hash: UInt32 = 2_166_136_261
        for byte in id.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        let hex = String(hash, radix: 16)
        return String(token.prefix(40)) + "-" + String(repeating: "0", count: 8 - hex.count) + hex
    }
}
