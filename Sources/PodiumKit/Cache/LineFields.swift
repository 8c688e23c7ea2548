import Foundation

/// Lines of space-separated fields, as `.podium/quick` and the bulky parts of `state.json` keep
/// them: a field's spaces, newlines, tabs and `%` percent-encoded (`%20`), an empty field `%`.
/// Read in one pass over the bytes: faster than JSON by far for thousands of small records.
enum LineFields {
    /// The lines of `bytes`, each split at spaces into unescaped fields, in one pass over the bytes
    /// (this runs on every no-change build, so it avoids Foundation's string searching).
    static func fields(of bytes: UnsafeRawBufferPointer) -> [[String]] {
        var lines: [[String]] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var fieldStart = 0
        var index = 0
        func endField() {
            let empty = index - fieldStart == 2 && field == [UInt8(ascii: "%")]  // the raw field was "%"
            fields.append(empty ? "" : String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldStart = index
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: " "): endField()
            case UInt8(ascii: "\n"):
                endField()
                lines.append(fields)
                fields.removeAll(keepingCapacity: true)
            case UInt8(ascii: "%") where index + 1 < bytes.count:
                if let high = hexValue(bytes[index]), let low = hexValue(bytes[index + 1]) {
                    field.append(high << 4 | low)
                    index += 2
                } else {
                    field.append(byte)
                }
            default: field.append(byte)
            }
        }
        if !field.isEmpty || !fields.isEmpty {
            index += 1  // as if a newline followed
            endField()
            lines.append(fields)
        }
        return lines
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Spaces, newlines and `%` percent-encoded, so every field is one word.
    static func escape(_ text: String) -> String {
        var bytes: [UInt8] = []
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` escaped (see ``escape(_:)``) to `bytes`.
    static func append(_ text: String, to bytes: inout [UInt8]) {
        if text.isEmpty {
            bytes.append(UInt8(ascii: "%"))
            return
        }
        let hex: StaticString = "0123456789ABCDEF"
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                bytes += [UInt8(ascii: "%"), hex.utf8Start[Int(byte >> 4)], hex.utf8Start[Int(byte & 15)]]
            default:
                bytes.append(byte)
            }
        }
    }
}
