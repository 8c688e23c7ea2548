import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds the warehouse: stages every source, then runs the models, into a SQLite file.
///
/// 1. Create a temporary file beside the target (durability pragmas off: the file is rebuilt
///    from the sources anyway), or a copy of the previous warehouse for an incremental build, in
///    which the stale tables are dropped.
/// 2. Stage the sources (`Staging`), and discover and order the models (`Models`), reporting
///    the problems of both together.
/// 3. Run the models.
/// 4. Close the file and rename it over the target, atomically.
///
/// On any error the temporary file is removed and an existing warehouse is left untouched.
public struct WarehouseBuilder {
    /// The folder source paths are relative to.
    public var projectRoot: URL
    /// The sources to stage, in order.
    public var sources: [SourceSpec]
    /// The models folder, or nil for a project without models.
    public var modelsDirectory: URL?
    /// The models folder as shown in diagnostics, for example `models`.
    public var modelsDisplayDirectory: String
    /// The engine the models are for (`sqlite`, or `postgres` for `PostgresWarehouse`): models
    /// marked `-- engine: <other>` are skipped.
    public var engine = "sqlite"
    /// Work that reads the staged tables while the models run (see ``ReadsBesideModels``).
    var besideModels: ReadsBesideModels?

    /// Creates a builder.
    public init(projectRoot: URL, sources: [SourceSpec], modelsDirectory: URL?, modelsDisplayDirectory: String) {
        self.projectRoot = projectRoot
        self.sources = sources
        self.modelsDirectory = modelsDirectory
        self.modelsDisplayDirectory = modelsDisplayDirectory
    }

    /// Builds the warehouse from scratch and moves it to `path`.
    /// - Returns: The staged tables and the models in run order, with row counts.
    /// - Throws: `DiagnosticsError` for problems in sources or models; `SQLiteError` for
    ///   unexpected database failures.
    public func build(to path: URL) throws -> WarehouseSummary {
        let diagnostics = DiagnosticCollector()
        var models: [ModelSpec] = []
        do {
            models = try self.models()
        } catch let error as DiagnosticsError {
            diagnostics.emit(contentsOf: error.diagnostics)
        }
        return try build(to: path, models: models, base: nil, earlierProblems: { diagnostics.diagnostics })
    }

    /// The models of the project, in the order they must run.
    /// - Throws: `DiagnosticsError` for unreadable or invalid model files and dependency cycles.
    public func models() throws -> [ModelSpec] {
        guard let modelsDirectory else { return [] }
        return try Models.ordered(directory: modelsDirectory, displayDirectory: modelsDisplayDirectory,
                                  sources: sources, engine: engine)
    }

    /// Builds the warehouse into a new file and moves it to `path`, starting from a copy of `base`
    /// when given: the base's tables listed in `base.summary` are kept as they are, every other
    /// table is dropped, and only the missing sources are loaded and the missing models run.
    /// - Parameters:
    ///   - models: the models in run order (from `models()`).
    ///   - base: an earlier warehouse and the tables of it that are still fresh.
    ///   - earlierProblems: the problems found before (pages, templates, models), asked for once
    ///     the sources are loaded — so they may still be being found on another thread — and
    ///     reported after the sources' own; with an error among them, no model runs.
    func build(to path: URL, models: [ModelSpec], base: (file: URL, fresh: WarehouseSummary)?,
               earlierProblems: () -> [Diagnostic] = { [] }) throws -> WarehouseSummary {
        let directory = path.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(path.lastPathComponent).\(getpid()).tmp")
        Self.remove(temporary)
        do {
            if let base { try FileManager.default.copyItem(at: base.file, to: temporary) }
            let summary = try build(into: temporary, models: models, fresh: base?.fresh, earlierProblems: earlierProblems)
            guard rename(temporary.path, path.path) == 0 else {
                let reason = String(cString: strerror(errno))
                throw DiagnosticsError(.error(
                    "cannot write the warehouse: \(reason)", at: .init(file: displayPath(path)),
                    hint: "check that the folder is writable"))
            }
            return summary
        } catch {
            Self.remove(temporary)
            throw error
        }
    }

