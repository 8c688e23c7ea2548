import Foundation

/// Multi-file sources (`path:` a glob): every matched file read into one table, `_file` first and
/// the partition columns last, in path order then line order; and, when only some files changed
/// since the last build, only those files read again.
///
/// Incremental staging keeps the table exactly as a cold build would make it: the previous table
/// is set aside, a new one is created, and it is filled file by file in path order — the rows of an
/// unchanged file copied from the previous table (`INSERT … SELECT … ORDER BY` its row order, which
/// is path then line order), those of a new or changed file read from the file. Rows of removed
/// files are simply not copied. Files added after every other (a daily increment) are appended to
/// the previous table as it is, which copies nothing. Type inference is kept per file (`StagedTable.File.inferences`), so
/// the types of the whole are known without reading the unchanged files; when they would differ
/// from the previous table's, or the first file's header changed, every file is read again.
extension Staging {
    typealias StagedSource = (table: StagedTable, problems: [Diagnostic], tallies: [ColumnTally]?)

    /// Stages a multi-file source, reusing the rows of `previous` (the table of the last build,
    /// with `reusableFiles` set) where its files are unchanged.
    func stageFiles<Writer: WarehouseWriter>(_ source: SourceSpec, into writer: Writer, previous: StagedTable?) throws -> StagedSource {
        let listing = try SourceFiles.list(source, projectRoot: projectRoot)
        var kept: [String: StagedTable.File] = [:]
        if let previous, let files = previous.files, let reusable = previous.reusableFiles,
           previous.columns.count >= 1 + listing.keys.count,
           Array(previous.columns.suffix(listing.keys.count).map(\.header)) == listing.keys {
            let current = Set(listing.files.map(\.path))
            for file in files where reusable.contains(file.path) && current.contains(file.path) { kept[file.path] = file }
        }
        if let previous, !kept.isEmpty,
           let staged = try stageFiles(source, listing: listing, into: writer, previous: previous, kept: kept) {
            return staged
        }
        return try stageFiles(source, listing: listing, into: writer, previous: nil, kept: [:])!
    }

    /// What the first pass found in one file that is read.
    private struct FileRead {
        var file: SourceFiles.File
        var fields: FileFields
        var layout: StagingLayout
        var inferences: [TypeInference]
    }

