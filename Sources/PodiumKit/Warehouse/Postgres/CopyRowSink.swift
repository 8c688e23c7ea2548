/// The PostgreSQL load's hot path, the counterpart of `RowLoader`: checks each record's fields
/// straight from their bytes, as SQLite staging does, and appends valid rows to a buffer in
/// `COPY … FROM STDIN` text format (tab-separated, `\N` for NULL, backslash escapes).
struct CopyRowEncoder {
    let layout: StagingLayout
    let path: String
    let maxErrors: Int
    private(set) var rowCount = 0
    private(set) var problems: [Diagnostic] = []
    /// COPY data not yet sent.
    var buffer: [UInt8] = []
    private var errorCount = 0
    private let types: [ColumnType]
    private let required: [Bool]
    private var row: [UInt8] = []

    init(layout: StagingLayout, path: String, maxErrors: Int) {
        self.layout = layout
        self.path = path
        self.maxErrors = maxErrors
        types = layout.columns.map { $0.type ?? .text }
        required = layout.columns.map(\.required)
        buffer.reserveCapacity(Self.flushSize + 64 * 1024)
    }

    /// How many bytes to collect before sending them.
    static let flushSize = 512 * 1024

    /// `CREATE TABLE` for the staging table: `_line bigint`, then one column per source column.
    /// Text is compared byte by byte (`COLLATE "C"`), as SQLite does, so ordering and grouping by
    /// text give the same results on both engines whatever the database's locale.
    static func createSQL(_ table: StagedTable, schema: String) -> String {
        let columns = [StagingLayout.lineColumn + " bigint"] + table.columns.map { column in
            let type = switch column.type {
            case .integer: "bigint"
            case .real: "double precision"
            case .text, .date: "text COLLATE \"C\""
            }
            return "\(SQLText.quote(column.name)) \(type)"
        }
        return "CREATE TABLE \(SQLText.quote(schema)).\(SQLText.quote(table.name)) (\(columns.joined(separator: ", ")))"
    }

    /// Checks one data record and appends it if it is valid; records its problems otherwise.
    mutating func load(_ record: CSVRecord) {
        guard record.count == types.count else {
            report(StagingError.raggedRow(
                fields: record.count, expected: types.count, at: .init(file: path, line: record.line)))
            return
        }
        row.removeAll(keepingCapacity: true)
        Self.appendDecimal(record.line, to: &row)
        var valid = true
        for index in 0..<types.count {
            row.append(0x09)
            if record.isEmpty(index) {
                if required[index] {
                    report(StagingError.requiredEmpty(layout.columns[index], at: record.location(of: index)))
                    valid = false
                }
                row.append(0x5C)  // \N
                row.append(0x4E)
                continue
            }
            let type = types[index]
            let ok = record.withBytes(index) { bytes -> Bool in
                switch type {
                case .text:
                    Self.appendEscaped(bytes, to: &row)
                case .integer:
                    guard ValueParser.int64(bytes) != nil else { return false }
                    row.append(contentsOf: bytes)
                case .real:
                    guard let number = ValueParser.double(bytes) else { return false }
                    if !number.isFinite {
                        row.append(contentsOf: (number < 0 ? "-Infinity" : "Infinity").utf8)
                    } else if number == 0 {
                        row.append(contentsOf: (number.sign == .minus ? "-0" : "0").utf8)  // underflow
                    } else {
                        row.append(contentsOf: bytes)
                    }
                case .date:
                    guard ValueParser.isDate(bytes) else { return false }
                    row.append(contentsOf: bytes)
                }
                return true
            }
            if !ok {
                report(StagingError.typeMismatch(
                    layout.columns[index], type: type, value: record[index], at: record.location(of: index)))
                valid = false
            }
        }
        guard valid else { return }
        row.append(0x0A)
        buffer.append(contentsOf: row)
        rowCount += 1
    }

    /// Appends text with COPY's escapes: backslash, tab, newline and carriage return.
    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to row: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case 0x5C: row.append(0x5C); row.append(0x5C)
            case 0x09: row.append(0x5C); row.append(UInt8(ascii: "t"))
            case 0x0A: row.append(0x5C); row.append(UInt8(ascii: "n"))
            case 0x0D: row.append(0x5C); row.append(UInt8(ascii: "r"))
            default: row.append(byte)
            }
        }
    }

    private static func appendDecimal(_ value: Int, to row: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            for index in stride(from: count - 1, through: 0, by: -1) { row.append(buffer[index]) }
        }
    }

    /// Reports a problem, up to `maxErrors`; past that only counts it and keeps one summary last.
    private mutating func report(_ diagnostic: Diagnostic) {
        errorCount += 1
        if errorCount <= maxErrors {
            problems.append(diagnostic)
        } else {
            if errorCount > maxErrors + 1 { problems.removeLast() }
            problems.append(StagingError.more(errorCount - maxErrors, in: path))
        }
    }
}
