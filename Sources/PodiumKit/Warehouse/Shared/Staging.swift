import Foundation

/// Loads every source into a typed staging table `src_<name>`, then checks keys and references.
///
/// For each source:
/// 1. Read the header and map it to staging columns (`ColumnSpec.header` → `name`; other
///    headers keep a snake_case name).
/// 2. Infer the types of columns without a declared type, in a first streaming pass.
/// 3. Create the table (`_line INTEGER` first, the source line of each row) and load every row
///    with one prepared INSERT, binding bytes directly. Empty fields are NULL.
///
/// Then, over the staged tables: declared keys must be unique and present, and references must
/// resolve. Every bad row is reported (up to `maxErrorsPerSource` per source, then a count).
public struct Staging {
    /// The folder source paths are relative to.
    public var projectRoot: URL
    /// The sources to load, in order.
    public var sources: [SourceSpec]
    /// How many row errors to report per source before summarizing the rest.
    public var maxErrorsPerSource = 20

    /// Creates a staging step.
    public init(projectRoot: URL, sources: [SourceSpec]) {
        self.projectRoot = projectRoot
        self.sources = sources
    }

    /// Loads every source into `database`, in one transaction, then checks keys and references
    /// across all of them.
    /// - Parameter existing: tables already in `database` from an earlier build whose source did not
    ///   change; they are not reloaded, but take part in the checks.
    /// - Returns: The staged tables, in the order of `sources`.
    /// - Throws: `DiagnosticsError` with every problem found in any source.
    public func load(into database: SQLiteDatabase, reusing existing: [StagedTable] = []) throws -> [StagedTable] {
        let diagnostics = DiagnosticCollector()
        var tables: [StagedTable] = []
        var clean: Set<String> = []
        var tallies: [String: [ColumnTally]] = [:]
        try database.transaction {
            for source in sources {
                if let table = existing.first(where: { $0.sourceName == source.name }) {
                    tables.append(table)
                    clean.insert(source.name)
                    continue
                }
                do {
                    let (table, problems, counted) = try stage(source, into: database)
                    tables.append(table)
                    tallies[table.name] = counted
                    if problems.isEmpty { clean.insert(source.name) }
                    diagnostics.emit(contentsOf: problems)
                } catch let error as DiagnosticsError {
                    diagnostics.emit(contentsOf: error.diagnostics)
                }
            }
            diagnostics.emit(contentsOf: try checkIntegrity(of: tables, clean: clean, tallies: tallies, in: database))
        }
        try diagnostics.throwIfErrors()
        for (index, table) in tables.enumerated() {
            guard let counted = tallies[table.name] else { continue }
            for column in table.columns.indices { tables[index].columns[column].stats = counted[column].stats() }
        }
        return tables
    }

    // MARK: - One source

    /// Stages one source. Returns its table, its row problems and its columns' tallies; throws
    /// for problems that stop the source from loading at all (an unreadable file, a bad header,
    /// malformed CSV).
    private func stage(_ source: SourceSpec, into database: SQLiteDatabase) throws
        -> (StagedTable, [Diagnostic], [ColumnTally]) {
        let reader = CSVReader(
            path: projectRoot.appendingPathComponent(source.path).path, displayPath: source.path)
        var layout = try readLayout(source, reader: reader)
        let table = StagedTable(
            name: source.tableName, sourceName: source.name, path: source.path,
            columns: layout.columns.map {
                StagedTable.Column(name: $0.name, type: $0.type ?? .text, header: $0.header, isDeclared: $0.spec?.type != nil)
            },
            rowCount: 0)
        for index in layout.columns.indices { layout.columns[index].type = table.columns[index].type }

        let columns = [StagingLayout.lineColumn + " INTEGER"]
            + table.columns.map { "\(SQLText.quote($0.name)) \($0.type.sqlType)" }
        try database.execute("""
            DROP TABLE IF EXISTS \(SQLText.quote(table.name));
            CREATE TABLE \(SQLText.quote(table.name)) (\(columns.joined(separator: ", ")));
            """)
        var loader = try RowLoader(
            layout: layout, table: table, database: database, path: source.path, maxErrors: maxErrorsPerSource)
        var isHeader = true
        try reader.read { record in
            if isHeader {
                isHeader = false
            } else {
                try loader.load(record)
            }
        }
        try loader.finish()
        var loaded = table
        loaded.rowCount = loader.rowCount
        if loader.rowCount == 0, loader.problems.isEmpty {
            return (loaded, [StagingError.noRows(in: source)], loader.tallies)
        }
        return (loaded, loader.problems, loader.tallies)
    }

    /// Reads the header and, when some types are not declared, infers them in one pass.
    private func readLayout(_ source: SourceSpec, reader: CSVReader) throws -> StagingLayout {
        struct StopReading: Error {}
        var layout: StagingLayout?
        var inferred: [Int] = []
        var inferences: [TypeInference] = []
        do {
            try reader.read { record in
                guard let known = layout else {
                    let header = try StagingLayout(header: record, source: source)
                    layout = header
                    inferred = header.undeclaredTypeIndexes
                    if inferred.isEmpty { throw StopReading() }  // every type is declared
                    inferences = Array(repeating: TypeInference(), count: header.columns.count)
                    return
                }
                guard record.count == known.columns.count else { return }  // reported while loading
                for index in inferred {
                    record.withBytes(index) { inferences[index].observe($0) }
                }
            }
        } catch is StopReading {}
        // The reader throws for a file without records, so the header has been read here.
        guard var result = layout else { throw CSVError.empty(source.path) }
        for index in inferred { result.columns[index].type = inferences[index].type }
        return result
    }
}
