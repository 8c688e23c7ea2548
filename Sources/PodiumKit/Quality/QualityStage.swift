import Foundation

/// The stage after the warehouse is built and before anything is published: profile the
/// warehouse into the catalog and run the data tests.
///
/// A failed test is a warning, or an error with `strict` (the build then stops before
/// publishing, so the previous site stays). Tests naming unknown tables or columns, and checks
/// whose SQL fails, are always errors.
public struct QualityStage: Sendable {
    public var projectRoot: URL
    public var project: ProjectFile
    /// Whether failed tests are errors (`podium build --strict`).
    public var strict: Bool
    /// Source file hashes the build already computed (path → SHA-256), so the catalog does not
    /// read the files again.
    public var knownHashes: [String: String] = [:]

    /// Creates the stage.
    public init(projectRoot: URL, project: ProjectFile, strict: Bool) {
        self.projectRoot = projectRoot
        self.project = project
        self.strict = strict
    }

    /// Profiles the warehouse and runs the tests, read-only.
    /// - Parameters:
    ///   - readers: opens read-only connections to the prepared warehouse (as many as there are
    ///     cores; fewer where the engine has fewer).
    ///   - summary: what the warehouse build staged and ran.
    ///   - pages: the site's pages (for the charts' lineage).
    /// - Throws: `DiagnosticsError` for mistakes in the tests, for pages or charts whose names
    ///   collide with the catalog's files, and, with `strict`, for every failed test.
    func run(readers: (_ count: Int) throws -> WarehouseWorkers, summary: WarehouseSummary, pages: [Page]) throws -> QualityReport {
        try checkReservedNames(pages)
        let workers = try readers(ProcessInfo.processInfo.activeProcessorCount)
        defer { workers.close() }
        return try run(workers: workers, summary: summary, pages: pages)
    }

    /// The column profiles and the tests are independent queries: they share the workers' queue.
    private func run(workers: WarehouseWorkers, summary: WarehouseSummary, pages: [Page]) throws -> QualityReport {
        let database = workers.engines[0]
        var builder = CatalogBuilder(projectRoot: projectRoot, sources: project.sources)
        builder.knownHashes = knownHashes
        let plan = try DataTestRunner(tests: project.tests, sources: project.sources).plan(on: database)
        let profileJobs = builder.profileJobs(summary: summary)
        var rows: [String: Int] = [:]
        for table in summary.tables { rows[table.name] = table.rowCount }
        for model in summary.models { rows[model.name] = model.rowCount }
        let outcomes = workers.run(plan.jobs.map { $0.map(Job.tests) } + profileJobs.map { $0.map(Job.profile) }, rows: rows)
        let results = try plan.results(outcomes.prefix(plan.jobs.count).map { $0.map(\.tests!) })
        let profiles = try outcomes.dropFirst(plan.jobs.count).map { try $0.get().profile! }
        let catalog = try builder.build(database: database, summary: summary, charts: Self.charts(of: pages), profiles: profiles)
        let failures = results.compactMap { $0.diagnostic(severity: strict ? .error : .warning) }
        if strict, !failures.isEmpty { throw DiagnosticsError(failures) }
        return QualityReport(catalog: catalog, results: results, warnings: failures)
    }

    /// The outcome of one of the stage's jobs.
    private enum Job {
        case tests([DataTestResult])
        case profile(Catalog.ColumnProfile)

        var tests: [DataTestResult]? { if case .tests(let results) = self { results } else { nil } }
        var profile: Catalog.ColumnProfile? { if case .profile(let profile) = self { profile } else { nil } }
    }

    /// Every chart with the output path of its page (the home page is `index.html`, as in
    /// `SiteModel.outputPath(of:)`).
    static func charts(of pages: [Page]) -> [(page: String, chart: ChartSpec)] {
        let home = pages.first(where: \.isIndex) ?? pages.first
        return pages.flatMap { page in
            page.charts.map { (page: page.name == home?.name ? "index.html" : "\(page.name).html", chart: $0) }
        }
    }

    private func checkReservedNames(_ pages: [Page]) throws {
        var problems: [Diagnostic] = []
        for page in pages where ["catalog", "quality"].contains(page.name.lowercased()) {
            problems.append(.error("page name '\(page.name)' is reserved: Podium writes \(page.name.lowercased()).html itself",
                                   at: .init(file: page.path), hint: "rename the page file"))
        }
        for chart in pages.flatMap(\.charts) where chart.id == "quality" {
            problems.append(.error("chart id 'quality' is reserved: Podium writes data/quality.json itself",
                                   at: chart.location, hint: "give the chart another id"))
        }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
    }
}

/// What `QualityStage` found: the catalog, the test results, and a warning per failed test.
public struct QualityReport: Sendable {
    public var catalog: Catalog
    public var results: [DataTestResult]
    /// One warning per failed test (empty with `--strict`, where failures are thrown instead).
    public var warnings: [Diagnostic]

    /// `catalog.html`, `quality.html` and `data/quality.json`, laid out with the site's theme.
    public func outputFiles(site: SiteModel) throws -> [OutputFile] {
        [
            try SiteRenderer.layoutPage(path: CatalogPage.path, title: "Data catalog",
                                        description: "Sources, models and charts of \(site.title): schemas, profiles and lineage.",
                                        bodyHTML: CatalogPage.body(catalog), site: site),
            try SiteRenderer.layoutPage(path: QualityPage.path, title: "Data tests",
                                        description: "The data tests of \(site.title) and their results.",
                                        bodyHTML: QualityPage.body(results), site: site),
            OutputFile(path: QualityPage.jsonPath, text: QualityPage.json(results)),
        ]
    }
}
