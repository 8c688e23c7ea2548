import Foundation

/// The build, stage by stage:
///
/// 1. Fingerprint (`Cache/`, `Pipeline/Fingerprint`): read `podium.yaml` and hash every input by
///    content. If nothing changed since the last build and the warehouse and site are as it left
///    them, stop: nothing to do.
/// 2. Read the report (`Report/`): `pages/*.md` → `[Page]` with their chart blocks (chart ids unique
///    across the site), and the templates — on a second thread, while stage 3 runs.
/// 3. Build the warehouse (`Extract/`, `Warehouse/`): stream each changed source into a typed,
///    checked staging table and re-run the models downstream of a change, in dependency order, in a
///    copy of the warehouse (`WarehousePlan` says which tables are fresh).
/// 4. Test (`Quality/`): profile the warehouse for the catalog and run the data tests; a failed
///    test is a warning, or an error with `--strict`. A test's result and a staging table's
///    profiles come from the result store when their key (definition + fingerprints of the tables
///    read) is the last build's (`QualityCache`). On SQLite this runs on a second thread, on
///    its own read-only connection, while stages 5 and 6 run.
/// 5. Query (`Pipeline/ChartQueries`): each chart's and named query's result comes from the result
///    cache when its key (SQL + fingerprints of the tables it reads) is unchanged, else from a
///    read-only query; then the pages' inline values are checked against them (`InlineValues`).
/// 6. Render (`Render/`, `Site/SiteRenderer`): pages (in parallel, inline values substituted),
///    embed pages, SVG, CSV and JSON in memory.
/// 7. Publish (`Site/SiteWriter`): only if some file differs: a few changed files are written as
///    temporaries in the output folder and renamed into place; more, and the site is written into a
///    folder beside the output (unchanged files hard-linked, keeping their mtime) and swapped in; then the
///    new warehouse is published (`WarehouseBackend.publish()`) and the build state saved. A
///    failure anywhere leaves the previous site, warehouse and cache as they were.
///
/// Problems are collected per stage and reported together (`ProblemOrder`); work on two threads
/// never changes what is reported or written.
struct BuildPipeline {
    let options: BuildOptions
    var root: URL { options.projectRoot }
    var cacheFolder: URL { root.appendingPathComponent(".podium") }
    /// The stored results of chart queries, data tests and profiles, in the cache folder.
    var resultStore: ResultStore { ResultStore(folder: cacheFolder.appendingPathComponent("results")) }

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
        BuildProgress.report(.stage("fingerprint"))
        let fingerprint = try Fingerprint(root: root, cacheFolder: cacheFolder, warehouseOverride: options.warehouse)
        let project = fingerprint.project
        report.output = project.output
        clock.lap("fingerprint", into: &report)
        if let unchanged = fingerprint.unchangedState {
            try keep(unchanged, fingerprint, report: &report)
            clock.lap("check outputs", into: &report)
            return report
        }

        QuickCheck.remove(from: cacheFolder)
        SiteWriter.recover(fingerprint.outputURL)
        fingerprint.backend.removeLeftovers()
        for folder in [cacheFolder, cacheFolder.appendingPathComponent("results")] { ChecksummedFile.removeTemporaries(in: folder) }
        BuildProgress.report(.stage("build warehouse"))
        let reading = Parallel.Background { [root] in try ReportReading(root: root, project: project) }
        defer { fingerprint.backend.discard() }
        let warehouse = try buildWarehouse(fingerprint, reading: reading, report: &report)
        clock.lap("build warehouse", into: &report)

        let built = try testQueryAndRender(fingerprint, warehouse, clock: &clock, report: &report)
        BuildProgress.report(.stage("publish"))
        // The last build's stamps of its files let unchanged ones be known without reading them.
        let known = fingerprint.previous.flatMap { $0.output == project.output ? $0.outputs : nil } ?? [:]
        let changes = try SiteWriter.publish(built.files, to: fingerprint.outputURL, known: known)
        try fingerprint.backend.publish()
        report.written = changes.added.count + changes.changed.count
        report.removed = changes.removed.count
        report.publishedInPlace = changes.inPlace
        report.explainFiles(built.files, changes: changes, reasons: OutputReasons(
            changedInputs: fingerprint.inputs.changed(since: fingerprint.previous),
            rebuiltResults: Set(built.queries.explanations.filter { $0.status != .fresh }.map(\.name)),
            rebuiltTables: Set(warehouse.plan.explanations.filter { $0.status != .fresh }.map(\.name)), site: built.site,
            urlChanged: fingerprint.previous.map { $0.url != project.url } ?? false))
        clock.lap("publish", into: &report)

        // Files left untouched keep their stamps (a swapped folder hard-links them: new ctimes).
        let untouched = changes.inPlace || changes.isEmpty ? known.filter { changes.unchangedByStamp.contains($0.key) } : [:]
        try save(fingerprint, warehouse, built, hashes: changes.hashes, untouched: untouched, report: report)
        clock.lap("save cache", into: &report)
        return report
    }
}

/// Measures each stage's wall time.
struct StageClock {
    private var last = DispatchTime.now().uptimeNanoseconds

    mutating func lap(_ stage: String, into report: inout BuildReport) {
        let now = DispatchTime.now().uptimeNanoseconds
        report.timings.append(.init(stage: stage, seconds: Double(now - last) / 1e9, peakMemoryBytes: Self.peakMemoryBytes()))
        last = now
    }

    /// The process's peak resident memory so far (VmHWM in /proc/self/status), read with one
    /// `read(2)`; nil where there is no such file.
    static func peakMemoryBytes() -> Int? {
        let descriptor = open("/proc/self/status", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.dropFirst(6).filter(\.isNumber)) else { return nil }
        return kilobytes * 1024
    }

    /// The clock the kernel stamps file times from (Linux: `CLOCK_REALTIME_COARSE`, up to a tick
    /// behind the fine clock), in nanoseconds since 1970. A build's start is read from it, so a
    /// file changed after the build started never has an older mtime than the start: the next
    /// build sees it as racy and re-hashes it. (With the fine clock, an edit in the same tick
    /// could get an mtime just before the start and be taken as unchanged.)
    static func fileClockNanoseconds() -> Int64 {
        var time = timespec()
        #if os(Linux)
        clock_gettime(CLOCK_REALTIME_COARSE, &time)
        #else
        clock_gettime(CLOCK_REALTIME, &time)
        #endif
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
        if project.sources.contains(where: { $0.path == file || $0.isMultiFile && PathGlob($0.path).matches(file) }) { return 1 }
        if let models = project.models, file.hasPrefix(models + "/") { return 2 }
        if file.hasPrefix(project.templates + "/") || file.hasPrefix(TemplateLibrary.defaultDisplayPrefix) { return 3 }
        return 4
    }
}
