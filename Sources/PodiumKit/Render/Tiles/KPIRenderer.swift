/// Draws a KPI block as HTML: a description list of tiles, each a label (`<dt>`), the number as
/// text (`<dd>`), an optional comparison (`<dd>`) and an optional sparkline (inline SVG, hidden
/// from screen readers: the number and comparison already say what it shows).
///
/// Built as an ``SVGElement`` tree, so every label, value and comparison is escaped; no script,
/// no inline style (the theme's CSS lays the tiles out and colours them).
public enum KPIRenderer {
    /// The tiles of a block as one `<dl>` element.
    /// - Parameter tiles: what each tile shows (``KPIValues/resolve(_:_:series:)``).
    /// - Returns: the element, rendered with ``SVGElement/render(_:)``.
    public static func tileList(_ tiles: [KPIValues.Resolved]) -> SVGElement {
        var list = SVGElement("dl", ["class": "podium-kpi-tiles"])
        for tile in tiles {
            var group = SVGElement("div", ["class": "podium-kpi"])
            group.append(SVGElement("dt", ["class": "podium-kpi-label"], text: tile.label))
            group.append(SVGElement("dd", ["class": tile.isFallback ? "podium-kpi-value podium-kpi-empty" : "podium-kpi-value"],
                                    text: tile.value))
            if let comparison = tile.comparison {
                group.append(SVGElement("dd", ["class": "podium-kpi-compare"], text: comparison))
            }
            if let note = tile.note {
                group.append(SVGElement("dd", ["class": "podium-kpi-note"], text: note))
            }
            if let series = tile.series, let spark = sparkline(series) {
                group.append(SVGElement("dd", ["class": "podium-kpi-spark", "aria-hidden": "true"], children: [.element(spark)]))
            }
            list.append(group)
        }
        return list
    }

    /// The block on its page: a figure with the optional title, the tiles and links to the embed
    /// page and the data files.
    /// - Parameters:
    ///   - spec: the block.
    ///   - tiles: what each tile shows.
    ///   - root: the relative path from the page to the site root (`""` or `"../"`).
    /// - Returns: the trusted HTML, ending with a newline.
    public static func figure(_ spec: KPISpec, _ tiles: [KPIValues.Resolved], root: String) -> String {
        var figure = SVGElement("figure", ["class": "podium-kpis", "id": "kpi-\(spec.id)"])
        if let title = spec.title {
            figure.append(SVGElement("figcaption", ["class": "podium-chart-title"], text: title))
        }
        figure.append(tileList(tiles))
        var links = SVGElement("p", ["class": "podium-chart-links"])
        for (text, href) in [("Embed page", "embed/\(spec.id).html"), ("CSV", "data/\(spec.id).csv"),
                             ("JSON", "data/\(spec.id).json")] {
            links.append(SVGElement("a", ["href": root + href], text: text))
        }
        figure.append(links)
        return figure.render(.xml) + "\n"
    }

    /// The styles the embed page adds for tiles (the site's pages get them from `podium.css`).
    public static let embedStyle = ".podium-kpi-tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:8px;margin:0}"
        + ".podium-kpi{min-width:0;margin:0;padding:8px 10px;border:1px solid var(--podium-grid);border-radius:6px}"
        + ".podium-kpi dd{margin:0}.podium-kpi-label{color:var(--podium-muted);font-size:13px}"
        + ".podium-kpi-value{font-size:26px;font-weight:700;line-height:1.2;font-variant-numeric:tabular-nums}"
        + ".podium-kpi-empty{color:var(--podium-muted)}.podium-kpi-compare,.podium-kpi-note{color:var(--podium-muted);font-size:13px}"
        + ".podium-kpi-spark svg{width:100%;height:28px;max-height:none}"
        + ".podium-kpi-spark polyline{fill:none;stroke:var(--podium-series-1);stroke-width:2}"

    // MARK: - Sparkline

    static let sparkWidth = 120.0
    static let sparkHeight = 28.0

    /// A small line over the points in order, scaled to fill the box (one point: a level line);
    /// nil without points. The box stretches to the tile's width; the stroke keeps its width.
    static func sparkline(_ points: [Double]) -> SVGElement? {
        guard let low = points.min(), let high = points.max() else { return nil }
        let points = points.count == 1 ? points + points : points
        let pad = 2.0
        let span = high - low
        let step = (sparkWidth - 2 * pad) / Double(points.count - 1)
        let list = points.enumerated().map { index, value in
            let y = span > 0 ? pad + (high - value) / span * (sparkHeight - 2 * pad) : sparkHeight / 2
            return "\(SVGNumber.format(pad + Double(index) * step)),\(SVGNumber.format(y))"
        }.joined(separator: " ")
        var svg = SVGElement("svg", ["viewBox": "0 0 \(SVGNumber.format(sparkWidth)) \(SVGNumber.format(sparkHeight))",
                                     "preserveAspectRatio": "none", "focusable": "false"])
        svg.append(SVGElement("polyline", ["points": list, "vector-effect": "non-scaling-stroke"]))
        return svg
    }
}
