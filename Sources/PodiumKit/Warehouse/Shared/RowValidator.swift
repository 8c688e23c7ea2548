/// Staging's hot path, written once for every engine: checks each record's fields straight from
/// their bytes — required fields present, values of the column's type, as many fields as the
/// header — and hands valid rows to the engine's `RowSink`, field by field, without copying.
///
/// Problems are reported up to `maxErrors` per source; past that they are only counted, in one
/// "N more" summary kept last. Generic over the sink (and the record type), so each engine's
/// per-row path is specialized: no existential, no allocation per field.
struct RowValidator<Sink: RowSink> {
    let layout: StagingLayout
    /// The file being read, for diagnostics that name no field (set per file for a multi-file source).
    var path: String
    /// Fields the records carry beyond the file's own (`_file` and partitions of a multi-file
    /// source), left out of the field counts that diagnostics give.
    var addedFields = 0
    /// Where the "N more errors" summary points, when not at `path`: a multi-file source's pattern.
    var summaryPath: String?
    let maxErrors: Int
    /// Where valid rows go.
    var sink: Sink
    /// The number of valid rows handed to the sink.
    private(set) var rowCount = 0
    /// The problems found, capped at `maxErrors` plus a summary.
    private(set) var problems: [Diagnostic] = []
    private var errorCount = 0
    // Flat copies of the layout, so the per-field loop does not copy column structs.
    private let types: [ColumnType]
    private let required: [Bool]
    /// Whether any column has null tokens: most sources have none, and skip the comparison.
    private let hasNullTokens: Bool
    private let nullTokens: [[[UInt8]]]

    init(layout: StagingLayout, path: String, maxErrors: Int, sink: Sink) {
        self.layout = layout
        self.path = path
        self.maxErrors = maxErrors
        self.sink = sink
        types = layout.columns.map { $0.type ?? .text }
        required = layout.columns.map(\.required)
        nullTokens = layout.columns.map(\.nullTokens)
        hasNullTokens = nullTokens.contains { !$0.isEmpty }
    }

    /// Checks one data record and hands it to the sink if it is valid; records its problems otherwise.
    /// Inlined into the reader's loop, so the record is not passed through memory (2% of staging's
    /// CPU at N = 100).
    @inline(__always)
    mutating func load<Record: SourceRecord>(_ record: Record) throws(Sink.Failure) {
        guard record.count == types.count else {
            report(StagingError.raggedRow(
                fields: record.count - addedFields, expected: types.count - addedFields, at: .init(file: path, line: record.line)))
            return
        }
        sink.beginRow(line: record.line)
        var valid = true
        for index in 0..<types.count {
            let bytes = record.bytes(of: index)
            if record.isEmpty(index) || (hasNullTokens && StagingLayout.Column.matches(bytes, nullTokens[index])) {
                if required[index] {
                    report(StagingError.requiredEmpty(layout.columns[index], value: record[index], at: record.location(of: index)))
                    valid = false
                }
                sink.appendNull()
                continue
            }
            let type = types[index]
            var ok = true
            switch type {
            case .text:
                sink.append(text: bytes)
            case .integer:
                if let number = ValueParser.int64(bytes) { sink.append(integer: number, spelled: bytes) } else { ok = false }
            case .real:
                if let number = ValueParser.double(bytes) { sink.append(real: number, spelled: bytes) } else { ok = false }
            case .date:
                if ValueParser.isDate(bytes) { sink.append(date: bytes) } else { ok = false }
            }
            if !ok {
                report(StagingError.typeMismatch(
                    layout.columns[index], type: type, value: record[index], at: record.location(of: index)))
                valid = false
            }
        }
        guard valid else {
            sink.discardRow()
            return
        }
        rowCount += 1
        try sink.endRow()
    }

    /// Writes the rows the sink still holds. Call once, after the last record.
    mutating func finish() throws(Sink.Failure) {
        try sink.finish()
    }

    /// Reports a problem, up to `maxErrors`; past that only counts it and keeps one summary last.
    private mutating func report(_ diagnostic: Diagnostic) {
        errorCount += 1
        if errorCount <= maxErrors {
            problems.append(diagnostic)
        } else {
            if errorCount > maxErrors + 1 { problems.removeLast() }
            problems.append(StagingError.more(errorCount - maxErrors, in: summaryPath ?? path))
        }
    }
}

extension RowValidator {
    /// A whole file's records for the validator: the header, which it skips, then the data.
    struct File: RecordHandler {
        var validator: RowValidator
        private var isHeader = true
        /// Told the number of rows loaded every `BuildProgress.stagingInterval` rows.
        var progress: (@Sendable (Int) -> Void)?
        private var records = 0

        init(_ validator: RowValidator) {
            self.validator = validator
        }

        @inline(__always)
        mutating func handle<Record: SourceRecord>(_ record: Record) throws {
            if isHeader {
                isHeader = false
            } else {
                try validator.load(record)
                records &+= 1
                if records & (BuildProgress.stagingInterval - 1) == 0, let progress { progress(records) }
            }
        }
    }
}
