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
                var location = Diagnostic.Location(file: model.path, line: 1)
                if let offset = error.offset, offset >= prefix.utf8.count {
                    let position = SQLText.position(ofByteOffset: offset - prefix.utf8.count, in: query)
                    location.line = position.line
                    location.column = position.column
                }
                diagnostics.emit(.error(
                    "model '\(model.name)' failed: \(error.message)", at: location,
                    hint: "fix the query in \(model.path); try it with 'podium query'"))
            }
        }
        try diagnostics.throwIfErrors()
        return built
    }

    /// The query without trailing whitespace and semicolons.
    static func trimmedQuery(_ sql: String) -> String {
        var query = Substring(sql)
        while let last = query.last, last.isWhitespace || last == ";" { query.removeLast() }
        return String(query)
    }
}
