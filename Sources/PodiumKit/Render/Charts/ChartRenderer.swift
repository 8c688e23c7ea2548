/// Draws charts as SVG and their data as an HTML table.
///
/// The pieces, one file each: ``ChartData`` reads the query result; ``ChartFrame`` names the
/// frames an inline chart is drawn for; ``ChartLayout`` sizes margins from label widths
/// (``TextMetrics``) and places the ``Legend`` and axes (``Axis``, ``LinearScale``,
/// ``TickFormat``, ``TimeScale`` for dates); ``BarChart``, ``HBarChart`` and ``LineChart`` draw the
/// marks (lines downsampled by ``Downsample``, named by ``EndLabels``); ``Palette`` supplies colours and the light/dark stylesheet; ``ChartSummary``
/// writes the description; ``DataTable`` the table. All markup goes through ``SVGElement``, which
/// escapes every value, and every coordinate through ``SVGNumber``.
public enum ChartRenderer {
    /// The chart for inlining in an HTML page: one `<svg>` per ``ChartFrame``, of which the chart's
    /// stylesheet (in the first) shows the one drawn for the frame's width. The page shows the
    /// title and subtitle; the first SVG carries them as `<title>` and `<desc>` for assistive tech,
    /// and every SVG names them with `aria-labelledby` (the hidden ones are `display:none`, so
    /// they are not read).
    public static func svg(_ spec: ChartSpec, _ result: QueryResult) -> String {
        inlineDocuments(spec, ChartData(spec, result)).map { $0.render(indented: false) }.joined(separator: "\n")
    }

    /// The chart for an embed page: as ``svg(_:_:)``, shown by the frame's width and height, and
    /// within ``ChartFrame/budget`` (the tall alternatives go first).
    public static func embedSVG(_ spec: ChartSpec, _ result: QueryResult) -> String {
        inlineDocuments(spec, ChartData(spec, result), budget: ChartFrame.budget).map { $0.render(indented: false) }
            .joined(separator: "\n")
    }

