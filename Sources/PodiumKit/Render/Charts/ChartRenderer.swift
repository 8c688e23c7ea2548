// PLACEHOLDER — replaced by the charts work (bar and line SVG). Signatures are the contract.

/// Draws charts as SVG and their data as an HTML table.
public enum ChartRenderer {
    /// The chart as an `<svg>` element for inlining in an HTML page or embed page.
    public static func svg(_ spec: ChartSpec, _ result: QueryResult) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 400\" role=\"img\"><title>\(Escape.html(spec.title))</title></svg>"
    }

    /// The chart as a standalone `.svg` file (XML declaration, its own styles for light and dark).
    public static func standaloneSVG(_ spec: ChartSpec, _ result: QueryResult) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg(spec, result) + "\n"
    }

    /// The chart's data as an accessible HTML `<table>`.
    public static func dataTable(_ spec: ChartSpec, _ result: QueryResult) -> String {
        "<table></table>"
    }
}
