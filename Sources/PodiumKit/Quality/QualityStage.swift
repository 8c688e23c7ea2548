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
    /// The stored results of the last build's tests and profiles; nil to run and profile everything.
    var cache: QualityCache?
    /// The tests and profiles that already ran beside the models (`runBesideModels`).
    var besideModels: BesideModelsQuality.Found?

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
    /// With a `cache`, only the tests and profiles whose key changed run; the others are read
    /// from the result store.
    private func run(workers: WarehouseWorkers, summary: WarehouseSummary, pages: [Page]) throws -> QualityReport {
        let database = workers.engines[0]
        var builder = CatalogBuilder(projectRoot: projectRoot, sources: project.sources)
        builder.knownHashes = knownHashes
        var runner = DataTestRunner(tests: project.tests, sources: project.sources)
        runner.known = DataTestRunner.known(summary)
        let ids = DataTest.ids(project.tests)
        let testLookups = project.tests.indices.map { index in
            cache?.lookup(project.tests[index], id: ids[index], sourcePath: runner.sourcePath(of: project.tests[index]),
                          sampleSize: runner.sampleSize)
        }
        let plan = try runner.plan(on: database) { testLookups[$0]?.cached ?? besideModels?.tests[$0] }

        // Per staging table: its stored profiles, or the jobs that profile its columns.
        var profileJobs: [WarehouseJob<Catalog.ColumnProfile>] = []
        var tableProfiles: [(table: StagedTable, lookup: QualityCache.Lookup<[Catalog.ColumnProfile]>?,
                             ran: [Catalog.ColumnProfile]?, jobs: Range<Int>)] = []
        for table in summary.tables {
            let required = builder.required(table)
            let lookup = cache?.lookup(table, required: required)
            let ran = besideModels?.profiles[table.name]
            let jobs = lookup?.cached == nil && ran == nil ? builder.profileJobs(table, required: required) : []
            tableProfiles.append((table, lookup, ran, profileJobs.count..<profileJobs.count + jobs.count))
            profileJobs += jobs
        }

        var rows: [String: Int] = [:]
        for table in summary.tables { rows[table.name] = table.rowCount }
        for model in summary.models { rows[model.name] = model.rowCount }
        let outcomes = workers.run(plan.jobs.map { $0.map(Job.tests) } + profileJobs.map { $0.map(Job.profile) }, rows: rows)
        let results = try plan.results(outcomes.prefix(plan.jobs.count).map { $0.map(\.tests!) })
        let computed = try outcomes.dropFirst(plan.jobs.count).map { try $0.get().profile! }

        var report = QualityReport(catalog: Catalog(sources: [], models: [], charts: []), results: results, warnings: [])
        for (index, result) in results.enumerated() {
            guard let lookup = testLookups[index] else {
                report.testsRun += 1
                continue
            }
            if lookup.cached == nil {
                report.testsRun += 1
                try cache?.store(result, for: lookup.stamp)
            }
            report.testStamps[ids[index]] = lookup.stamp
            report.explanations.append(.init(kind: .test, name: ids[index], status: lookup.cached == nil ? .rebuilt : .fresh,
                                             reason: lookup.reason))
        }
        var profiles: [Catalog.ColumnProfile] = []
        for (table, lookup, ran, jobs) in tableProfiles {
            let tableProfile = lookup?.cached ?? ran ?? Array(computed[jobs])
            profiles += tableProfile
            guard let lookup, let cache else { continue }
            if lookup.cached == nil { try cache.store(tableProfile, for: lookup.stamp) }
            report.profileStamps[table.name] = lookup.stamp
            report.explanations.append(.init(kind: .profile, name: table.name, status: lookup.cached == nil ? .rebuilt : .fresh,
                                             reason: lookup.reason))
        }
        report.catalog = try builder.build(database: database, summary: summary, charts: CatalogBuilder.blocks(of: pages), profiles: profiles)
        let failures = results.compactMap { $0.diagnostic(severity: strict ? .error : .warning) }
        if strict, !failures.isEmpty { throw DiagnosticsError(failures) }
        report.warnings = failures
        return report
    }

    /// The outcome of one of the stage's jobs (also of those run beside the models).
    enum Job {
        case tests([DataTestResult])
        case profile(Catalog.ColumnProfile)

        var tests: [DataTestResult]? { if case .tests(let results) = self { results } else { nil } }
        var profile: Catalog.ColumnProfile? { if case .profile(let profile) = self { profile } else { nil } }
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
    /// How many tests ran (the others were reused from the cache).
    public var testsRun = 0
    /// With a cache: what each test's result and each staging table's profile was computed from
    /// (by test id and table name), and whether each was reused or recomputed, and why.
    var testStamps: [String: ResultStamp] = [:]
    var profileStamps: [String: ResultStamp] = [:]
    var explanations: [BuildReport.Explanation] = []

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