    /// The chart as a standalone `.svg` file (XML declaration, its own styles for light and dark).
    /// Unlike the inline form it draws the title and subtitle, since it is seen alone.
    public static func standaloneSVG(_ spec: ChartSpec, _ result: QueryResult) -> String {
        let data = ChartData(spec, result)
        let layout = self.layout(spec, data, canvas: .standalone, standalone: true)
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + document(spec, data, layout, frame: nil).render() + "\n"
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
    enum Layout {
        case vertical(ChartLayout)
        case horizontal(HBarChart.Layout)

        var height: Double {
            switch self {
            case .vertical(let layout): layout.height
            case .horizontal(let layout): layout.height
            }
        }
    }

    /// The layout of `data` on `canvas`, or nil when there is nothing to draw.
    static func layout(_ spec: ChartSpec, _ data: ChartData, canvas: ChartLayout.Canvas, standalone: Bool) -> Layout? {
        guard !data.isEmpty else { return nil }
        if spec.kind.orientation == .horizontal {
            return .horizontal(HBarChart.Layout(spec, data, standalone: standalone, width: canvas.width))
        }
        return .vertical(ChartLayout(spec, data, standalone: standalone, canvas: canvas))
    }

    /// A tier's drawing fitted to its height, and its tall alternative: bars whose names would be
    /// set at an angle are laid on their side in the narrow and medium tiers, as the only drawing
    /// when that fits the tier's height, else as the tall one.
    static func layouts(_ spec: ChartSpec, _ data: ChartData, _ tier: ChartFrame.Tier) -> (fitted: Layout?, tall: Layout?) {
        let fitted = layout(spec, data, canvas: .init(tier), standalone: false)
        guard case .vertical(let vertical)? = fitted, spec.kind.turnsHorizontalWhenLabelsRotate,
              vertical.isNarrow, vertical.rotatesLabels else { return (fitted, nil) }
        let bars = HBarChart.Layout(spec, data, standalone: false, width: tier.width)
        return bars.height <= tier.height ? (.horizontal(bars), nil) : (fitted, .horizontal(bars))
    }

    /// The height (CSS px) of an embed page's frame ``ChartFrame/snippetWidth`` wide that shows
    /// the whole block without scrolling: the chart drawn for that width and fitted to its tier's
    /// height, and the page's title and links. A table's rows, at most 480 px (it scrolls).
    public static func embedHeight(_ spec: ChartSpec, _ result: QueryResult) -> Int {
        let width = ChartFrame.snippetWidth
        let chrome = EmbedPage.chrome(title: spec.title, subtitle: spec.subtitle, frameWidth: width)
        if let table = spec.table {
            let rows = min(result.rows.count, table.limit ?? TableBlock.rowLimit)
            return min(480, Int((chrome + Double(max(rows, 1) + 1) * 34 + (rows < result.rows.count ? 24 : 0)).rounded(.up)))
        }
        let tier = ChartFrame.Tier.allCases.last { $0.minFrameWidth <= width } ?? .narrow
        let height = layouts(spec, ChartData(spec, result), tier).fitted?.height ?? tier.height
        return Int((chrome + height * (Double(width) - EmbedPage.margins) / tier.width).rounded(.up)) + 2
    }

    /// The inline drawings, widest first: each tier's ``layouts(_:_:_:)``, the tall alternatives
    /// kept while all stay within `budget` (UTF-8 bytes), if there is one.
    static func inlineDocuments(_ spec: ChartSpec, _ data: ChartData, budget: Int? = nil) -> [SVGElement] {
        var drawings: [(frame: ChartFrame, layout: Layout?)] = []
        for tier in [ChartFrame.Tier.wide, .medium, .narrow] {
            let (fitted, tall) = layouts(spec, data, tier)
            if let tall { drawings.append((ChartFrame(tier: tier, isTall: true), tall)) }
            drawings.append((ChartFrame(tier: tier), fitted))
        }
        while true {
            let talls = drawings.filter(\.frame.isTall).map { (tier: $0.frame.tier, height: $0.layout?.height ?? 0) }
            let documents = drawings.map { drawing in
                document(spec, data, drawing.layout, frame: drawing.frame,
                         hasTall: talls.contains { $0.tier == drawing.frame.tier }, talls: talls)
            }
            // Over the budget, the tall alternatives go, the medium one first.
            guard let budget, let drop = drawings.firstIndex(where: \.frame.isTall),
                  documents.reduce(0, { $0 + $1.render(indented: false).utf8.count }) > budget else { return documents }
            drawings.remove(at: drop)
        }
    }

    /// One whole `<svg>` tree.
    /// - Parameters:
    ///   - frame: the inline drawing this is, or nil for a standalone file (fixed size, background,
    ///     drawn title, stylesheet). The wide inline drawing holds the title, description and
    ///     stylesheet; the others name them.
    ///   - limit: the most points a line series draws; by default `spec.maxPoints` or 1,000, and
    ///     inline at most one per 2 units of the plot's width.
    ///   - hasTall: the frame's tier has a tall alternative, which pages show instead.
    ///   - talls: the tall alternatives and their heights, for the embed page's rules.
    static func document(_ spec: ChartSpec, _ data: ChartData, _ layout: Layout?, frame: ChartFrame?, limit: Int? = nil,
                         hasTall: Bool = false, talls: [(tier: ChartFrame.Tier, height: Double)] = []) -> SVGElement {
        let token = ChartIdentifier.token(spec.id)
        let titleID = "podium-\(token)-title", descID = "podium-\(token)-desc"
        let scopeClass = "pc-\(token)"
        let standalone = frame == nil
        let wide = frame.map { $0.tier == .wide } ?? true
        let width = frame?.width ?? ChartLayout.width
        let height = layout?.height ?? (frame?.tier.height ?? ChartLayout.Canvas.standalone.height)

        var svg = SVGElement("svg", [
            "xmlns": "http://www.w3.org/2000/svg",
            "class": ["podium-chart", frame?.className(hasTall: hasTall), scopeClass].compactMap { $0 }.joined(separator: " "),
            "viewBox": "0 0 \(SVGNumber.format(width)) \(SVGNumber.format(height))",
            "width": standalone ? SVGNumber.format(width) : nil,
            "height": standalone ? SVGNumber.format(height) : nil,
            "style": standalone ? nil : "width:100%;height:auto",
            "role": "img",
            "aria-labelledby": "\(titleID) \(descID)",
            "font-family": "system-ui, sans-serif",
            "font-size": SVGNumber.format(ChartLayout.fontSize),
        ])
        if wide && !(frame?.isTall ?? false) {
            svg.append(SVGElement("title", ["id": titleID], text: spec.title))
            svg.append(SVGElement("desc", ["id": descID], text: ChartSummary.text(spec, data)))
            let overrides = data.series.compactMap { series in series.customColor.map { (series.index, $0) } }
            var css = Palette.stylesheet(scopeClass: scopeClass, overrides: overrides)
            if !standalone {
                css += ChartFrame.embedRules(scopeClass: scopeClass, talls) { width in
                    EmbedPage.chrome(title: spec.title, subtitle: spec.subtitle, frameWidth: width)
                }
            }
            svg.append(SVGElement("style", text: css))
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
            var limit = limit ?? spec.maxPoints.map { max($0, 3) } ?? Downsample.defaultLimit
            // Inline, a line needs no more points than its plot is wide: one per 2 units (px, or more).
            if !standalone { limit = min(limit, max(Int(layout.plot.width / 2), 3)) }
            svg.append(contentsOf: marks(spec, data, layout, limit: limit))
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
