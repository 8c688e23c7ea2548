/// Runs models on PostgreSQL: the counterpart of `Models.run`, with the same diagnostics.
enum PostgresModels {
    /// Runs each model, in order, as `CREATE TABLE "<name>" AS <query>` in the connection's schema.
    ///
    /// A failing model is reported at its file, at the line and column the server points to (else
    /// line 1), quoting the server's message; models that read it are skipped. A lost connection
    /// stops everything (it is thrown as a `PostgresError`).
    /// - Returns: each model that ran, with its row count.
    /// - Throws: `DiagnosticsError` if any model failed.
    static func run(_ ordered: [ModelSpec], in connection: PostgresConnection) throws -> [WarehouseSummary.Model] {
        let diagnostics = DiagnosticCollector()
        var failed: Set<String> = []
        var built: [WarehouseSummary.Model] = []
        for model in ordered {
            if model.dependencies.contains(where: failed.contains) {
                failed.insert(model.name)
                continue
            }
            let name = SQLText.quote(model.name)
            let prefix = "CREATE TABLE \(name) AS "
            let query = Models.trimmedQuery(model.sql)
            do {
                // A savepoint, so one failing model does not abort the others' transaction.
                try connection.execute("SAVEPOINT podium_model")
                try connection.execute(prefix + query)
                try connection.execute("RELEASE SAVEPOINT podium_model")
                let rows = try connection.query("SELECT count(*) FROM \(name)").rows[0][0]
                built.append(.init(name: model.name, path: model.path, dependencies: model.dependencies,
                                   rowCount: Int(rows.number ?? 0)))
            } catch let error as PostgresError where !error.connectionLost {
                try connection.execute("ROLLBACK TO SAVEPOINT podium_model")
                failed.insert(model.name)
                let position = error.characterPosition.flatMap { position in
                    position > prefix.count ? PostgresError.position(ofCharacter: position - prefix.count, in: query) : nil
                }
                diagnostics.emit(Models.failure(of: model, message: error.message, at: position))
            }
        }
        try diagnostics.throwIfErrors()
        return built
    }
}