    private func build(into file: URL, models: [ModelSpec], fresh: WarehouseSummary?,
                       earlierProblems: () -> [Diagnostic]) throws -> WarehouseSummary {
        let database = try SQLiteDatabase(path: file.path)
        defer { try? database.close() }
        // 16 KiB pages (SQLite's default is 4 KiB; an incremental build's copy keeps its own): a
        // model or query scanning a large table reads a quarter as many pages, each a system
        // call (a warehouse past 64 MiB is not memory-mapped). Tokyo ×100 cold build 3.21 →
        // 2.94 s, ×1000 33.8 → 29.2 s; 32 KiB gained little more, 64 KiB raised the peak RSS
        // by 30 MiB (the connections' caches hold fewer, larger pages).
        try database.execute("""
            PRAGMA page_size = 16384;
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            PRAGMA cache_size = -8192;
            """)
        try database.sortOnIdleCores()
        let keptTables = fresh?.tables ?? []
        let keptModels = fresh?.models ?? []
        let kept = Set(keptTables.map(\.name) + keptModels.map(\.name))
        for table in try database.tableNames() where !kept.contains(table) && !table.hasPrefix("sqlite_") {
            try database.execute("DROP TABLE \(SQLText.quote(table))")
        }
        var tables = keptTables
        var problems: [Diagnostic] = []
        // A multi-file source's table kept with `reusableFiles` is updated in place (`Staging+Files`).
        if keptTables.count != sources.count || !keptTables.map(\.sourceName).elementsEqual(sources.map(\.name))
            || keptTables.contains(where: { $0.reusableFiles != nil }) {
            do {
                tables = try Staging(projectRoot: projectRoot, sources: sources).load(into: database, reusing: keptTables)
            } catch let error as DiagnosticsError {
                problems = error.diagnostics
            }
        }
        // Source problems first, then those found earlier (models, pages).
        let earlier = earlierProblems().filter { $0.severity == .error }
        if !problems.isEmpty || !earlier.isEmpty { throw DiagnosticsError(problems + earlier) }
        let keptNames = Set(keptModels.map(\.name))
        let toRun = models.filter { !keptNames.contains($0.name) }
        let beside = try startBesideModels(in: database, at: file, tables: tables, models: toRun.count)
        let built: [WarehouseSummary.Model]
        do {
            built = try Models.run(toRun, in: database)
        } catch {
            beside?.stop()
            beside?.wait()  // its readers are closed before the file is removed
            throw error
        }
        try finish(beside, in: database)
        let byName = Dictionary((keptModels + built).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        try database.close()
        return WarehouseSummary(tables: tables, models: models.compactMap { byName[$0.name] })
    }

    /// Starts `besideModels` on the staged tables, with the file in WAL mode so that its readers
    /// and the models' writes do not wait for each other; nothing when no model is to run.
    private func startBesideModels(in database: SQLiteDatabase, at file: URL, tables: [StagedTable],
                                   models: Int) throws -> BesideModels? {
        guard let besideModels, models > 0 else { return nil }
        // A reader opening the file takes the log's index for a moment: the writer waits for it.
        try database.execute("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000")
        let path = file.path
        return besideModels({ count in try WarehouseWorkers.sqlite(path: path, count: count, besideWriter: true) }, tables)
    }

    /// Stops the work beside the models (it finishes the job it is on), then takes the file out
    /// of WAL mode: the models' pages are copied from the log into the file, which stands alone again.
    private func finish(_ beside: BesideModels?, in database: SQLiteDatabase) throws {
        guard let beside else { return }
        beside.stop()
        beside.wait()
        let mode = try database.rows("PRAGMA journal_mode = DELETE").rows.first?.first?.text
        guard mode == "delete" else {
            throw SQLiteError(code: 1, message: "the warehouse stayed in journal mode \(mode ?? "?") after its models were built")
        }
    }

    /// `path` relative to the project root when it is inside it.
    private func displayPath(_ path: URL) -> String {
        let root = projectRoot.standardizedFileURL.path
        let full = path.standardizedFileURL.path
        return full.hasPrefix(root + "/") ? String(full.dropFirst(root.count + 1)) : full
    }

    private static func remove(_ file: URL) {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            unlink(file.path + suffix)
        }
    }
}
