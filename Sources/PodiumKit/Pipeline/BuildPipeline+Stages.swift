import Foundation

/// The stages of `BuildPipeline.run()` after the fingerprint.
extension BuildPipeline {
    /// The warehouse ready to query, with the report's pages and templates.
    struct WarehouseStage {
        var plan: WarehousePlan
        var summary: WarehouseSummary
        var pages: [Page]
        var templates: TemplateLibrary
        /// The data tests and profiles that ran while the models were built.
        var besideModels: BesideModelsQuality.Found?
    }

    /// The site rendered in memory.
    struct RenderedSite {
        var queries: ChartQueries.Outcome
        var site: SiteModel
        var files: [OutputFile]
        var store: ResultStore
        var quality: QualityReport
        /// Each page's key, files and warnings, for the next build (see ``PageRenders``).
        var renders: [String: PageRender]
    }

    /// Nothing changed: the last build's report, its warnings again, and its state kept (with new
    /// stat data for files touched but identical).
    func keep(_ previous: BuildState, _ fingerprint: Fingerprint, report: inout BuildReport) throws {
        if options.strict, !previous.warnings.isEmpty {
            throw DiagnosticsError(previous.warnings.map {
                Diagnostic(.error, $0.message, at: $0.location, notes: $0.notes, hint: DataTestResult.hint(.error))
            })
        }
        report.explainFresh(previous)
        report.warnings = previous.warnings
        var state = previous
        // Also when an input was racy (changed in the tick of the last build, so re-hashed): a
        // later start makes it settled, and the next build can take the quick check.
        let racy = fingerprint.inputs.stamps.values.contains { $0.modified >= previous.writtenAt }
        if previous.inputs != fingerprint.inputs.stamps || racy {
            state.inputs = fingerprint.inputs.stamps
            state.writtenAt = fingerprint.startedAt
            try state.save(to: cacheFolder)
        }
        try QuickCheck.save(state, inputs: fingerprint.inputs, root: root, project: fingerprint.project, to: cacheFolder)
    }

    /// Stage 3 (with stage 2 finishing on `reading`'s thread): the problems of pages, templates,
    /// models and sources are reported together, in `ProblemOrder`.
    func buildWarehouse(_ fingerprint: Fingerprint, reading: Parallel.Background<ReportReading>,
                        report: inout BuildReport) throws -> WarehouseStage {
        let project = fingerprint.project
        let (models, modelProblems) = try project.orderedModels(root: root, engine: fingerprint.backend.dialect.engine)
        let plan = WarehousePlan(project: project, models: models, inputs: fingerprint.inputs, previous: fingerprint.previous,
                                 warehouseValid: fingerprint.warehouseValid)
        // Pages and templates first, then models, as they were found before the sources.
        var read: ReportReading?
        var readFailure: (any Error)?
        func earlierProblems() -> [Diagnostic] {
            if read == nil, readFailure == nil {
                do { read = try reading.wait() } catch { readFailure = error }
            }
            return (read?.problems ?? []) + modelProblems
        }
        let summary: WarehouseSummary
        let besideModels = BesideModelsQuality()
        do {
            summary = try fingerprint.backend.prepare(
                fresh: plan.warehouseIsFresh && modelProblems.isEmpty ? fingerprint.previous?.summary : nil,
                base: plan.fresh, projectRoot: root, sources: project.sources, models: models,
                earlierProblems: earlierProblems,
                besideModels: besideModels.work(qualityStage(fingerprint, plan: plan), models: Set(models.map(\.name))))
        } catch let error as DiagnosticsError {
            _ = earlierProblems()  // the reading thread is done before the build fails
            if let readFailure { throw readFailure }
            throw DiagnosticsError(ProblemOrder(project: project).sorted(error.diagnostics))
        }
        _ = earlierProblems()
        if let readFailure { throw readFailure }
        guard let read, let templates = read.templates else {  // unreachable: reported above
            throw DiagnosticsError(earlierProblems())
        }
        // The columns the page templates' queries look rows up by, indexed in a new warehouse.
        try fingerprint.backend.addIndexes(WarehouseIndexes.keys(
            for: read.pages, tables: Set(summary.tables.map(\.name) + summary.models.map(\.name))))
        report.timings.append(.init(stage: "read pages ‖", seconds: read.seconds))
        // Keys and references declared `severity: warn` (kept with their tables, so a build that
        // reuses the warehouse reports them again): warnings, or errors with --strict.
        let integrityWarnings = summary.tables.flatMap { $0.warnings ?? [] }
        if options.strict, !integrityWarnings.isEmpty {
            throw DiagnosticsError(integrityWarnings.map { $0.with(severity: .error) })
        }
        report.warnings += integrityWarnings
        report.tables = summary.tables.count + summary.models.count
        report.explanations += plan.explanations.map { explanation in
            // A multi-file source says which of its files were read.
            guard explanation.status == .rebuilt, let table = summary.tables.first(where: { $0.name == explanation.name }),
                  let read = table.readFiles, let files = table.files else { return explanation }
            var explained = explanation
            let what = read.count == files.count ? "read all \(String(counting: files.count, "file"))"
                : read.isEmpty ? "read no file (\(String(counting: files.count, "file")) kept)"
                : "read \(read.prefix(5).joined(separator: ", "))\(read.count > 5 ? " and \(read.count - 5) more" : "")"
                    + " (\(read.count) of \(String(counting: files.count, "file")); the others' rows kept)"
            explained.reason = (explanation.reason.map { $0 + "; " } ?? "") + what
            return explained
        }
        let ranBeside = besideModels.results
        if let ranBeside { report.timings.append(.init(stage: "data tests beside models ‖", seconds: ranBeside.seconds)) }
        return WarehouseStage(plan: plan, summary: summary, pages: read.pages, templates: templates, besideModels: ranBeside)
    }

