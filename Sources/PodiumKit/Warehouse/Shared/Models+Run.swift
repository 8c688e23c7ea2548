extension Models {
    /// Runs each model, in the given order, as `CREATE TABLE "<name>" AS <query>`.
    ///
    /// A failing model is reported at its file, at the line and column the engine points to when
    /// it does (else line 1), quoting the engine's message; models that read it are skipped,
    /// others still run so every independent failure is reported. A warehouse that fails itself
    /// (a lost connection) stops everything.
    /// - Returns: Each model that ran, with its row count.
    /// - Throws: `DiagnosticsError` if any model failed.
    static func run<Writer: WarehouseWriter>(_ ordered: [ModelSpec], with writer: Writer) throws -> [WarehouseSummary.Model] {
        if !ordered.isEmpty { BuildProgress.report(.stage("models")) }
        let diagnostics = DiagnosticCollector()
        var failed: Set<String> = []
        var built: [WarehouseSummary.Model] = []
        for model in ordered {
            if model.dependencies.contains(where: failed.contains) {
                failed.insert(model.name)
                continue
            }
            if let failure = try writer.createTable(model.name, as: trimmedQuery(model.sql)) {
                failed.insert(model.name)
                diagnostics.emit(self.failure(of: model, message: failure.message, at: failure.position))
                continue
            }
            let rows = try writer.rows("SELECT count(*) FROM \(SQLText.quote(model.name))").rows.first?.first ?? .null
            built.append(.init(name: model.name, path: model.path, dependencies: model.dependencies,
                               rowCount: Int(rows.number ?? 0)))
        }
        try diagnostics.throwIfErrors()
        return built
    }

    /// A failed model, reported at its file: at the line and column the engine pointed to in the
    /// model's own query, else at line 1.
    static func failure(of model: ModelSpec, message: String, at position: (line: Int, column: Int)?) -> Diagnostic {
        var location = Diagnostic.Location(file: model.path, line: 1)
        if let position {
            location.line = position.line
            location.column = position.column
        }
        return .error("model '\(model.name)' failed: \(message)", at: location,
                      hint: "fix the query in \(model.path); try it with 'podium query'")
    }

    /// The query without trailing whitespace and semicolons.
    static func trimmedQuery(_ sql: String) -> String {
        var query = Substring(sql)
        while let last = query.last, last.isWhitespace || last == ";" { query.removeLast() }
        return String(query)
    }
}
