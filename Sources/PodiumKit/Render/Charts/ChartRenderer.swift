/// Draws charts as SVG and their data as an HTML table.
///
/// The pieces, one file each: ``ChartData`` reads the query result; ``ChartLayout`` sizes margins
/// from label widths (``TextMetrics``) and places the ``Legend`` and axes (``Axis``, ``LinearScale``,
/// ``TickFormat``); ``BarChart`` and ``LineChart`` draw the marks (lines downsampled by
/// ``Downsample``); ``Palette`` supplies colours and the light/dark stylesheet; ``ChartSummary``
/// writes the description; ``DataTable`` the table. All markup goes through ``SVGElement``, which
/// escapes every value, and every coordinate through ``SVGNumber``.
public enum ChartRenderer {
    /// The chart as an `<svg>` element for inlining in an HTML page or embed page. The page shows
    /// the title and subtitle; the SVG carries them as `<title>` and `<desc>` for assistive tech.
    public static func svg(_ spec: ChartSpec, _ result: QueryResult) -> String {
        document(spec, result, standalone: false).render()
    }

    /// The chart as a standalone `.svg` file (XML declaration, its own styles for light and dark).
    /// Unlike the inline form it draws the title and subtitle, since it is seen alone.
    public static func standaloneSVG(_ spec: ChartSpec, _ result: QueryResult) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + document(spec, result, standalone: true).render() + "\n"
    }

    /// The chart's data as an accessible HTML `<table>`.
    public static func dataTable(_ spec: ChartSpec, _ result: QueryResult) -> String {
        DataTable.element(spec, result).render(.html)
    }

    // MARK: - Document

    /// The whole `<svg>` tree.
    static func document(_ spec: ChartSpec, _ result: QueryResult, standalone: Bool,
                         limit: Int = Downsample.defaultLimit) -> SVGElement {
        let data = ChartData(spec, result)
        let token = ChartIdentifier.token(spec.id)
        let titleID = "podium-\(token)-title", descID = "podium-\(token)-desc"
        let scopeClass = "pc-\(token)"
        let layout = data.isEmpty ? nil : ChartLayout(spec, data, standalone: standalone)
        let width = ChartLayout.width
        let height = layout?.height ?? ChartLayout.baseHeight

        var svg = SVGElement("svg", [
            "xmlns": "http://www.w3.org/2000/svg",
            "class": "podium-chart \(scopeClass)",
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
        let overrides = data.series.compactMap { series in series.customColor.map { (series.index, $0) } }
        svg.append(SVGElement("style", text: Palette.stylesheet(scopeClass: scopeClass, overrides: overrides)))
        if standalone {
            svg.append(SVGElement("rect", ["class": "pc-background", "width": "100%", "height": "100%",
                                           "fill": Palette.background]))
            for line in ChartLayout.header(spec, standalone: true) {
                svg.append(SVGElement("text", ["class": line.strong ? "pc-strong" : nil, "x": "16",
                                               "y": SVGNumber.format(line.y), "font-size": SVGNumber.format(line.fontSize),
                                               "font-weight": line.strong ? "600" : nil,
                                               "fill": line.strong ? Palette.strongText : Palette.text],
                                      text: line.text))
            }
        }
        guard let layout else {
            svg.append(SVGElement("text", ["class": "pc-empty", "x": SVGNumber.format(width / 2),
                                           "y": SVGNumber.format(height / 2), "text-anchor": "middle",
                                           "font-size": "16", "fill": Palette.text], text: "No data"))
            return svg
        }
        svg.append(contentsOf: marks(spec, data, layout, limit: limit))
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
        switch spec.kind {
        case .bar:
            elements.append(contentsOf: BarChart.draw(data, layout: layout))
            elements.append(Axis.drawBaseline(layout.y, plot: layout.plot))
        case .line:
            elements.append(Axis.drawBaseline(layout.y, plot: layout.plot))
            elements.append(contentsOf: LineChart.draw(data, layout: layout, limit: limit))
        }
        if let legend = layout.legend { elements.append(legend.draw(kind: spec.kind)) }
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
