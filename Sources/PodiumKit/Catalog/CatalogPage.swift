/// The body of `site/catalog.html`: the lineage drawing, then every source (file facts and
/// column profiles), every model and every chart with the tables it reads.
enum CatalogPage {
    /// The output path.
    static let path = "catalog.html"

    /// Trusted HTML for the page's `<main>`; every value in it is escaped.
    static func body(_ catalog: Catalog) -> String {
        var out = "<h1>Data catalog</h1>\n"
        out += "<p>What this site is built from: \(String(counting: catalog.sources.count, "source file")), "
            + "\(String(counting: catalog.models.count, "model")) and \(String(counting: catalog.charts.count, "block")) that read them (charts, tables, KPI blocks, values in prose). "
            + "Results of the data tests are on the <a href=\"quality.html\">data tests</a> page.</p>\n"
        out += "<h2 id=\"lineage\">Lineage</h2>\n"
        out += "<p>Each source file is staged as a table; models read staging tables and other models; charts, tables, KPI blocks and the values quoted in prose read models.</p>\n"
        out += "<figure class=\"podium-lineage-figure\"><div class=\"podium-table-scroll\">\n"
            + LineageGraph.svg(catalog) + "\n</div></figure>\n"

        out += "<h2 id=\"sources\">Sources</h2>\n"
        for source in catalog.sources {
            out += "<section id=\"source-\(Escape.html(source.name))\">\n"
            out += "<h3><code>\(Escape.html(source.table))</code> from <code>\(Escape.html(source.path))</code></h3>\n"
            out += "<p>\(TickFormat.grouped(String(source.rowCount))) rows · \(TickFormat.grouped(String(source.bytes))) bytes · "
                + "SHA-256 <code>\(Escape.html(source.sha256))</code></p>\n"
            out += HTMLTable(
                caption: "Columns of \(source.table)",
                header: ["column", "header", "type", "nullable", "nulls", "distinct", "min", "max", "most frequent", "longest"],
                numericColumns: [4, 5],
                rows: source.columns.map { column in
                    [.code(column.name), .text(column.header),
                     .text(column.type.rawValue + (column.isDeclared ? "" : " (inferred)")),
                     .text(column.nullable ? "yes" : "no"), .number(column.nulls), .number(column.distinct),
                     column.min.map(HTMLTable.Cell.value) ?? .text(""), column.max.map(HTMLTable.Cell.value) ?? .text(""),
                     HTMLTable.Cell(html: column.top.map { "\(Escape.html(TextTable.cell($0.value))) (\(TickFormat.grouped(String($0.count))))" }
                        .joined(separator: "<br>")),
                     .text(column.longest ?? "")]
                }).html
            out += "</section>\n"
        }

        out += "<h2 id=\"models\">Models</h2>\n"
        out += HTMLTable(
            caption: "Models, in the order they run", header: ["model", "file", "rows", "columns", "reads"], numericColumns: [2],
            rows: catalog.models.map { model in
                [HTMLTable.Cell(html: "<code id=\"model-\(Escape.html(model.name))\">\(Escape.html(model.name))</code>"),
                 .code(model.path), .number(model.rowCount),
                 .text(model.columns.map { $0.type.isEmpty ? $0.name : "\($0.name) \($0.type.lowercased())" }.joined(separator: ", ")),
                 .text(model.reads.joined(separator: ", "))]
            }).html

        out += "<h2 id=\"charts\">Charts</h2>\n"
        out += HTMLTable(
            caption: "Charts, tables, KPI blocks and the values in each page's prose, and the tables their queries read",
            header: ["block", "kind", "title", "reads"],
            rows: catalog.charts.map { chart in
                [HTMLTable.Cell(html: "<a href=\"\(Escape.html(chart.href))\">\(Escape.html(chart.id))</a>"),
                 .text(chart.kind), .text(chart.title), .text(chart.reads.joined(separator: ", "))]
            }).html
        return out
    }
}
