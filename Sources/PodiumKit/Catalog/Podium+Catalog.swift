import Foundation

extension Podium {
    /// Builds the catalog of a project: stages its sources and runs its models into a temporary
    /// warehouse (the published warehouse and site are not touched), then profiles them.
    ///
    /// - Parameter options: the project folder.
    /// - Returns: every source with its schema, fingerprint and column profiles, every model and
    ///   every chart with the tables it reads.
    /// - Throws: `DiagnosticsError` for every problem in the project.
    public static func catalog(_ options: BuildOptions) throws -> Catalog {
        try FileSystem.reportingErrors { try catalogUnchecked(options) }
    }

    private static func catalogUnchecked(_ options: BuildOptions) throws -> Catalog {
        let root = options.projectRoot
        let project = try ProjectFile.load(root: root)
        let pages = try ReportLoader(root: root, project: project).loadPages()
        if let postgres = try project.postgresLocation(override: options.warehouse) {
            return try postgresCatalog(postgres, project: project, root: root, pages: pages)
        }
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("podium-catalog-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let warehouse = folder.appendingPathComponent("warehouse.sqlite")
        let summary = try WarehouseBuilder(
            projectRoot: root, sources: project.sources,
            modelsDirectory: project.models.map { root.appendingPathComponent($0) },
            modelsDisplayDirectory: project.models ?? "models"
        ).build(to: warehouse)
        let database = try SQLiteDatabase(path: warehouse.path, mode: .readOnly)
        defer { try? database.close() }
        return try CatalogBuilder(projectRoot: root, sources: project.sources)
            .build(database: database, summary: summary, charts: QualityStage.charts(of: pages))
    }

    /// Runs one read-only SQL query against the project's warehouse, building the project
    /// first (`build(_:)`) when the warehouse does not exist yet.
    ///
    /// - Parameters:
    ///   - sql: one SELECT (or WITH) statement.
    ///   - options: the project folder.
    /// - Returns: the query's columns and rows.
    /// - Throws: `DiagnosticsError` quoting SQLite's message when the query fails or would write.
    public static func query(_ sql: String, _ options: BuildOptions) throws -> QueryResult {
        try FileSystem.reportingErrors { try queryUnchecked(sql, options) }
    }

    private static func queryUnchecked(_ sql: String, _ options: BuildOptions) throws -> QueryResult {
        let project = try ProjectFile.load(root: options.projectRoot)
        if let postgres = try project.postgresLocation(override: options.warehouse) {
            return try postgresQuery(sql, postgres, options)
        }
        let warehouse = options.projectRoot.appendingPathComponent(project.warehouse)
        if !FileManager.default.fileExists(atPath: warehouse.path) {
            _ = try build(options)
        }
        let database = try SQLiteDatabase(path: warehouse.path, mode: .readOnly)
        defer { try? database.close() }
        do {
            return try database.query(sql, readOnly: true)
        } catch let error as SQLiteError {
            var notes: [Diagnostic.Note] = []
            if let position = error.position {
                notes.append(.init("at line \(position.line), column \(position.column) of the query"))
            }
            throw DiagnosticsError(.error(
                "query failed: \(error.message)", notes: notes,
                hint: "tables: \(((try? database.tableNames()) ?? []).joined(separator: ", "))"))
        }
    }
}
