import Foundation

/// The build, stage by stage:
///
/// 1. Read the project: `podium.yaml` → `ProjectFile`, `pages/*.md` → `[Page]` with their chart
///    blocks (`Report/`). Chart ids must be unique across the site.
/// 2. Build the warehouse (`Extract/`, `Warehouse/`): each source is streamed into a typed,
///    checked staging table, then each model runs in dependency order. The warehouse is built into
///    a new file; the published one is replaced only when the whole build succeeded.
/// 3. Query (`Warehouse/`): every chart's SQL runs on a read-only connection; its result must hold
///    the chart's x and y columns.
/// 4. Render (`Render/`, `Site/SiteRenderer`): pages, embed pages, SVG, CSV and JSON files in memory.
/// 5. Publish (`Site/SiteWriter`): the site is written into a folder beside the output folder and
///    swapped in when complete; then the new warehouse is moved into place.
struct BuildPipeline {
    let options: BuildOptions
    private var root: URL { options.projectRoot }

    func run() throws -> BuildReport {
        var report = BuildReport()
        var clock = StageClock()

        let project = try ProjectFile.load(root: root)
        let pages = try ReportLoader(root: root, project: project).loadPages()
        clock.lap("read project", into: &report)

        let warehouseURL = root.appendingPathComponent(project.warehouse)
        let nextWarehouse = warehouseURL.deletingLastPathComponent()
            .appendingPathComponent(warehouseURL.lastPathComponent + ".next")
        try FileManager.default.createDirectory(at: warehouseURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: nextWarehouse) }
        let summary = try WarehouseBuilder(
            projectRoot: root, sources: project.sources,
            modelsDirectory: project.models.map { root.appendingPathComponent($0) },
            modelsDisplayDirectory: project.models ?? "models"
        ).build(to: nextWarehouse)
        report.tables = summary.tables.count + summary.models.count
        clock.lap("build warehouse", into: &report)

        let results = try ChartQueries(warehouse: nextWarehouse).run(pages.flatMap(\.charts))
        report.charts = results.count
        clock.lap("query", into: &report)

        let templates = try TemplateLibrary.load(projectTemplates: root.appendingPathComponent(project.templates),
                                                 displayPath: project.templates)
        let files = try SiteRenderer.render(SiteModel(title: project.title, description: project.description,
                                                      pages: pages, results: results, templates: templates,
                                                      allowHTML: project.allowHTML))
        report.files = files.count
        report.pages = pages.count
        clock.lap("render", into: &report)

        try SiteWriter.publish(files, to: root.appendingPathComponent(project.output))
        try FileSystem.replaceItem(at: warehouseURL, with: nextWarehouse)
        report.output = project.output
        clock.lap("publish", into: &report)
        return report
    }
}

/// Measures each stage's wall time.
struct StageClock {
    private var last = DispatchTime.now().uptimeNanoseconds

    mutating func lap(_ stage: String, into report: inout BuildReport) {
        let now = DispatchTime.now().uptimeNanoseconds
        report.timings.append(.init(stage: stage, seconds: Double(now - last) / 1e9))
        last = now
    }
}
