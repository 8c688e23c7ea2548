/// One record of a CSV file, as handed out by `CSVReader.read(_:)`.
///
/// The record points into the reader's reused buffers: it is only valid during the call that
/// received it. Copy out what you need (`self[i]`, `strings`) before returning.
public struct CSVRecord {
    /// The 1-based line where the record starts.
    public var line: Int
    /// The number of fields.
    public var count: Int { fields.count }

    let bytes: UnsafePointer<UInt8>
    let fields: UnsafeBufferPointer<CSVField>
    let displayPath: String

    /// The field at `i` (0-based) as a string; empty fields give `""`.
    public subscript(i: Int) -> String {
        withBytes(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// All fields as strings.
    public var strings: [String] { (0..<count).map { self[$0] } }

    /// Calls `body` with the UTF-8 bytes of field `i` (0-based, quotes removed, `""` unescaped),
    /// without making a `String`. The bytes are already validated UTF-8.
    public func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let field = fields[i]
        return try body(UnsafeBufferPointer(start: bytes + field.start, count: field.end - field.start))
    }

    /// Whether field `i` (0-based) is empty.
    public func isEmpty(_ i: Int) -> Bool { fields[i].start == fields[i].end }

    /// Where field `i` (0-based) starts in the file (its opening quote, if it is quoted):
    /// 1-based line and column, columns counted in characters.
    public func location(of i: Int) -> Diagnostic.Location {
        Diagnostic.Location(file: displayPath, line: fields[i].line, column: fields[i].column)
    }
}

/// Where one field sits in the record buffer and in the file.
struct CSVField {
    var start: Int
    var end: Int
    var line: Int
    var column: Int
}
