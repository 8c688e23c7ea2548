/// Key and reference checks over staging tables on PostgreSQL, in SQL, using each row's `_line`:
/// the counterpart of `Staging.checkIntegrity`, with the same diagnostics.
struct PostgresIntegrity {
    var sources: [SourceSpec]
    var maxErrorsPerSource: Int

    /// Checks declared keys (present and unique) and references (every value found in the target
    /// column), adding a unique index per key and an index per referenced column. Value checks run
    /// only on sources that loaded without problems; unknown names are always reported.
    func check(_ tables: [StagedTable], clean: Set<String>, in connection: PostgresConnection) throws -> [Diagnostic] {
        try IntegrityWalk.run(
            sources: sources, tables: tables, clean: clean,
            checkKey: { source, _ in try checkKey(of: source, in: connection) },
            checkReference: { reference, source, target in
                try checkReference(reference, of: source, target: target, in: connection)
            })
    }

    private func checkKey(of source: SourceSpec, in connection: PostgresConnection) throws -> [Diagnostic] {
        let name = SQLText.quote(source.tableName)
        let keys = source.key.map(SQLText.quote).joined(separator: ", ")
        var problems: [(line: Int, diagnostic: Diagnostic)] = []
        for column in source.key {
            let empty = try connection.query(
                "SELECT _line FROM \(name) WHERE \(SQLText.quote(column)) IS NULL ORDER BY _line")
            for row in empty.rows {
                let line = Int(row[0].number ?? 0)
                problems.append((line, StagingError.emptyKey(column, source: source, line: line)))
            }
        }
        let duplicates = try connection.query("""
            SELECT _line, _first, \(keys) FROM (
                SELECT _line, min(_line) OVER (PARTITION BY \(keys)) AS _first, \(keys)
                FROM \(name) WHERE \(source.key.map { "\(SQLText.quote($0)) IS NOT NULL" }.joined(separator: " AND "))
            ) AS _keys WHERE _line <> _first ORDER BY _line
            """)
        for row in duplicates.rows {
            let line = Int(row[0].number ?? 0)
            problems.append((line, StagingError.duplicateKey(
                source: source, values: Array(row[2...]), line: line, firstLine: Int(row[1].number ?? 0))))
        }
        if problems.isEmpty {
            try connection.execute("CREATE UNIQUE INDEX ON \(name) (\(keys))")
        }
        return capped(problems.sorted { $0.line < $1.line }.map(\.diagnostic), path: source.path)
    }

    private func checkReference(_ reference: SourceSpec.Reference, of source: SourceSpec, target: SourceSpec,
                                in connection: PostgresConnection) throws -> [Diagnostic] {
        let column = SQLText.quote(reference.column)
        let targetColumn = SQLText.quote(reference.targetColumn)
        let targetTable = SQLText.quote(target.tableName)
        if target.key != [reference.targetColumn] {
            let index = SQLText.quote(target.tableName + "__" + reference.targetColumn)
            try connection.execute("CREATE INDEX IF NOT EXISTS \(index) ON \(targetTable) (\(targetColumn))")
        }
        let dangling = try connection.query("""
            SELECT a._line, a.\(column) FROM \(SQLText.quote(source.tableName)) AS a
            WHERE a.\(column) IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM \(targetTable) AS b WHERE b.\(targetColumn) = a.\(column))
            ORDER BY a._line
            """)
        return capped(dangling.rows.map {
            StagingError.danglingReference(reference, value: $0[1], source: source, target: target,
                                           line: Int($0[0].number ?? 0))
        }, path: source.path)
    }

    private func capped(_ problems: [Diagnostic], path: String) -> [Diagnostic] {
        guard problems.count > maxErrorsPerSource else { return problems }
        return Array(problems.prefix(maxErrorsPerSource)) + [StagingError.more(problems.count - maxErrorsPerSource, in: path)]
    }
}
