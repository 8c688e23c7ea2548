import CSQLite

/// Key and reference checks over the staged tables, in SQL, using each row's `_line`.
extension Staging {
    /// Checks declared keys (present and unique) and references (every value found in the
    /// target column), creating indexes for them as it goes. Value checks only run on sources
    /// that loaded without problems; unknown column and source names are always reported.
    func checkIntegrity(
        of tables: [StagedTable], clean: Set<String>, in database: SQLiteDatabase
    ) throws -> [Diagnostic] {
        try IntegrityWalk.run(
            sources: sources, tables: tables, clean: clean,
            checkKey: { source, staged in try checkKey(of: source, table: staged, in: database) },
            checkReference: { reference, source, target in
                try checkReference(reference, of: source, target: target, in: database)
            })
    }

    // MARK: - Keys

    private func checkKey(of source: SourceSpec, table: StagedTable, in database: SQLiteDatabase) throws -> [Diagnostic] {
        let name = SQLText.quote(table.name)
        let keys = source.key.map(SQLText.quote)
        var problems: [(line: Int, diagnostic: Diagnostic)] = []

        for (column, quoted) in zip(source.key, keys) {
            let empty = try database.prepare("SELECT _line FROM \(name) WHERE \(quoted) IS NULL ORDER BY _line")
            while try empty.step() {
                let line = Int(empty.value(at: 0).number ?? 0)
                problems.append((line, StagingError.emptyKey(column, source: source, line: line)))
            }
        }

        // The unique index both checks the key and serves later joins; only when it cannot be
        // built does the slower query below look for the duplicates to report.
        do {
            try database.execute("""
                CREATE UNIQUE INDEX IF NOT EXISTS \(SQLText.quote(table.name + "__key")) ON \(name) (\(keys.joined(separator: ", ")))
                """)
        } catch let error as SQLiteError where error.code & 0xFF == SQLITE_CONSTRAINT {
            let duplicates = try database.prepare("""
                SELECT _line, _first, \(keys.joined(separator: ", ")) FROM (
                    SELECT _line, min(_line) OVER (PARTITION BY \(keys.joined(separator: ", "))) AS _first,
                        \(keys.joined(separator: ", "))
                    FROM \(name) WHERE \(keys.map { "\($0) IS NOT NULL" }.joined(separator: " AND "))
                ) WHERE _line <> _first ORDER BY _line
                """)
            while try duplicates.step() {
                let line = Int(duplicates.value(at: 0).number ?? 0)
                let values = (0..<keys.count).map { duplicates.value(at: $0 + 2) }
                problems.append((line, StagingError.duplicateKey(
                    source: source, values: values, line: line,
                    firstLine: Int(duplicates.value(at: 1).number ?? 0))))
            }
        }
        return capped(problems.sorted { $0.line < $1.line }.map(\.diagnostic), path: source.path)
    }

    // MARK: - References

    private func checkReference(
        _ reference: SourceSpec.Reference, of source: SourceSpec, target: SourceSpec, in database: SQLiteDatabase
    ) throws -> [Diagnostic] {
        let column = SQLText.quote(reference.column)
        let targetColumn = SQLText.quote(reference.targetColumn)
        let targetTable = SQLText.quote(target.tableName)
        if target.key != [reference.targetColumn] {
            try database.execute("""
                CREATE INDEX IF NOT EXISTS \(SQLText.quote(target.tableName + "__" + reference.targetColumn))
                ON \(targetTable) (\(targetColumn))
                """)
        }
        let dangling = try database.prepare("""
            SELECT a._line, a.\(column) FROM \(SQLText.quote(source.tableName)) AS a
            WHERE a.\(column) IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM \(targetTable) AS b WHERE b.\(targetColumn) = a.\(column))
            ORDER BY a._line
            """)
        var problems: [Diagnostic] = []
        while try dangling.step() {
            problems.append(StagingError.danglingReference(
                reference, value: dangling.value(at: 1), source: source, target: target,
                line: Int(dangling.value(at: 0).number ?? 0)))
        }
        return capped(problems, path: source.path)
    }

    private func capped(_ problems: [Diagnostic], path: String) -> [Diagnostic] {
        guard problems.count > maxErrorsPerSource else { return problems }
        return Array(problems.prefix(maxErrorsPerSource))
            + [StagingError.more(problems.count - maxErrorsPerSource, in: path)]
    }
}
