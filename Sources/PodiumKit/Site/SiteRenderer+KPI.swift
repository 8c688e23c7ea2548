/// The KPI blocks of a page: their HTML on the page, and their own files (`embed/<id>.html`,
/// `data/<id>.csv`, `data/<id>.json`).
extension SiteRenderer {
    /// What each tile of a block shows, from its page's results.
    static func kpiTiles(_ spec: KPISpec, results: [String: QueryResult]) -> [KPIValues.Resolved] {
        KPIValues.resolve(spec, results[spec.resultID] ?? QueryResult(columns: [], rows: []),
                          series: results[spec.seriesResultID])
    }

    /// The embed page and data files of every KPI block of a page.
    /// - Parameters:
    ///   - page: the page.
    ///   - results: the page's results.
    ///   - pagePath: the page's output path, for the embed page's link back.
    ///   - site: the site.
    /// - Returns: three files per block.
    static func kpiFiles(_ page: Page, results: [String: QueryResult], pagePath: String, site: SiteModel) throws -> [OutputFile] {
        var files: [OutputFile] = []
        for spec in page.kpis {
            files.append(try embedPage(
                id: spec.id, title: spec.displayTitle, subtitle: nil,
                content: KPIRenderer.tileList(kpiTiles(spec, results: results)).render(.xml), anchor: "kpi-\(spec.id)",
                pagePath: pagePath, site: site, extraStyle: KPIRenderer.embedStyle))
            // The JSON names the block as a chart's does: id, title and sql (its series query is not exported).
            let named = ChartSpec(id: spec.id, kind: .bar, title: spec.displayTitle, sql: spec.sql, x: "", y: [])
            files += dataFiles(named, resultID: spec.resultID, shelf: site.shelf)
        }
        return files
    }
}
