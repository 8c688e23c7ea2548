import Foundation

/// A chart's data as the files `data/<id>.csv` and `data/<id>.json`. Deterministic: no locale,
/// no dictionary order; UTF-8 with LF line endings.
public enum DataExport {
    /// The result as CSV (RFC 4180 quoting, LF line endings): a header row, then one line per row.
    /// Fields with a comma, quote, CR or LF, or leading or trailing spaces are quoted, quotes doubled.
    /// Null is an empty field; numbers are written in full, locale-free.
    public static func csv(_ result: QueryResult) -> String {
        String(decoding: csvBytes(result), as: UTF8.self)
    }

    /// ``csv(_:)`` as UTF-8 bytes, written straight into one array (a large result is not held a
    /// second time as a string).
    public static func csvBytes(_ result: QueryResult) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + result.rows.count * 16 * max(1, result.columns.count))
        for (index, column) in result.columns.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: csvField(column).utf8)
        }
        out.append(UInt8(ascii: "\n"))
        for row in result.rows {
            for (index, value) in row.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: csvField(text(of: value)).utf8)
            }
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// The chart's data as JSON: `{"id", "title", "sql", "columns", "rows"}` in that order, one
    /// row per line; numbers as JSON numbers, text as strings, null as null.
    public static func json(_ chart: ChartSpec, _ result: QueryResult) -> String {
        String(decoding: jsonBytes(chart, result), as: UTF8.self)
    }

    /// ``json(_:_:)`` as UTF-8 bytes, written row by row into one array.
    public static func jsonBytes(_ chart: ChartSpec, _ result: QueryResult) -> [UInt8] {
        var head = "{\n"
        head += "  \"id\": \(jsonString(chart.id)),\n"
        head += "  \"title\": \(jsonString(chart.title)),\n"
        head += "  \"sql\": \(jsonString(chart.sql)),\n"
        head += "  \"columns\": [\(result.columns.map(jsonString).joined(separator: ", "))],\n"
        var out: [UInt8] = []
        out.reserveCapacity(head.utf8.count + 16 + result.rows.count * (8 + 16 * max(1, result.columns.count)))
        out.append(contentsOf: head.utf8)
        if result.rows.isEmpty {
            out.append(contentsOf: "  \"rows\": []\n".utf8)
        } else {
            out.append(contentsOf: "  \"rows\": [\n".utf8)
            for (rowIndex, row) in result.rows.enumerated() {
                out.append(contentsOf: (rowIndex == 0 ? "    [" : ",\n    [").utf8)
                for (index, value) in row.enumerated() {
                    if index > 0 { out.append(contentsOf: ", ".utf8) }
                    out.append(contentsOf: jsonValue(value).utf8)
                }
                out.append(UInt8(ascii: "]"))
            }
            out.append(contentsOf: "\n  ]\n".utf8)
        }
        out.append(contentsOf: "}\n".utf8)
        return out
    }

    /// A value as CSV text: reals in full (shortest round-trip form), not rounded.
    private static func text(of value: Value) -> String {
        if case .real(let number) = value, number.isFinite { return realText(number) }
        return value.text
    }

    private static func csvField(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || text.hasPrefix(" ") || text.hasSuffix(" ")
        guard needsQuotes else { return text }
        return "\"" + text.doublingQuotes + "\""
    }

    /// Shortest text that reads back as the same Double, without a needless `.0`.
    private static func realText(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"  // Swift's description is locale-free and round-trips
    }

    private static func jsonValue(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .integer(let number): String(number)
        case .real(let number): number.isFinite ? realText(number) : "null"
        case .text(let text): jsonString(text)
        }
    }

    /// A JSON string literal. Also escapes `<`, `>`, `&`, U+2028 and U+2029 so the JSON is safe
    /// to inline anywhere.
    static func jsonString(_ text: String) -> String {
        var out = ""
        appendJSONString(text, to: &out)
        return out
    }

    /// Appends `text` as a JSON string literal (as `jsonString`), copying runs that need no escape whole.
    static func appendJSONString(_ text: String, to out: inout String) {
        out += "\""
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in bytes.indices {
                let byte = bytes[index]
                let escaped: String
                switch byte {
                case UInt8(ascii: "\""): escaped = "\\\""
                case UInt8(ascii: "\\"): escaped = "\\\\"
                case UInt8(ascii: "\n"): escaped = "\\n"
                case UInt8(ascii: "\r"): escaped = "\\r"
                case UInt8(ascii: "\t"): escaped = "\\t"
                case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0..<0x20: escaped = unicodeEscape(UInt32(byte))
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    escaped = unicodeEscape(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029)  // U+2028, U+2029
                default: continue
                }
                out += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<index]), as: UTF8.self)
                out += escaped
                runStart = byte == 0xE2 ? index + 3 : index + 1
            }
            out += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart...]), as: UTF8.self)
        }
        out += "\""
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: false)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
