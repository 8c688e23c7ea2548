import Foundation

extension Podium {
    /// The catalog of a project, from its build: `podium build` first (nothing to do when nothing
    /// changed), then the published warehouse and the column profiles the build cached are read,
    /// so a large project is not staged again. When the cache lacks a profile (a build on
    /// another engine, a damaged file), it falls back to ``scratchCatalog(_:)``.
    ///
    /// - Parameter options: the project folder.
    /// - Returns: every source with its schema, fingerprint and column profiles, every model and
    ///   every chart with the tables it reads.
    /// - Throws: `DiagnosticsError` for every problem in the project.
    public static func catalog(_ options: BuildOptions) throws -> Catalog {
        try FileSystem.reportingErrors { try catalogUnchecked(options) }
    }

    private static func catalogUnchecked(_ options: BuildOptions) throws -> Catalog {
        _ = try build(options)
        let root = options.projectRoot
        let cacheFolder = root.appendingPathComponent(".podium")
        let project = try ProjectFile.load(root: root)
        if let state = BuildState.load(from: cacheFolder), let summary = state.summary {
            let store = ResultStore(folder: cacheFolder.appendingPathComponent("results"))
            let profiles = summary.tables.map { table in
                state.profiles[table.name].flatMap { QualityCache.storedProfiles($0, in: store, columns: table.columns.count) }
            }
            if profiles.allSatisfy({ $0 != nil }) {
                let pages = try ReportLoader(root: root, project: project).loadPages()
                let backend = try project.warehouseBackend(root: root, override: options.warehouse)
                var builder = CatalogBuilder(projectRoot: root, sources: project.sources)
                builder.knownHashes = Dictionary(state.inputs.map { ($0.key, $0.value.sha256) }, uniquingKeysWith: { first, _ in first })
                if let catalog = try backend.readPublished({ engine in
                    try builder.build(database: engine, summary: summary, charts: CatalogBuilder.blocks(of: pages),
                                      profiles: profiles.flatMap { $0! })
                }) {
                    return catalog
                }
            }
        }
        return try scratchCatalog(options)
    }

    /// The catalog from a warehouse built for it alone (the published warehouse and site are not
    /// touched): every source staged, every model run, every column profiled.
    static func scratchCatalog(_ options: BuildOptions) throws -> Catalog {
        let root = options.projectRoot
        let project = try ProjectFile.load(root: root)
        let pages = try ReportLoader(root: root, project: project).loadPages()
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("podium-catalog-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let backend = try project.warehouseBackend(root: root, override: options.warehouse, scratchFolder: folder)
        defer { backend.discard() }
        let (models, modelProblems) = try project.orderedModels(root: root, engine: backend.dialect.engine)
        let summary = try backend.prepare(fresh: nil, base: nil, projectRoot: root, sources: project.sources,
                                          models: models, earlierProblems: { modelProblems }, besideModels: nil)
        do {
            let readers = try backend.readers(count: 1)
            defer { readers.close() }
            return try CatalogBuilder(projectRoot: root, sources: project.sources)
                .build(database: readers.engines[0], summary: summary, charts: CatalogBuilder.blocks(of: pages))
        } catch {
            throw backend.diagnosed(error, while: "profiling")
        }
    }

    /// Runs one read-only SQL query against the project's published warehouse, building the
    /// project first (`build(_:)`) when there is none yet.
    ///
    /// - Parameters:
    ///   - sql: one SELECT (or WITH) statement.
    ///   - options: the project folder.
    /// - Returns: the query's columns and rows.
    /// - Throws: `DiagnosticsError` quoting the engine's message when the query fails or would write.
    public static func query(_ sql: String, _ options: BuildOptions) throws -> QueryResult {
        try FileSystem.reportingErrors { try queryUnchecked(sql, options) }
    }

    private static func queryUnchecked(_ sql: String, _ options: BuildOptions) throws -> QueryResult {
        let project = try ProjectFile.load(root: options.projectRoot)
        let backend = try project.warehouseBackend(root: options.projectRoot, override: options.warehouse)
        if let result = try backend.readPublished({ try query(sql, in: $0) }) {
            return result
        }
        _ = try build(options)
        guard let result = try backend.readPublished({ try query(sql, in: $0) }) else {
            throw DiagnosticsError(.error("the build did not publish a warehouse to query", hint: "run 'podium build' and look at its output"))
        }
        return result
    }

    private static func query(_ sql: String, in warehouse: any WarehouseEngine) throws -> QueryResult {
        do {
            return try warehouse.readQuery(sql)
        } catch let error as any WarehouseQueryError where !error.isConnectionFailure {
            var notes: [Diagnostic.Note] = []
            if let position = error.position {
                notes.append(.init("at line \(position.line), column \(position.column) of the query"))
            }
            throw DiagnosticsError(.error(
                "query failed: \(error.message)", notes: notes,
                hint: "tables: \(((try? warehouse.tableNames()) ?? []).joined(separator: ", "))"))
        }
    }
}
