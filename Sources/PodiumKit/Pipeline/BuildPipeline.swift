import Foundation

/// The build, stage by stage:
///
/// 1. Fingerprint (`Cache/`): read `podium.yaml` and hash every input by content. If nothing changed
///    since the last build and the warehouse and site are as it left them, stop: nothing to do.
/// 2. Read the report (`Report/`): `pages/*.md` → `[Page]` with their chart blocks; chart ids must
///    be unique across the site.
/// 3. Build the warehouse (`Extract/`, `Warehouse/`): stream each changed source into a typed,
///    checked staging table and re-run the models downstream of a change, in dependency order, in a
///    copy of the warehouse (`WarehousePlan` says which tables are fresh).
/// 4. Test (`Quality/`): profile the warehouse for the catalog and run the data tests; a failed
///    test is a warning, or an error with `--strict`.
/// 5. Query (`Pipeline/ChartQueries`): each chart's result comes from the result cache when its
///    key (SQL + fingerprints of the tables it reads) is unchanged, else from a read-only query.
/// 6. Render (`Render/`, `Site/SiteRenderer`): pages, embed pages, SVG, CSV and JSON in memory.
/// 7. Publish (`Site/SiteWriter`): only if some file differs, the site is written into a folder
///    beside the output (unchanged files hard-linked, keeping their mtime) and swapped in; then the
///    new warehouse is moved into place and the build state saved. A failure anywhere leaves the
///    previous site, warehouse and cache as they were.
struct BuildPipeline {
    let options: BuildOptions
    private var root: URL { options.projectRoot }
    private var cacheFolder: URL { root.appendingPathComponent(".podium") }

