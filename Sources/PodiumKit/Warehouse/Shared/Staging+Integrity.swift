import CSQLite

/// Key and reference checks over the staged tables, in SQL, using each row's `_line` (a reference
/// the staging counts prove needs no query).
extension Staging {
    /// Checks declared keys (present and unique, with a unique index that later joins use) and
    /// references (every value found in the target column). Value checks only run on sources
    /// that loaded without problems; unknown column and source names are always reported.
    ///
    /// A reference whose columns were both counted while loading (`tallies`, by table name) is
    /// proved from the counts when every value is found; only a reference that fails, or that
    /// the counts cannot tell, is checked in SQL, which finds the lines to report.
    func checkIntegrity(
        of tables: [StagedTable], clean: Set<String>, tallies: [String: [ColumnTally]] = [:], in database: SQLiteDatabase
    ) throws -> [Diagnostic] {
        func tally(_ table: String, _ column: String) -> ColumnTally? {
            guard let staged = tables.first(where: { $0.name == table }),
                  let index = staged.columns.firstIndex(where: { $0.name == column }) else { return nil }
            return tallies[table]?[index]
        }
        return try IntegrityWalk.run(
            sources: sources, tables: tables, clean: clean,
            checkKey: { source, staged in try checkKey(of: source, table: staged, in: database) },
            checkReference: { reference, source, target in
                if let values = tally(source.tableName, reference.column),
                   let targets = tally(target.tableName, reference.targetColumn),
                   targets.containsAll(of: values) == true {
                    return []
                }
                return try checkReference(reference, of: source, target: target, in: database)
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
        // No index is created for the target column: `NOT IN (SELECT …)` reads the target's
        // values once into a transient b-tree (a correlated NOT EXISTS would scan the target for
        // every row), and a warehouse's indexes must not depend on whether a reference was proved
        // from the counts (a model's row order follows the indexes it can use). `IN` compares as
        // `=` would; NULLs are left out of the list, where they would make NOT IN unknown.
        let dangling = try database.prepare("""
            SELECT a._line, a.\(column) FROM \(SQLText.quote(source.tableName)) AS a
            WHERE a.\(column) IS NOT NULL
              AND a.\(column) NOT IN (SELECT b.\(targetColumn) FROM \(targetTable) AS b WHERE b.\(targetColumn) IS NOT NULL)
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
