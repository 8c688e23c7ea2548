/// Key and reference checks over the staged tables, in SQL, using each row's `_line`: written once
/// for every engine, with what differs asked of the `WarehouseWriter` (how a unique index is
/// added, whether a referenced column needs an index) and its dialect (the anti-join's form).
extension Staging {
    /// Checks declared keys (present and unique, with a unique index that later joins use) and
    /// references (every value found in the target column). Value checks only run on sources
    /// that loaded without problems; unknown column and source names are always reported.
    ///
    /// A reference whose columns were both counted while loading (`tallies`, by table name) is
    /// proved from the counts when every value is found; only a reference that fails, or that
    /// the counts cannot tell, is checked in SQL, which finds the lines to report.
    func checkIntegrity<Writer: WarehouseWriter>(
        of tables: [StagedTable], clean: Set<String>, tallies: [String: [ColumnTally]] = [:], in writer: Writer
    ) throws -> [Diagnostic] {
        func tally(_ table: String, _ column: String) -> ColumnTally? {
            guard let staged = tables.first(where: { $0.name == table }),
                  let index = staged.columns.firstIndex(where: { $0.name == column }) else { return nil }
            return tallies[table]?[index]
        }
        return try IntegrityWalk.run(
            sources: sources, tables: tables, clean: clean,
            checkKey: { source, _ in try checkKey(of: source, in: writer).map { $0.with(severity: source.keySeverity) } },
            checkReference: { reference, source, target in
                if let values = tally(source.tableName, reference.column),
                   let targets = tally(target.tableName, reference.targetColumn),
                   targets.containsAll(of: values) == true {
                    return []
                }
                return try checkReference(reference, of: source, target: target, in: writer)
                    .map { $0.with(severity: reference.severity) }
            })
    }

    // MARK: - Keys

    private func checkKey<Writer: WarehouseWriter>(of source: SourceSpec, in writer: Writer) throws -> [Diagnostic] {
        let name = SQLText.quote(source.tableName)
        let keys = source.key.map(SQLText.quote).joined(separator: ", ")
        // A multi-file source's rows are placed by file and line.
        let multi = source.isMultiFile
        let order = multi ? "\(SourceFiles.fileColumn), _line" : "_line"
        var problems: [(place: RowPlace, diagnostic: Diagnostic)] = []

        for column in source.key {
            let empty = try writer.rows("""
                SELECT _line\(multi ? ", \(SourceFiles.fileColumn)" : "") FROM \(name) WHERE \(SQLText.quote(column)) IS NULL ORDER BY \(order)
                """)
            for row in empty.rows {
                let place = RowPlace(file: multi ? row[1].text : source.path, line: Int(row[0].number ?? 0))
                problems.append((place, StagingError.emptyKey(column, source: source, line: place.line, file: place.file)))
            }
        }

        // The unique index both checks the key and serves later joins; only when it cannot be
        // built does the slower query below look for the duplicates to report.
        if try !writer.addUniqueIndex(on: source.tableName, columns: source.key) {
            let notNull = source.key.map { "\(SQLText.quote($0)) IS NOT NULL" }.joined(separator: " AND ")
            let window = "OVER (PARTITION BY \(keys) ORDER BY \(order))"
            let file = SourceFiles.fileColumn
            let duplicates = try writer.rows(multi ? """
                SELECT _line, _first, \(keys), \(file), _first_file FROM (
                    SELECT _line, \(file), first_value(_line) \(window) AS _first, first_value(\(file)) \(window) AS _first_file,
                        row_number() \(window) AS _nth, \(keys)
                    FROM \(name) WHERE \(notNull)
                )\(writer.dialect.subqueryAlias("_keys")) WHERE _nth > 1 ORDER BY \(order)
                """ : """
                SELECT _line, _first, \(keys) FROM (
                    SELECT _line, min(_line) OVER (PARTITION BY \(keys)) AS _first,
                        \(keys)
                    FROM \(name) WHERE \(notNull)
                )\(writer.dialect.subqueryAlias("_keys")) WHERE _line <> _first ORDER BY _line
                """)
            let count = source.key.count
            for row in duplicates.rows {
                let place = RowPlace(file: multi ? row[2 + count].text : source.path, line: Int(row[0].number ?? 0))
                let first = RowPlace(file: multi ? row[3 + count].text : source.path, line: Int(row[1].number ?? 0))
                problems.append((place, StagingError.duplicateKey(
                    source: source, values: Array(row[2..<(2 + count)]), line: place.line, firstLine: first.line,
                    file: place.file, firstFile: first.file)))
            }
        }
        return capped(problems.sorted { $0.place < $1.place }.map(\.diagnostic), path: source.path)
    }