    /// The data tests and the catalog's profiles, with the cache of their results.
    func qualityStage(_ fingerprint: Fingerprint, plan: WarehousePlan) -> QualityStage {
        let project = fingerprint.project
        var stage = QualityStage(projectRoot: root, project: project, strict: options.strict)
        stage.knownHashes = Dictionary(project.sources.compactMap { source in
            fingerprint.inputs.contentHash(of: source.path).map { (source.path, $0) }
        }, uniquingKeysWith: { first, _ in first })  // two sources may read one file
        let backend = fingerprint.backend
        stage.cache = QualityCache(store: resultStore,
                                   tables: plan.stamps, tool: fingerprint.inputs.tool + backend.cacheKeySuffix,
                                   previousTests: fingerprint.previous?.tests ?? [:],
                                   previousProfiles: fingerprint.previous?.profiles ?? [:])
        return stage
    }

    /// The largest warehouse whose data tests run beside the chart queries and rendering:
    /// past it, the tests' sorts and the charts' results would each hold memory at the same time,
    /// and a warehouse this size takes long enough that the overlap matters less than the peak.
    static let overlapLimit: Int64 = 64 << 20

    /// Stages 4 to 6. Where the warehouse takes concurrent readers (SQLite) the data tests run on
    /// their own connections and thread while the charts are queried and rendered (for a warehouse
    /// up to `overlapLimit`); else (PostgreSQL's one connection) one after the other. A failed data test (with `--strict`) or a mistake in the
    /// tests is reported before a chart's.
    func testQueryAndRender(_ fingerprint: Fingerprint, _ warehouse: WarehouseStage, clock: inout StageClock,
                            report: inout BuildReport) throws -> RenderedSite {
        let project = fingerprint.project
        let templatePages = warehouse.pages
        var pages = templatePages
        var qualityStage = qualityStage(fingerprint, plan: warehouse.plan)
        qualityStage.besideModels = warehouse.besideModels
        let backend = fingerprint.backend
        let store = resultStore
        var quality: QualityReport?
        var tests: Parallel.Background<(QualityReport, seconds: Double)>?
        let concurrentReaders = (backend.size ?? 0) <= Self.overlapLimit ? backend.concurrentReaders : nil
        let besideCharts = concurrentReaders != nil
        if let concurrentReaders {
            tests = Parallel.Background { [qualityStage, summary = warehouse.summary] in
                let started = DispatchTime.now().uptimeNanoseconds
                let quality = try qualityStage.run(readers: concurrentReaders, summary: summary, pages: templatePages)
                return (quality, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
            }
        } else {
            // One connection, or a large warehouse: one stage after the other, so their memory
            // peaks do not add up.
            BuildProgress.report(.stage("data tests"))
            let finished = try qualityStage.run(readers: backend.readers(count:), summary: warehouse.summary, pages: templatePages)
            quality = finished
            report.record(finished)
            clock.lap("data tests", into: &report)
        }

        // Two chart queries at a time, beside the tests or after them: a query's sort keeps to its
        // connection's cache (`WarehouseWorkers.cacheKiB`), and every result is held for rendering
        // either way. (One at a time, the Tokyo ×100 build's query stage waited 320 ms on its
        // one large query with the other core idle.)
        let connections = 2
        let chartQueries = ChartQueries(connect: { try backend.readers(count: Swift.min($0, connections)) }, store: store,
                                        tables: warehouse.plan.stamps, tool: fingerprint.inputs.tool + backend.cacheKeySuffix,
                                        previous: fingerprint.previous?.results ?? [:])
        var rendered: (queries: ChartQueries.Outcome, site: SiteModel, files: [OutputFile], renders: [String: PageRender])?
        var renderFailure: (any Error)?
        var valueProblems: [Diagnostic] = []
        do {
            BuildProgress.report(.stage(besideCharts ? "query" : "query alone"))
            // Page templates first: their rows give the pages whose queries run next.
            let eachQueries = EntityPages.eachQueries(pages)
            let rows = eachQueries.isEmpty ? ChartQueries.Outcome() : try chartQueries.run([], named: eachQueries, holdAll: true)
            let expansion = try EntityPages.expand(pages, results: rows.results, dialect: backend.dialect)
            pages = expansion.pages
            var site = SiteModel(title: project.title, description: project.description, baseURL: project.url, pages: pages,
                                 results: [:], templates: warehouse.templates, allowHTML: project.allowHTML)
            // Pages whose inputs are the last build's keep their files: their results are not read.
            let known = fingerprint.previous.flatMap { $0.output == project.output ? $0.outputs : nil } ?? [:]
            var renders: PageRenders?
            var queries = try chartQueries.run(pages.flatMap(\.charts), named: EntityPages.queriesToRun(pages),
                                               kpis: pages.flatMap(\.kpis), entities: expansion.entities) { [pages] stamps in
                let decided = PageRenders(site: site, tool: fingerprint.inputs.tool, stamps: stamps, rows: expansion.rows,
                                          previous: fingerprint.previous?.renders ?? [:], outputs: known,
                                          output: fingerprint.outputURL.path)
                renders = decided
                return decided.unneededResults(of: pages)
            }
            queries.results.merge(rows.results) { current, _ in current }
            queries.results.merge(expansion.rows) { current, _ in current }
            queries.stamps.merge(rows.stamps) { current, _ in current }
            queries.explanations = rows.explanations + queries.explanations
            queries.queriesRun += rows.queriesRun
            // The small results are held; a large one is read back by the page that shows it.
            site.shelf = ResultShelf(held: queries.results, store: store, stored: queries.stamps.mapValues(\.key))
            clock.lap("query", into: &report)
            let kept = renders?.kept ?? [:]
            // Each page's problems: a kept page's are the last build's (its inputs are the same).
            // Its prose's and KPI blocks' results are read for its checks alone.
            var pageProblems: [String: PageRender] = [:]
            for page in pages {
                if let render = kept[page.name] {
                    pageProblems[page.name] = render
                    continue
                }
                let results = try site.shelf.results(page.queries.map(\.id) + page.kpis.flatMap { [$0.resultID, $0.seriesResultID] })
                pageProblems[page.name] = PageRender(
                    key: "", files: [], inline: InlineValues.check([page], results: results),
                    kpi: KPIValues.check([page], results: results), empty: page.charts.compactMap { queries.empty[$0.id] })
            }
            let problems = pages.map { pageProblems[$0.name]! }
            // Ids used twice across pages (results are not needed for that).
            valueProblems = problems.flatMap(\.inline) + KPIValues.check(pages, results: [:]) + problems.flatMap(\.kpi)
            // A template's problem is the same on each of its pages: reported once.
            var seenProblems: Set<String> = []
            valueProblems = valueProblems.filter { seenProblems.insert("\($0.severity) \($0.message) \(String(describing: $0.location))").inserted }
            if valueProblems.contains(where: { $0.severity == .error }) {
                throw DiagnosticsError(valueProblems.filter { $0.severity == .error })
            }
            if options.strict, !valueProblems.isEmpty {
                throw DiagnosticsError(valueProblems.map {
                    Diagnostic(.error, $0.message, at: $0.location, notes: $0.notes, hint: $0.hint)
                })
            }
            let nothingToDraw = problems.flatMap(\.empty)
            if options.strict, !nothingToDraw.isEmpty { throw DiagnosticsError(nothingToDraw.map { $0.with(severity: .error) }) }
            report.warnings += nothingToDraw
            BuildProgress.report(.stage("render"))
            let output = fingerprint.outputURL.path
            let keptFiles = kept.mapValues { render in
                render.files.map { OutputFile(path: $0, kept: known[$0]!.sha256, at: output + "/" + $0) }
            }
            let files = try SiteRenderer.render(site, keeping: keptFiles)
            let keys = PageRenders.keys(site: site, tool: fingerprint.inputs.tool, stamps: queries.stamps, rows: expansion.rows)
            var pageRenders: [String: PageRender] = [:]
            for (page, files) in zip(pages, files.pages) {
                var render = pageProblems[page.name]!
                render.key = keys[page.name] ?? ""
                render.files = files.map(\.path)
                pageRenders[page.name] = render
            }
            report.pagesRendered = pages.count - kept.count
            rendered = (queries, site, (files.pages.flatMap { $0 } + files.assets).sorted { $0.path < $1.path }, pageRenders)
            clock.lap("render", into: &report)
        } catch {
            renderFailure = error
        }
        if let tests {
            let (finished, seconds) = try tests.wait()
            quality = finished
            report.record(finished)
            report.timings.append(.init(stage: "data tests ‖", seconds: seconds))
            clock.lap("wait for tests", into: &report)
        }
        if let renderFailure { throw renderFailure }
        let (queries, site, pageFiles, renders) = rendered!
        let blocks = pages.flatMap(\.charts)
        report.charts = blocks.count { $0.table == nil }
        report.tableBlocks = blocks.count - report.charts
        report.kpiBlocks = pages.reduce(0) { $0 + $1.kpis.count }
        report.warnings += valueProblems
        report.queriesRun = queries.queriesRun
        report.explanations += queries.explanations
        var files = pageFiles + (try quality!.outputFiles(site: site))
        if let sitemap = Sitemap.file(for: files, site: site) { files.append(sitemap) }  // only with `url:`
        files = SiteWriter.withMarker(files)
        report.files = files.count
        report.pages = pages.count
        return RenderedSite(queries: queries, site: site, files: files, store: store, quality: quality!, renders: renders)
    }

    /// Saves what the next build compares with: the state, the quick check, and only the results in use.
    func save(_ fingerprint: Fingerprint, _ warehouse: WarehouseStage, _ built: RenderedSite, hashes: [String: String],
              untouched: [String: FileStamp], report: BuildReport) throws {
        var state = BuildState()
        state.tool = fingerprint.inputs.tool
        state.inputs = fingerprint.inputs.stamps
        state.buildKey = fingerprint.buildKey
        state.warehouse = fingerprint.backend.stamp()
        state.tables = warehouse.plan.stamps
        state.summary = warehouse.summary
        state.results = built.queries.stamps
        state.tests = built.quality.testStamps
        state.testsFailed = built.quality.results.count { !$0.passed }
        state.profiles = built.quality.profileStamps
        state.charts = report.charts
        state.tableBlocks = report.tableBlocks
        state.kpiBlocks = report.kpiBlocks
        state.outputs = try OutputCheck.stamps(built.files, in: fingerprint.outputURL, hashes: hashes, reusing: untouched)
        state.output = fingerprint.project.output
        state.url = fingerprint.project.url
        state.pages = built.site.pages.count
        state.renders = built.renders
        state.warnings = report.warnings
        state.writtenAt = fingerprint.startedAt
        try state.save(to: cacheFolder)
        try QuickCheck.save(state, inputs: fingerprint.inputs, root: root, project: fingerprint.project, to: cacheFolder)
        built.store.prune(keeping: Set(built.queries.stamps.values.map(\.key) + state.tests.values.map(\.key)
            + state.profiles.values.map(\.key)))
    }
}
