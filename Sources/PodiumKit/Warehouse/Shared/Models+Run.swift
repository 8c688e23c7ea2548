extension Models {
    /// Runs each model, in the given order, as `CREATE TABLE "<name>" AS <query>`.
    ///
    /// A failing model is reported at its file, at the line and column SQLite points to when it
    /// does (else line 1), quoting SQLite's message; models that read it are skipped, others
    /// still run so every independent failure is reported.
    /// - Returns: Each model that ran, with its row count.
    /// - Throws: `DiagnosticsError` if any model failed.
    @discardableResult
    public static func run(_ ordered: [ModelSpec], in database: SQLiteDatabase) throws -> [WarehouseSummary.Model] {
        let diagnostics = DiagnosticCollector()
        var failed: Set<String> = []
        var built: [WarehouseSummary.Model] = []
        for model in ordered {
            if model.dependencies.contains(where: failed.contains) {
                failed.insert(model.name)
                continue
            }
            let prefix = "CREATE TABLE \(SQLText.quote(model.name)) AS "
            let query = trimmedQuery(model.sql)
            do {
                _ = try database.query(prefix + query, readOnly: false)
                let rows = try database.scalar("SELECT count(*) FROM \(SQLText.quote(model.name))")
                built.append(.init(name: model.name, path: model.path, dependencies: model.dependencies,
                                   rowCount: Int(rows.number ?? 0)))
            } catch let error as SQLiteError {
                failed.insert(model.name)
                let position = error.offset.flatMap { offset in
                    offset >= prefix.utf8.count ? SQLText.position(ofByteOffset: offset - prefix.utf8.count, in: query) : nil
                }
                diagnostics.emit(failure(of: model, message: error.message, at: position))
            }
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
