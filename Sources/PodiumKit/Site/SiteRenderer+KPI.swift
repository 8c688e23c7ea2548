/// The KPI blocks of a page: their HTML on the page, and their own files (`embed/<id>.html`,
/// `data/<id>.csv`, `data/<id>.json`).
extension SiteRenderer {
    /// What each tile of a block shows, from the site's results.
    static func kpiTiles(_ spec: KPISpec, site: SiteModel) -> [KPIValues.Resolved] {
        KPIValues.resolve(spec, site.results[spec.resultID] ?? QueryResult(columns: [], rows: []),
                          series: site.results[spec.seriesResultID])
    }

    /// The embed page and data files of every KPI block of a page.
    /// - Parameters:
    ///   - page: the page.
    ///   - pagePath: the page's output path, for the embed page's link back.
    ///   - site: the site.
    /// - Returns: three files per block.
    static func kpiFiles(_ page: Page, pagePath: String, site: SiteModel) throws -> [OutputFile] {
        var files: [OutputFile] = []
        for spec in page.kpis {
            let result = site.results[spec.resultID] ?? QueryResult(columns: [], rows: [])
            let path = "embed/\(spec.id).html"
            let root = relativeRoot(of: path)
            var context: [String: Any] = [
                "lang": site.language,
                "id": spec.id,
                "title": spec.displayTitle,
                "siteTitle": site.title,
                "svg": KPIRenderer.tileList(kpiTiles(spec, site: site)).render(.xml),
                "pageHref": "\(root)\(pagePath)#kpi-\(spec.id)",
                "csvHref": "\(root)data/\(spec.id).csv",
                "extraStyle": KPIRenderer.embedStyle,
            ]
            context.merge(EmbedTheme.templateContext) { current, _ in current }
            files.append(OutputFile(path: path, text: try site.templates.render("embed", context)))
            // The JSON names the block as a chart's does: id, title and sql (its series query is not exported).
            let named = ChartSpec(id: spec.id, kind: .bar, title: spec.displayTitle, sql: spec.sql, x: "", y: [])
            files.append(OutputFile(path: "data/\(spec.id).csv", deferred: { DataExport.csvBytes(result) }))
            files.append(OutputFile(path: "data/\(spec.id).json", deferred: { DataExport.jsonBytes(named, result) }))
        }
        return files
    }
}