    func run() throws -> BuildReport {
        let lock = try BuildLock(folder: cacheFolder, onWait: options.onWait)
        defer { withExtendedLifetime(lock) {} }
        var clock = StageClock()
        // The quick check knows the SQLite warehouse of the last build only; a warehouse named on the
        // command line (or PODIUM_WAREHOUSE) takes the full check.
        if options.warehouse == nil, var report = QuickCheck.freshReport(cacheFolder: cacheFolder) {
            clock.lap("check (quick)", into: &report)
            return report
        }
        var report = BuildReport()
        let previous = BuildState.load(from: cacheFolder)
        let startedAt = StageClock.wallNanoseconds()
        let project = try ProjectFile.load(root: root)
        let postgres = try project.postgresLocation(override: options.warehouse)  // nil: the SQLite file
        let inputs = try InputFiles(root: root, project: project, previous: previous, racyBefore: previous?.writtenAt ?? 0)
        let buildKey = inputs.key(extra: "output=\(project.output)\nwarehouse=\(postgres?.stamp.sha256 ?? project.warehouse)")
        let warehouseURL = root.appendingPathComponent(project.warehouse)
        let outputURL = root.appendingPathComponent(project.output)
        let warehouseValid = postgres.map { previous?.warehouse == $0.stamp }
            ?? previous?.warehouse.map { OutputCheck.matches(warehouseURL.path, $0) } ?? false
        report.output = project.output
        clock.lap("fingerprint", into: &report)

        if let previous, previous.buildKey == buildKey, warehouseValid,
           OutputCheck.folderMatches(outputURL, previous.outputs) {
            if options.strict, !previous.warnings.isEmpty {
                throw DiagnosticsError(previous.warnings.map { Diagnostic(.error, $0.message, at: $0.location, notes: $0.notes, hint: $0.hint) })
            }
            report.explainFresh(previous)
            report.warnings = previous.warnings
            var state = previous
            if previous.inputs != inputs.stamps {  // touched but identical files: remember their new stat data
                state.inputs = inputs.stamps
                state.writtenAt = startedAt
                try state.save(to: cacheFolder)
            }
            try QuickCheck.save(state, inputs: inputs, root: root, project: project, to: cacheFolder)
            clock.lap("check outputs", into: &report)
            return report
        }

        QuickCheck.remove(from: cacheFolder)
        Self.removeLeftovers(of: warehouseURL, output: outputURL)
        let diagnostics = DiagnosticCollector()
        var pages: [Page] = []
        do {
            pages = try ReportLoader(root: root, project: project).loadPages()
        } catch let error as DiagnosticsError {
            diagnostics.emit(contentsOf: error.diagnostics)
        }
        var templates: TemplateLibrary?
        do {
            templates = try TemplateLibrary.load(projectTemplates: root.appendingPathComponent(project.templates),
                                                 displayPath: project.templates)
        } catch let error as DiagnosticsError {
            diagnostics.emit(contentsOf: error.diagnostics)
        }
        clock.lap("read pages", into: &report)

        var builder = WarehouseBuilder(
            projectRoot: root, sources: project.sources,
            modelsDirectory: project.models.map { root.appendingPathComponent($0) },
            modelsDisplayDirectory: project.models ?? "models")
        if postgres != nil { builder.engine = SQLDialect.postgres.engine }
        var models: [ModelSpec] = []
        var modelsFound = true
        do {
            models = try builder.models()
        } catch let error as DiagnosticsError {
            diagnostics.emit(contentsOf: error.diagnostics)
            modelsFound = false
        }
        let plan = WarehousePlan(project: project, models: models, inputs: inputs, previous: previous,
                                 warehouseValid: warehouseValid)
        let nextWarehouse = warehouseURL.deletingLastPathComponent()
            .appendingPathComponent(warehouseURL.lastPathComponent + ".next")
        defer { try? FileManager.default.removeItem(at: nextWarehouse) }
        let summary: WarehouseSummary
        var queried = warehouseURL
        let postgresWarehouse = try postgres.map(PostgresWarehouse.init(location:))
        do {
            if let postgresWarehouse {  // PostgreSQL: a full rebuild into <schema>_next unless nothing changed
                summary = try postgresWarehouse.prepare(fresh: plan.warehouseIsFresh && modelsFound ? previous?.summary : nil,
                                                        projectRoot: root, sources: project.sources, models: models,
                                                        diagnostics: diagnostics)
            } else if plan.warehouseIsFresh, modelsFound, let fresh = previous?.summary {
                try diagnostics.throwIfErrors()
                summary = fresh
            } else {
                summary = try builder.build(to: nextWarehouse, models: models, base: plan.fresh.map { (warehouseURL, $0) },
                                            diagnostics: diagnostics)
                try diagnostics.throwIfErrors()
                queried = nextWarehouse
            }
        } catch let error as DiagnosticsError {
            throw DiagnosticsError(ProblemOrder(project: project).sorted(error.diagnostics))
        }
        guard let templates else { throw DiagnosticsError(diagnostics.diagnostics) }  // unreachable: reported above
        report.tables = summary.tables.count + summary.models.count
        report.explanations += plan.explanations
        clock.lap("build warehouse", into: &report)

        var qualityStage = QualityStage(projectRoot: root, project: project, strict: options.strict)
        qualityStage.knownHashes = Dictionary(project.sources.compactMap { source in
            inputs.stamps[source.path].map { (source.path, $0.sha256) }
        }, uniquingKeysWith: { first, _ in first })  // two sources may read one file
        // SQLite: the data tests read the warehouse on their own connection and thread while the
        // charts are queried and rendered. PostgreSQL has one connection: one after the other.
        var quality: QualityReport?
        let tests: Parallel.Background<(QualityReport, seconds: Double)>?
        if let postgresWarehouse {
            quality = try qualityStage.run(engine: postgresWarehouse.connection, summary: summary, pages: pages)
            report.warnings += quality!.warnings
            clock.lap("data tests", into: &report)
            tests = nil
        } else {
            tests = Parallel.Background { [queried, pages] in
                let started = DispatchTime.now().uptimeNanoseconds
                let quality = try qualityStage.run(warehouse: queried, summary: summary, pages: pages)
                return (quality, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
            }
        }

        let store = ResultStore(folder: cacheFolder.appendingPathComponent("results"))
        var chartQueries = ChartQueries(warehouse: queried, store: store, tables: plan.stamps, tool: inputs.tool,
                                        previous: previous?.results ?? [:])
        if let postgresWarehouse { chartQueries.use(postgresWarehouse) }
        var rendered: (queries: ChartQueries.Outcome, site: SiteModel, files: [OutputFile])?
        var renderFailure: (any Error)?
        do {
            let queries = try chartQueries.run(pages.flatMap(\.charts))
            clock.lap("query", into: &report)
            let site = SiteModel(title: project.title, description: project.description, pages: pages,
                                 results: queries.results, templates: templates, allowHTML: project.allowHTML)
            rendered = (queries, site, try SiteRenderer.render(site))
            clock.lap("render", into: &report)
        } catch {
            renderFailure = error
        }
        // A failed data test (with --strict) or a mistake in the tests is reported before a chart's.
        if let tests {
            let (finished, seconds) = try tests.wait()
            quality = finished
            report.warnings += finished.warnings
            report.timings.append(.init(stage: "data tests ‖", seconds: seconds))
            clock.lap("wait for tests", into: &report)
        }
        if let renderFailure { throw renderFailure }
        let (queries, site, pageFiles) = rendered!
        report.charts = queries.results.count
        report.queriesRun = queries.queriesRun
        report.explanations += queries.explanations
        let files = try SiteWriter.withMarker(pageFiles + (quality!.outputFiles(site: site)))
        report.files = files.count
        report.pages = pages.count

        let changes = try SiteWriter.publish(files, to: outputURL)
        if queried == nextWarehouse { try FileSystem.replaceItem(at: warehouseURL, with: nextWarehouse) }
        try postgresWarehouse?.publish()
        report.written = changes.added.count + changes.changed.count
        report.removed = changes.removed.count
        report.explainFiles(files, changes: changes, reasons: OutputReasons(
            changedInputs: inputs.changed(since: previous),
            rebuiltResults: Set(queries.explanations.filter { $0.status != .fresh }.map(\.name)),
            rebuiltTables: Set(plan.explanations.filter { $0.status != .fresh }.map(\.name)), site: site))
        clock.lap("publish", into: &report)

        var state = BuildState()
        state.tool = inputs.tool
        state.inputs = inputs.stamps
        state.buildKey = buildKey
        state.warehouse = postgres?.stamp ?? OutputCheck.stamp(warehouseURL.path)
        state.tables = plan.stamps
        state.summary = summary
        state.results = queries.stamps
        state.outputs = try OutputCheck.stamps(files, in: outputURL)
        state.output = project.output
        state.pages = pages.count
        state.warnings = report.warnings
        state.writtenAt = startedAt
        try state.save(to: cacheFolder)
        try QuickCheck.save(state, inputs: inputs, root: root, project: project, to: cacheFolder)
        store.prune(keeping: Set(queries.stamps.values.map(\.key)))
        clock.lap("save cache", into: &report)
        return report
    }
}

extension BuildPipeline {
    /// Removes what killed builds left behind (temporary warehouse files, site folders being
    /// swapped) and puts back a site renamed away but not replaced. Runs under the build lock.
    static func removeLeftovers(of warehouse: URL, output: URL) {
        SiteWriter.recover(output)
        let folder = warehouse.deletingLastPathComponent()
        let name = warehouse.lastPathComponent
        for file in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where file.hasPrefix(".\(name)") && file.hasSuffix(".tmp") || file == "\(name).next" {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(file))
        }
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

    /// The wall clock in nanoseconds since 1970 (for cache bookkeeping only, never for output).
    static func wallNanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}

/// The order in which the problems of one build are reported: pages, sources, models, templates,
/// then anything else — each group in the order it was found.
struct ProblemOrder {
    let project: ProjectFile

    func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
    }

    private func rank(_ diagnostic: Diagnostic) -> Int {
        let file = diagnostic.location?.file ?? ""
        if file.hasPrefix(project.pages + "/") { return 0 }
        if project.sources.contains(where: { $0.path == file }) { return 1 }
        if let models = project.models, file.hasPrefix(models + "/") { return 2 }
        if file.hasPrefix(project.templates + "/") || file.hasPrefix(TemplateLibrary.defaultDisplayPrefix) { return 3 }
        return 4
    }
}
