import Foundation

/// Loads every source into a typed staging table `src_<name>` of a PostgreSQL schema through
/// `COPY … FROM STDIN`, then checks keys and references in SQL: the PostgreSQL counterpart of
/// `Staging`, giving the same tables, types, row problems and diagnostics.
///
/// For each source: read the header (`StagingLayout`), infer the undeclared types in a first
/// streaming pass (`TypeInference`), create the table, then stream the file through
/// `CopyRowEncoder` into one COPY. The caller owns the transaction.
struct PostgresStaging {
    var projectRoot: URL
    var sources: [SourceSpec]
    var maxErrorsPerSource = 20

    /// Loads every source into `schema` (which must exist) and checks keys and references.
    /// - Returns: the staged tables, in the order of `sources`.
    /// - Throws: `DiagnosticsError` with every problem in any source; `PostgresError` when the
    ///   server fails.
    func load(into connection: PostgresConnection, schema: String) throws -> [StagedTable] {
        let diagnostics = DiagnosticCollector()
        var tables: [StagedTable] = []
        var clean: Set<String> = []
        for source in sources {
            do {
                let (table, problems) = try stage(source, into: connection, schema: schema)
                tables.append(table)
                if problems.isEmpty { clean.insert(source.name) }
                diagnostics.emit(contentsOf: problems)
            } catch let error as DiagnosticsError {
                diagnostics.emit(contentsOf: error.diagnostics)
            }
        }
        diagnostics.emit(contentsOf: try PostgresIntegrity(sources: sources, maxErrorsPerSource: maxErrorsPerSource)
            .check(tables, clean: clean, in: connection))
        try diagnostics.throwIfErrors()
        return tables
    }

    private func stage(_ source: SourceSpec, into connection: PostgresConnection,
                       schema: String) throws -> (StagedTable, [Diagnostic]) {
        let reader = CSVReader(path: projectRoot.appendingPathComponent(source.path).path, displayPath: source.path)
        var layout = try readLayout(source, reader: reader)
        let table = StagedTable(
            name: source.tableName, sourceName: source.name, path: source.path,
            columns: layout.columns.map {
                StagedTable.Column(name: $0.name, type: $0.type ?? .text, header: $0.header, isDeclared: $0.spec?.type != nil)
            },
            rowCount: 0)
        for index in layout.columns.indices { layout.columns[index].type = table.columns[index].type }
        try connection.execute(CopyRowEncoder.createSQL(table, schema: schema))

        var encoder = CopyRowEncoder(layout: layout, path: source.path, maxErrors: maxErrorsPerSource)
        let copy = "COPY \(SQLText.quote(schema)).\(SQLText.quote(table.name)) FROM STDIN"
        try connection.copyIn(copy) { send in
            var isHeader = true
            try reader.read { record in
                if isHeader {
                    isHeader = false
                    return
                }
                encoder.load(record)
                if encoder.buffer.count >= CopyRowEncoder.flushSize {
                    try encoder.buffer.withUnsafeBytes(send)
                    encoder.buffer.removeAll(keepingCapacity: true)
                }
            }
            try encoder.buffer.withUnsafeBytes(send)
            encoder.buffer.removeAll()
        }
        var loaded = table
        loaded.rowCount = encoder.rowCount
        return (loaded, encoder.problems)
    }

    /// Reads the header and, when some types are not declared, infers them in one pass (as `Staging`).
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
                    if inferred.isEmpty { throw StopReading() }
                    inferences = Array(repeating: TypeInference(), count: header.columns.count)
                    return
                }
                guard record.count == known.columns.count else { return }
                for index in inferred {
                    record.withBytes(index) { inferences[index].observe($0) }
                }
            }
        } catch is StopReading {}
        guard var result = layout else { throw CSVError.empty(source.path) }
        for index in inferred { result.columns[index].type = inferences[index].type }
        return result
    }
}