    /// Stages `listing`, copying the rows of the `kept` files from `previous`.
    /// - Returns: nil when the kept rows cannot be used (the types or the header would change):
    ///   the caller reads every file.
    private func stageFiles<Writer: WarehouseWriter>(
        _ source: SourceSpec, listing: SourceFiles, into writer: Writer, previous: StagedTable?, kept: [String: StagedTable.File]
    ) throws -> StagedSource? {
        let headerLine = source.headerRow ?? 1
        // The header every file must have: the first file's.
        var expected: (headers: [String], path: String, line: Int)?
        let first = listing.files[0].path
        if let previous, kept[first] != nil {
            expected = (Array(previous.columns.dropFirst().dropLast(listing.keys.count).map(\.header)), first, headerLine)
        }
        var reads: [FileRead] = []
        var problems: [Diagnostic] = []
        for file in listing.files where kept[file.path] == nil {
            let fields = FileFields(path: file.path, partitions: file.partitions)
            do {
                let found = try SourceReaders.read(source, file: file.path, projectRoot: projectRoot,
                                                   LayoutVisitor(source: source, fields: fields, keys: listing.keys, expected: expected))
                if expected == nil {
                    // The first file was re-read: if its header changed, so must every kept file's check.
                    if let previous, found.headers != Array(previous.columns.dropFirst().dropLast(listing.keys.count).map(\.header)) {
                        return nil
                    }
                    expected = (found.headers, file.path, found.headerLine)
                }
                reads.append(FileRead(file: file, fields: fields, layout: found.layout, inferences: found.inferences))
            } catch let error as DiagnosticsError {
                problems += error.diagnostics
            }
        }
        if !problems.isEmpty { throw DiagnosticsError(Array(problems.prefix(maxErrorsPerSource))) }

        // The columns and their types over every file.
        let columns: [StagedTable.Column]
        if let layout = reads.first?.layout {
            columns = layout.columns.enumerated().map { index, column in
                var inference = TypeInference()
                for read in reads { inference.merge(read.inferences[index]) }
                for file in kept.values where index < file.inferences.count { inference.merge(TypeInference(code: file.inferences[index])) }
                return StagedTable.Column(name: column.name, type: column.type ?? inference.type, header: column.header,
                                          isDeclared: column.spec?.type != nil || index == 0)
            }
            if let previous, columns.map(\.name) != previous.columns.map(\.name) || columns.map(\.type) != previous.columns.map(\.type) {
                return nil
            }
        } else if let previous {  // only removed files: the kept ones decide the types
            columns = previous.columns.enumerated().map { index, column in
                guard !column.isDeclared else { return column }
                var inference = TypeInference()
                for file in kept.values where index < file.inferences.count { inference.merge(TypeInference(code: file.inferences[index])) }
                var result = column
                result.type = inference.type
                return result
            }
            if columns.map(\.type) != previous.columns.map(\.type) { return nil }
        } else {
            return nil  // unreachable: a listing has a file, and without kept files every file is read
        }

        var table = StagedTable(name: source.tableName, sourceName: source.name, path: source.path,
                                columns: columns.map { StagedTable.Column(name: $0.name, type: $0.type, header: $0.header, isDeclared: $0.isDeclared) },
                                rowCount: 0)
        let readsByPath = Dictionary(reads.map { ($0.file.path, $0) }, uniquingKeysWith: { first, _ in first })
        // Runs of consecutive files, each either copied (kept) or read.
        var runs: [(kept: Bool, files: [SourceFiles.File])] = []
        for file in listing.files {
            let isKept = kept[file.path] != nil
            if let last = runs.last, last.kept == isKept {
                runs[runs.count - 1].files.append(file)
            } else {
                runs.append((isKept, [file]))
            }
        }
        // Files added after every other, none changed or removed (a daily increment): the previous
        // table is already the start of the new one, and the new rows are appended to it. Its
        // indexes are kept: if a row breaks its key's unique index, or anything else fails, every
        // file is read again, into a new table, which reports the problems as a cold build does.
        let appending = previous != nil && runs.count == 2 && runs[0].kept && previous?.files?.count == runs[0].files.count
        let setAside = source.tableName + "__previous"
        if !appending {
            if previous != nil {
                _ = try writer.rows("DROP TABLE IF EXISTS \(SQLText.quote(setAside))")
                _ = try writer.rows("ALTER TABLE \(SQLText.quote(source.tableName)) RENAME TO \(SQLText.quote(setAside))")
            }
            try writer.createStagingTable(table)
        }
        BuildProgress.report(.staging(source: source.name, rows: 0))

        var rows: [String: Int] = [:]
        var tallies: [ColumnTally]?
        var rowProblems: [Diagnostic] = []
        var loadedRows = 0
        for run in runs {
            do {
                if run.kept {
                    if appending {
                        for file in run.files { rows[file.path] = kept[file.path]!.rows }
                        continue
                    }
                    let list = run.files.map { "'" + $0.path.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ", ")
                    _ = try writer.rows("""
                        INSERT INTO \(SQLText.quote(table.name)) SELECT * FROM \(SQLText.quote(setAside))
                        WHERE \(SourceFiles.fileColumn) IN (\(list)) ORDER BY \(writer.dialect.rowOrder)
                        """)
                    for file in run.files { rows[file.path] = kept[file.path]!.rows }
                    continue
                }
                var layout = readsByPath[run.files[0].path]!.layout
                for index in layout.columns.indices { layout.columns[index].type = table.columns[index].type }
                let name = source.name
                let offset = loadedRows
                let progress = BuildProgress.current.map { report in { @Sendable (rows: Int) in report(.staging(source: name, rows: offset + rows)) } }
                let loaded = try writer.loadRows(into: table, layout: layout, path: run.files[0].path, maxErrors: maxErrorsPerSource) { validator in
                    validator.addedFields = 1 + listing.keys.count
                    validator.summaryPath = source.path
                    for file in run.files {
                        guard let read = readsByPath[file.path] else { continue }
                        // A bad partition value is reported once, for its folder, not on every row.
                        let bad = Self.partitionProblems(file, layout: layout, keys: listing.keys)
                        if !bad.isEmpty {
                            rowProblems += bad
                            rows[file.path] = 0
                            continue
                        }
                        validator.path = file.path
                        let before = validator.rowCount
                        validator = try SourceReaders.read(source, file: file.path, projectRoot: projectRoot,
                                                           LoadVisitor(validator: validator, fields: read.fields, progress: progress))
                        rows[file.path] = validator.rowCount - before
                    }
                }
                loadedRows += loaded.rowCount
                rowProblems += loaded.problems
                tallies = runs.count == 1 ? loaded.sink.tallies : nil
            } catch where appending {
                return nil
            }
        }
        if previous != nil, !appending { _ = try writer.rows("DROP TABLE \(SQLText.quote(setAside))") }
        if tallies == nil, let engine = writer as? any WarehouseEngine {
            tallies = try Self.tally(table, in: engine)
        }

        table.files = listing.files.map { file in
            let inferences = readsByPath[file.path].map { $0.inferences.map(\.code) } ?? kept[file.path]?.inferences ?? []
            return StagedTable.File(path: file.path, rows: rows[file.path] ?? 0, inferences: inferences)
        }
        table.rowCount = table.files!.reduce(0) { $0 + $1.rows }
        table.readFiles = reads.map(\.file.path)
        if table.rowCount == 0, rowProblems.isEmpty {
            return (table, [StagingError.noRows(in: source)], tallies)
        }
        return (table, rowProblems, tallies)
    }
}