    // MARK: - References

    private func checkReference<Writer: WarehouseWriter>(
        _ reference: SourceSpec.Reference, of source: SourceSpec, target: SourceSpec, in writer: Writer
    ) throws -> [Diagnostic] {
        let column = SQLText.quote(reference.column)
        let targetColumn = SQLText.quote(reference.targetColumn)
        let targetTable = SQLText.quote(target.tableName)
        try writer.prepareReferenceTarget(reference.targetColumn, of: target.tableName,
                                          isKey: target.key == [reference.targetColumn])
        // `IN` compares as `=` would; NULLs are left out of the list, where they would make NOT IN unknown.
        let missing = switch writer.dialect.antiJoin {
        case .notIn:
            "a.\(column) NOT IN (SELECT b.\(targetColumn) FROM \(targetTable) AS b WHERE b.\(targetColumn) IS NOT NULL)"
        case .notExists:
            "NOT EXISTS (SELECT 1 FROM \(targetTable) AS b WHERE b.\(targetColumn) = a.\(column))"
        }
        // One problem per missing value, with its row count and first three lines: a value missing
        // from the target (a code the lookup lacks) is usually missing on many rows.
        let multi = source.isMultiFile
        let file = SourceFiles.fileColumn
        let dangling = try writer.rows("""
            SELECT _line, _value, _rows\(multi ? ", \(file)" : "") FROM (
                SELECT a._line, \(multi ? "a.\(file), " : "")a.\(column) AS _value, count(*) OVER (PARTITION BY a.\(column)) AS _rows,
                    row_number() OVER (PARTITION BY a.\(column) ORDER BY \(multi ? "a.\(file), " : "")a._line) AS _nth
                FROM \(SQLText.quote(source.tableName)) AS a
                WHERE a.\(column) IS NOT NULL
                  AND \(missing)
            )\(writer.dialect.subqueryAlias("_missing")) WHERE _nth <= 3 ORDER BY \(multi ? "\(file), " : "")_line
            """)
        var order: [Value] = []
        var found: [Value: (places: [RowPlace], rows: Int)] = [:]
        for row in dangling.rows {
            let place = RowPlace(file: multi ? row[3].text : source.path, line: Int(row[0].number ?? 0))
            if found[row[1]] == nil { order.append(row[1]) }
            found[row[1], default: ([], Int(row[2].number ?? 1))].places.append(place)
        }
        return capped(order.map { value in
            StagingError.danglingReference(reference, value: value, source: source, target: target,
                                           places: found[value]!.places, rows: found[value]!.rows)
        }, path: source.path)
    }

    private func capped(_ problems: [Diagnostic], path: String) -> [Diagnostic] {
        guard problems.count > maxErrorsPerSource else { return problems }
        return Array(problems.prefix(maxErrorsPerSource))
            + [StagingError.more(problems.count - maxErrorsPerSource, in: path)]
    }
}

/// Where a row of a staging table came from: its file (one of a multi-file source's) and line;
/// ordered as the table is, by path (bytes) then line.
struct RowPlace: Comparable {
    var file: String
    var line: Int

    static func < (a: RowPlace, b: RowPlace) -> Bool {
        a.file == b.file ? a.line < b.line : a.file.utf8.lexicographicallyPrecedes(b.file.utf8)
    }
}
