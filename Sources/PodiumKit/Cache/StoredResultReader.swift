import Foundation

/// Reads a stored query result (``ResultStore``) back from its bytes: the JSON its writer makes
/// (`{"columns":[…],"rows":[[…],…]}`, each cell `null` or a tagged string `"i:42"`, `"r:0.5"`,
/// `"t:text"`), parsed byte by byte straight into values. A page reads its large results back
/// while it is rendered, and its data files again when they are published: Foundation's
/// `JSONDecoder` first built a tree of the whole file, at about 20 MB/s and several times the
/// file's size in memory.
///
/// Anything but what the writer makes (other spacing, another order of keys, a row of the wrong
/// length) reads as damaged (nil), so the result is queried again, never guessed.
struct StoredResultReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var at = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The result in `body`, or nil when it is not a stored result.
    static func decode(_ body: Data) -> QueryResult? {
        body.withUnsafeBytes { raw in
            var reader = StoredResultReader(raw.bindMemory(to: UInt8.self))
            return reader.result()
        }
    }

    private mutating func result() -> QueryResult? {
        guard take(#"{"columns":["#) else { return nil }
        var columns: [String] = []
        if !take("]") {
            repeat {
                guard take("\""), let column = text() else { return nil }
                columns.append(column)
            } while take(",")
            guard take("]") else { return nil }
        }
        guard take(#","rows":["#) else { return nil }
        var rows: [[Value]] = []
        if !take("]") {
            repeat {
                guard take("["), let row = row(columns.count) else { return nil }
                rows.append(row)
            } while take(",")
            guard take("]") else { return nil }
        }
        guard take("}"), at == bytes.count else { return nil }
        return QueryResult(columns: columns, rows: rows)
    }

    /// One row's cells and its closing `]`, after its `[`.
    private mutating func row(_ count: Int) -> [Value]? {
        var values: [Value] = []
        values.reserveCapacity(count)
        if !take("]") {
            repeat {
                guard let value = cell() else { return nil }
                values.append(value)
            } while take(",")
            guard take("]") else { return nil }
        }
        return values.count == count ? values : nil
    }

    private mutating func cell() -> Value? {
        if take("null") { return .null }
        guard take("\""), at + 2 <= bytes.count, bytes[at + 1] == UInt8(ascii: ":") else { return nil }
        let tag = bytes[at]
        at += 2
        switch tag {
        case UInt8(ascii: "t"): return text().map(Value.text)
        case UInt8(ascii: "i"): return plain().flatMap { Int64($0) }.map(Value.integer)
        case UInt8(ascii: "r"): return plain().flatMap { Double($0) }.map(Value.real)
        default: return nil
        }
    }

    /// A number's text and the closing quote (no escapes in it).
    private mutating func plain() -> String? {
        let start = at
        while at < bytes.count, bytes[at] != UInt8(ascii: "\"") {
            if bytes[at] == UInt8(ascii: "\\") { return nil }
            at += 1
        }
        guard at < bytes.count else { return nil }
        defer { at += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
    }

    /// A string's text and its closing quote, after its opening quote (or its cell's tag).
    private mutating func text() -> String? {
        let start = at
        while at < bytes.count {
            switch bytes[at] {
            case UInt8(ascii: "\""):
                defer { at += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
            case UInt8(ascii: "\\"):
                return escapedText(from: start)
            default:
                at += 1
            }
        }
        return nil
    }

    /// The rest of a string with escapes (`\"`, `\\`, `\u00XX` as the writer makes them; any of JSON's).
    private mutating func escapedText(from start: Int) -> String? {
        var out = Array(bytes[start..<at])
        var pendingHigh: UInt32?  // the first half of a surrogate pair
        while at < bytes.count {
            let byte = bytes[at]
            at += 1
            guard byte == UInt8(ascii: "\\") else {
                guard pendingHigh == nil else { return nil }
                if byte == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
                out.append(byte)
                continue
            }
            guard at < bytes.count else { return nil }
            let escaped = bytes[at]
            at += 1
            if escaped == UInt8(ascii: "u") {
                guard let unit = hex4() else { return nil }
                if let high = pendingHigh {
                    guard (0xDC00...0xDFFF).contains(unit) else { return nil }
                    pendingHigh = nil
                    append(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), to: &out)
                } else if (0xD800...0xDBFF).contains(unit) {
                    pendingHigh = unit
                } else {
                    guard !(0xDC00...0xDFFF).contains(unit) else { return nil }
                    append(unit, to: &out)
                }
                continue
            }
            guard pendingHigh == nil else { return nil }
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            default: return nil
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard at + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[at..<(at + 4)] {
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
            value = value << 4 | UInt32(digit)
        }
        at += 4
        return value
    }

    private func append(_ scalar: UInt32, to out: inout [UInt8]) {
        guard let scalar = Unicode.Scalar(scalar) else { return }
        out.append(contentsOf: String(Character(scalar)).utf8)
    }

    /// Consumes `literal` if the bytes go on with it.
    private mutating func take(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard at + count <= bytes.count else { return false }
        let pointer = literal.utf8Start
        for index in 0..<count where bytes[at + index] != pointer[index] { return false }
        at += count
        return true
    }
}
