import Foundation

/// Loads every source into a typed staging table `src_<name>`, then checks keys and references:
/// written once for every engine (`WarehouseWriter`).
///
/// For each source:
/// 1. Read the header and map it to staging columns (`StagingLayout`: `ColumnSpec.header` →
///    `name`; other headers keep a snake_case name).
/// 2. Infer the types of columns without a declared type, in a first streaming pass.
/// 3. Create the table (`_line` first, the source line of each row) and stream every record
///    through the `RowValidator` into the engine's `RowSink`. Empty fields are NULL.
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

    /// What loading the sources gave: the tables, their columns' tallies and every problem.
    struct Outcome {
        var tables: [StagedTable] = []
        /// Each column's tally, by table name (for the engines that count while loading).
        var tallies: [String: [ColumnTally]] = [:]
        var problems = DiagnosticCollector()

        /// The tables, with their columns' profiles from the tallies.
        /// - Throws: `DiagnosticsError` with every problem, if there is an error among them.
        func checkedTables() throws -> [StagedTable] {
            try problems.throwIfErrors()
            var tables = tables
            // Warnings (keys and references declared `severity: warn`) stay with their source's table.
            let warnings = problems.diagnostics.filter { $0.severity == .warning }
            for index in tables.indices {
                let paths = Set(tables[index].files?.map(\.path) ?? [tables[index].path])
                let own = warnings.filter { $0.location.map { paths.contains($0.file) } ?? false }
                tables[index].warnings = own.isEmpty ? nil : own
            }
            for (index, table) in tables.enumerated() {
                guard let counted = tallies[table.name] else { continue }
                for column in table.columns.indices { tables[index].columns[column].stats = counted[column].stats() }
            }
            return tables
        }
    }

    /// Loads every source into `writer`, then checks keys and references across all of them.
    /// The caller owns the transaction.
    /// - Parameter existing: tables already in the warehouse from an earlier build whose source did
    ///   not change; they are not reloaded, but take part in the checks.
    func stage<Writer: WarehouseWriter>(into writer: Writer, reusing existing: [StagedTable] = []) throws -> Outcome {
        var outcome = Outcome()
        var clean: Set<String> = []
        for source in sources {
            let previous = existing.first(where: { $0.sourceName == source.name })
            if let table = previous, table.reusableFiles == nil {
                outcome.tables.append(table)
                clean.insert(source.name)
                continue
            }
            do {
                let staged = source.isMultiFile
                    ? try stageFiles(source, into: writer, previous: previous)
                    : try SourceReaders.read(source, projectRoot: projectRoot,
                                             SourceStaging(source: source, writer: writer, maxErrors: maxErrorsPerSource))
                outcome.tables.append(staged.table)
                if let tallies = staged.tallies { outcome.tallies[staged.table.name] = tallies }
                if staged.problems.isEmpty { clean.insert(source.name) }
                outcome.problems.emit(contentsOf: staged.problems)
            } catch let error as DiagnosticsError {
                outcome.problems.emit(contentsOf: error.diagnostics)
            }
        }
        outcome.problems.emit(contentsOf: try checkIntegrity(
            of: outcome.tables, clean: clean, tallies: outcome.tallies, in: writer))
        return outcome
    }
}

/// Stages one source through its reader. Problems that stop the source from loading at all (an
/// unreadable file, a bad header, malformed records) are thrown; row problems are returned.
private struct SourceStaging<Writer: WarehouseWriter>: SourceReaderVisitor {
    let source: SourceSpec
    let writer: Writer
    let maxErrors: Int

    func visit<Reader: SourceReader>(_ reader: Reader) throws -> (table: StagedTable, problems: [Diagnostic], tallies: [ColumnTally]?) {
        var layout = try StagingLayout.read(source, reader: reader)
        let table = StagedTable(
            name: source.tableName, sourceName: source.name, path: source.path,
            columns: layout.columns.map {
                StagedTable.Column(name: $0.name, type: $0.type ?? .text, header: $0.header, isDeclared: $0.spec?.type != nil)
            },
            rowCount: 0)
        for index in layout.columns.indices { layout.columns[index].type = table.columns[index].type }

        try writer.createStagingTable(table)
        BuildProgress.report(.staging(source: source.name, rows: 0))
        let name = source.name
        let progress = BuildProgress.current.map { report in { @Sendable (rows: Int) in report(.staging(source: name, rows: rows)) } }
        let loaded = try writer.loadRows(into: table, layout: layout, path: source.path, maxErrors: maxErrors) { validator in
            var file = RowValidator.File(validator)
            file.progress = progress
            try reader.read(into: &file)
            validator = file.validator
        }
        var result = table
        result.rowCount = loaded.rowCount
        if loaded.rowCount == 0, loaded.problems.isEmpty {
            return (result, [StagingError.noRows(in: source)], loaded.sink.tallies)
        }
        return (result, loaded.problems, loaded.sink.tallies)
    }
}
