/// Says, in words, why an output file was rewritten, from the inputs and results that changed.
struct OutputReasons {
    /// Inputs (by name, as in `InputFiles`) whose content changed since the last build.
    let changedInputs: Set<String>
    /// Chart ids and named query ids whose result was recomputed.
    let rebuiltResults: Set<String>
    /// Warehouse tables that were rebuilt.
    let rebuiltTables: Set<String>
    let site: SiteModel
    /// Whether podium.yaml's `url:` differs from the last build's: it is written into every page
    /// (canonical link, `og:url`), every embed snippet and the sitemap.
    var urlChanged = false

    /// Why `path` (relative to the output folder) was rewritten.
    func reason(for path: String, isNew: Bool) -> String {
        if isNew { return "new file" }
        var reasons: [String] = []
        if let page = site.pages.first(where: { site.outputPath(of: $0) == path }) {
            if changedInputs.contains(page.path) { reasons.append("\(page.path) changed") }
            reasons += page.charts.filter { rebuiltResults.contains($0.id) }.map { "result \($0.id) changed" }
            reasons += page.queries.filter { rebuiltResults.contains($0.id) }.map { "result \($0.id) changed" }
            reasons += page.kpis.flatMap(kpiReasons)
        } else if ["catalog.html", "quality.html", "data/quality.json"].contains(path) {
            reasons += rebuiltTables.sorted().prefix(2).map { "table \($0) changed" }
            if changedInputs.contains(where: { $0.hasPrefix("pages/") }) { reasons.append("the charts' lineage changed") }
        } else if let chart = chartID(of: path), let page = site.pages.first(where: { $0.charts.contains { $0.id == chart } }) {
            if rebuiltResults.contains(chart) { reasons.append("result \(chart) changed") }
            if changedInputs.contains(page.path) { reasons.append("\(page.path) changed") }
        } else if let id = chartID(of: path), let page = site.pages.first(where: { $0.kpis.contains { $0.id == id } }),
                  let kpi = page.kpis.first(where: { $0.id == id }) {
            reasons += kpiReasons(kpi)
            if changedInputs.contains(page.path) { reasons.append("\(page.path) changed") }
        }
        reasons += changedInputs.filter(isTemplate).sorted().map { "template \(templateName($0)) changed" }
        if urlChanged, path.hasSuffix(".html") || path == Sitemap.path {
            reasons.append("url changed in \(ProjectFile.fileName)")
        } else if changedInputs.contains(ProjectFile.fileName) {
            reasons.append("\(ProjectFile.fileName) changed")
        }
        if changedInputs.contains(InputFiles.toolName) { reasons.append("podium changed") }
        if reasons.isEmpty { reasons.append(path.hasSuffix(".html") ? "another page changed (navigation)" : "its inputs changed") }
        return reasons.prefix(3).joined(separator: ", ") + (reasons.count > 3 ? ", …" : "")
    }

    /// `result kpi:<id> changed` for each of a KPI block's results recomputed.
    private func kpiReasons(_ kpi: KPISpec) -> [String] {
        [kpi.resultID, kpi.seriesResultID].filter(rebuiltResults.contains).map { "result \($0) changed" }
    }

    /// `embed/<id>.html`, `charts/<id>.svg`, `data/<id>.csv|json` → `<id>`.
    private func chartID(of path: String) -> String? {
        let parts = path.split(separator: "/")
        guard parts.count == 2, ["embed", "charts", "data"].contains(parts[0]),
              let dot = parts[1].lastIndex(of: ".") else { return nil }
        return String(parts[1][..<dot])
    }

    private func isTemplate(_ input: String) -> Bool {
        input.hasPrefix(TemplateLibrary.defaultDisplayPrefix + "/") || input.hasSuffix(".mustache") || input.hasSuffix(".css")
    }

    /// `templates/layout.mustache` → `layout.mustache`.
    private func templateName(_ input: String) -> String {
        let prefix = input.hasPrefix(TemplateLibrary.defaultDisplayPrefix + "/")
            ? TemplateLibrary.defaultDisplayPrefix + "/" : String(input.prefix { $0 != "/" }) + "/"
        return String(input.dropFirst(prefix.count))
    }
}
