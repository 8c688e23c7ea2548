/// A streaming reader of one worksheet of an XLSX workbook: the rows from `headerRow` on, each
/// as a record of text fields, in constant memory (the shared strings aside).
///
/// Each cell becomes the text staging would read from a CSV export: shared and inline strings
/// (rich-text runs joined), numbers in their shortest form (`42`, `0.25`), booleans as `1` and
/// `0`, dates and times by the cell's number format (`2021-07-23`, `2021-07-23 18:30:00`,
/// `18:30:00`), a formula's cached result. Missing cells are empty; rows without a value are
/// skipped, as blank lines of a CSV file are. An error cell (`#N/A`) is an error, unless its text
/// is one of its column's `null_values`, which makes it NULL.
public struct XLSXReader {
    let workbook: XLSXWorkbook
    let sheet: XLSXWorkbook.Sheet
    let headerRow: Int
    /// Null tokens by header text, for error cells: a column's `null_values:`, else the source's.
    let nullTokens: (String) -> [String]

    /// The first column Excel cannot have: XFD is column 16,384.
    static let maxColumns = 16_384

    /// A reader of sheet `sheet` (the first when nil) of the workbook at `path`, whose header is
    /// row `headerRow` (1-based).
    /// - Throws: `DiagnosticsError` naming `displayPath` for a file that is not a readable
    ///   workbook or has no such sheet.
    public init(path: String, displayPath: String, sheet: String? = nil, headerRow: Int = 1,
                nullValues: [String] = [], columnNullValues: [String: [String]] = [:]) throws {
        try self.init(path: path, displayPath: displayPath, sheet: sheet, headerRow: headerRow,
                      nullValues: nullValues, columnNullValues: columnNullValues, limits: .default)
    }

    /// Where the source is declared (podium.yaml), added as a note to the errors its `sheet:`
    /// and `header_row:` cause.
    let declaration: Diagnostic.Note?

    init(path: String, displayPath: String, sheet: String?, headerRow: Int, nullValues: [String],
         columnNullValues: [String: [String]], limits: ZipLimits, declaration: Diagnostic.Note? = nil) throws {
        workbook = try XLSXWorkbook(path: path, displayPath: displayPath, limits: limits)
        self.declaration = declaration
        do {
            self.sheet = try workbook.sheet(named: sheet)
        } catch let error as DiagnosticsError {
            throw Self.noting(declaration, on: error)
        }
        self.headerRow = max(headerRow, 1)
        nullTokens = { columnNullValues[$0] ?? nullValues }
    }

    /// `error` with the source's declaration as a note on each diagnostic.
    func noted(_ error: DiagnosticsError) -> DiagnosticsError { Self.noting(declaration, on: error) }

    private static func noting(_ note: Diagnostic.Note?, on error: DiagnosticsError) -> DiagnosticsError {
        guard let note else { return error }
        return DiagnosticsError(error.diagnostics.map { diagnostic in
            var copy = diagnostic
            copy.notes.append(note)
            return copy
        })
    }

    /// The size of the sheet's XML once inflated, as its ZIP header gives it.
    public var sheetBytes: Int64 { workbook.archive.entry(sheet.part)?.size ?? 0 }

    /// The names of the workbook's sheets, in order.
    public var sheetNames: [String] { workbook.sheets.map(\.name) }

    /// Calls `body` once per record, in sheet order: the header row first, then every row below
    /// it that holds a value. The record is only valid during the call.
    /// - Throws: `DiagnosticsError` for a damaged workbook, a header row past the end, an error
    ///   cell; or what `body` throws.
    public func read(_ body: (XLSXRecord) throws -> Void) throws {
        var rows = XLSXRowAssembler(reader: self)
        var scanner = try workbook.scanner(sheet.part)
        try rows.run(&scanner, body)
    }

    /// Where diagnostics say a cell is: `data/x.xlsx, sheet Details, cell B12`.
    func location(row: Int, column: Int) -> Diagnostic.Location {
        Diagnostic.Location(file: "\(workbook.displayPath), sheet \(sheet.name), cell \(Self.columnName(column))\(row)")
    }

    /// `A` for column 0, `Z`, `AA`, … `XFD` for 16,383.
    static func columnName(_ index: Int) -> String {
        var name = ""
        var rest = index + 1
        while rest > 0 {
            let digit = (rest - 1) % 26
            name = String(Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(digit)))) + name
            rest = (rest - 1) / 26
        }
        return name
    }
}

/// One row of a worksheet, as handed out by `XLSXReader.read(_:)`: valid during the call only.
public struct XLSXRecord {
    /// The row's number in the sheet (1-based), which staging stores as `_line`.
    public let line: Int
    let bytes: UnsafePointer<UInt8>
    let fields: UnsafeBufferPointer<Range<Int>>
    let reader: XLSXReader

    /// The number of fields: the header's width, or more when the row has values past it.
    public var count: Int { fields.count }

    /// Field `i` (0-based) as a string.
    public subscript(i: Int) -> String { withBytes(i) { String(decoding: $0, as: UTF8.self) } }

    /// Every field as a string.
    public var strings: [String] { (0..<count).map { self[$0] } }

    /// Calls `body` with the UTF-8 bytes of field `i`.
    public func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(bytes(of: i))
    }

    /// The bytes of field `i`, valid during the reader's call.
    @inline(__always)
    public func bytes(of i: Int) -> UnsafeBufferPointer<UInt8> {
        let field = fields[i]
        return UnsafeBufferPointer(start: bytes + field.lowerBound, count: field.count)
    }

    /// Whether field `i` is empty (a missing or empty cell).
    public func isEmpty(_ i: Int) -> Bool { fields[i].isEmpty }

    /// The cell of field `i`: `data/x.xlsx, sheet Details, cell B12`.
    public func location(of i: Int) -> Diagnostic.Location { reader.location(row: line, column: i) }
}