extension Staging {
    /// Each column's tally over the whole table, in one scan: what loading every file would have
    /// counted (the profile and the reference proofs use it), where only some files were read.
    static func tally(_ table: StagedTable, in engine: any WarehouseEngine) throws -> [ColumnTally] {
        var counted = table.columns.map { ColumnTally(type: $0.type) }
        let columns = table.columns.map { SQLText.quote($0.name) }.joined(separator: ", ")
        try engine.scanRows("SELECT \(columns) FROM \(SQLText.quote(table.name))") { row in
            for index in row.indices {
                switch row[index] {
                case .null: counted[index].addNull()
                case .integer(let value): counted[index].add(integer: value)
                case .real(let value): counted[index].add(real: value)
                case .text(var text): text.withUTF8 { counted[index].add(text: $0) }
                }
            }
            return true
        }
        return counted
    }

    /// The problems of `file`'s partition values: each must be of its column's type, and present
    /// if the column is required (a null token or an empty value is NULL).
    static func partitionProblems(_ file: SourceFiles.File, layout: StagingLayout, keys: [String]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let first = layout.columns.count - keys.count
        for (offset, value) in file.partitions.enumerated() {
            let column = layout.columns[first + offset]
            let bytes = Array(value.utf8)
            let fits: Bool = bytes.withUnsafeBufferPointer { buffer in
                if buffer.isEmpty || column.isNullToken(buffer) { return !column.required }
                switch column.type ?? .text {
                case .text: return true
                case .integer: return ValueParser.int64(buffer) != nil
                case .real: return ValueParser.double(buffer) != nil
                case .date: return ValueParser.isDate(buffer)
                }
            }
            guard !fits else { continue }
            let at = Diagnostic.Location(file: file.path)
            var problem = value.isEmpty || column.isNullToken(bytes.withUnsafeBufferPointer { $0 })
                ? StagingError.requiredEmpty(column, value: value, at: at)
                : StagingError.typeMismatch(column, type: column.type ?? .text, value: value, at: at)
            problem.message = "folder '\(keys[offset])=\(value)': " + problem.message
            problems.append(problem)
        }
        return problems
    }
}

/// The first pass over one file of a multi-file source.
private struct LayoutVisitor: SourceReaderVisitor {
    let source: SourceSpec
    let fields: FileFields
    let keys: [String]
    let expected: (headers: [String], path: String, line: Int)?

    func visit<Reader: SourceReader>(_ reader: Reader) throws
        -> (layout: StagingLayout, headers: [String], headerLine: Int, inferences: [TypeInference]) {
        try StagingLayout.readFile(source, reader: reader, fields: fields, keys: keys, expected: expected)
    }
}

/// The second pass over one file of a multi-file source: its records, with `_file` and the
/// partition values added, through the validator.
private struct LoadVisitor<Sink: RowSink>: SourceReaderVisitor {
    let validator: RowValidator<Sink>
    let fields: FileFields
    let progress: (@Sendable (Int) -> Void)?

    func visit<Reader: SourceReader>(_ reader: Reader) throws -> RowValidator<Sink> {
        var handler = Handler(validator: validator, fields: fields, progress: progress)
        try reader.read(into: &handler)
        return handler.validator
    }

    private struct Handler: RecordHandler {
        var validator: RowValidator<Sink>
        let fields: FileFields
        let progress: (@Sendable (Int) -> Void)?
        private var isHeader = true

        init(validator: RowValidator<Sink>, fields: FileFields, progress: (@Sendable (Int) -> Void)?) {
            self.validator = validator
            self.fields = fields
            self.progress = progress
        }

        @inline(__always)
        mutating func handle<Record: SourceRecord>(_ record: Record) throws {
            if isHeader {
                isHeader = false
                return
            }
            try validator.load(FileRecord(base: record, fields: fields))
            if validator.rowCount & (BuildProgress.stagingInterval - 1) == 0, let progress { progress(validator.rowCount) }
        }
    }
}
