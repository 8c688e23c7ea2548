import Foundation

/// One record of a source file: its fields' bytes, and where each one is, for diagnostics.
///
/// Staging reads records through this protocol only (`StagingLayout` for the header,
/// `TypeInference` and `RowValidator` for the data), so a new source format adds a reader and
/// one line to `SourceReaders.read(_:projectRoot:_:)`, nothing else.
protocol SourceRecord {
    /// The 1-based line the record starts on.
    var line: Int { get }
    /// The number of fields.
    var count: Int { get }
    /// Field `i` as text.
    subscript(i: Int) -> String { get }
    /// Every field as text.
    var strings: [String] { get }
    /// Calls `body` with the bytes of field `i` (valid during the call only).
    func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
    /// The bytes of field `i`, valid as long as the record is (during the reader's call): the
    /// per-field path of staging reads them without a closure.
    func bytes(of i: Int) -> UnsafeBufferPointer<UInt8>
    /// Whether field `i` is empty.
    func isEmpty(_ i: Int) -> Bool
    /// Where field `i` starts, for diagnostics.
    func location(of i: Int) -> Diagnostic.Location
}

/// What a reader hands its records to. A generic method, so the record's type is concrete in the
/// per-record call (no closure to re-abstract, nothing indirect per record).
protocol RecordHandler {
    /// Takes one record; throws to stop reading.
    mutating func handle<Record: SourceRecord>(_ record: Record) throws
}

/// A source file read record by record, the header first.
protocol SourceReader {
    /// Hands each record to `handler` in file order, the header first.
    /// - Throws: the format's own diagnostics (for example `CSVError`) for a file it cannot read,
    ///   or what `handler` throws.
    func read<Handler: RecordHandler>(into handler: inout Handler) throws
}

/// Something done with a source's reader, whatever its format: the reader's type is known when
/// `visit` is called, so the per-record work is specialized for it (no existential per row).
protocol SourceReaderVisitor {
    associatedtype Output
    func visit<Reader: SourceReader>(_ reader: Reader) throws -> Output
}

/// The source formats Podium reads.
enum SourceReaders {
    /// Opens `source`'s file with the reader for its format and hands it to `visitor`. The one
    /// place that picks a format, by the path's extension: `.xlsx` (or `.xlsm`) is a workbook
    /// (`XLSXReader+SourceReader.swift`), anything else CSV (`CSVReader+SourceReader.swift`).
    static func read<Visitor: SourceReaderVisitor>(
        _ source: SourceSpec, projectRoot: URL, _ visitor: Visitor
    ) throws -> Visitor.Output {
        try read(source, file: source.path, projectRoot: projectRoot, visitor)
    }

    /// Opens `file` (relative to the project), one of `source`'s files, with the reader for its
    /// format: each file of a multi-file source is read by its own extension.
    static func read<Visitor: SourceReaderVisitor>(
        _ source: SourceSpec, file: String, projectRoot: URL, _ visitor: Visitor
    ) throws -> Visitor.Output {
        let path = projectRoot.appendingPathComponent(file).path
        if isWorkbook(file) { return try visitor.visit(XLSXReader(source, path: path, displayPath: file)) }
        return try visitor.visit(CSVReader(path: path, displayPath: file))
    }

    /// Whether `path` names an XLSX workbook (by its extension, in any case): `.xlsx`, or
    /// `.xlsm`, the same format with macros (which are never run).
    static func isWorkbook(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm")
    }

    /// The spreadsheet formats Podium does not read, by extension, with what they are.
    static let unreadableSpreadsheets = [
        ".xls": "an Excel 97–2003 workbook", ".xlsb": "a binary Excel workbook", ".ods": "an OpenDocument spreadsheet",
        ".numbers": "a Numbers spreadsheet",
    ]
}
