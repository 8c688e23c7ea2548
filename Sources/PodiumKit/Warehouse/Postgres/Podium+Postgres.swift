import Foundation

extension Podium {
    /// `catalog(_:)` on PostgreSQL: builds into `<schema>_next` (the published schema is not
    /// touched), profiles it, then drops it.
    static func postgresCatalog(_ location: PostgresLocation, project: ProjectFile, root: URL,
                                pages: [Page]) throws -> Catalog {
        var builder = WarehouseBuilder(
            projectRoot: root, sources: project.sources,
            modelsDirectory: project.models.map { root.appendingPathComponent($0) },
            modelsDisplayDirectory: project.models ?? "models")
        builder.engine = SQLDialect.postgres.engine
        let diagnostics = DiagnosticCollector()
        var models: [ModelSpec] = []
        do {
            models = try builder.models()
        } catch let error as DiagnosticsError {
            diagnostics.emit(contentsOf: error.diagnostics)
        }
        let warehouse = try PostgresWarehouse(location: location)
        defer { warehouse.discard() }
        let summary = try warehouse.build(projectRoot: root, sources: project.sources, models: models,
                                          diagnostics: diagnostics)
        do {
            return try CatalogBuilder(projectRoot: root, sources: project.sources)
                .build(database: warehouse.connection, summary: summary, charts: QualityStage.charts(of: pages))
        } catch let error as PostgresError {
            throw PostgresWarehouse.diagnostics(error, location: location, while: "profiling")
        }
    }

    /// `query(_:_:)` on PostgreSQL: one read-only statement in the published schema (building the
    /// project first when the schema does not exist yet).
    static func postgresQuery(_ sql: String, _ location: PostgresLocation, _ options: BuildOptions) throws -> QueryResult {
        var connection = try PostgresConnection(location, schema: location.schema)
        if try !connection.schemaExists(location.schema) {
            connection.close()
            _ = try build(options)
            connection = try PostgresConnection(location, schema: location.schema)
        }
        defer { connection.close() }
        do {
            return try connection.readQuery(sql)
        } catch let error as PostgresError where !error.connectionLost {
            var notes: [Diagnostic.Note] = []
            if let position = error.position {
                notes.append(.init("at line \(position.line), column \(position.column) of the query"))
            }
            throw DiagnosticsError(.error(
                "query failed: \(error.message)", notes: notes,
                hint: "tables: \(((try? connection.tableNames()) ?? []).joined(separator: ", "))"))
        } catch let error as PostgresError {
            throw PostgresWarehouse.diagnostics(error, location: location, while: "querying")
        }
    }
}
