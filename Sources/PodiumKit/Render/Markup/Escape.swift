/// Escaping for text placed in HTML or SVG (XML). Every data value passes through here
/// (or through Mustache's `{{…}}`) before it reaches a page.
public enum Escape {
    /// Escapes text for an HTML/XML text node or a quoted attribute value:
    /// `&`, `<`, `>`, `"` and `'` become entities. NUL and other C0 controls except tab,
    /// newline and carriage return are dropped (XML forbids them).
    public static func html(_ text: String) -> String {
        var text = text
        let escaped: String? = text.withUTF8 { utf8 in
            guard utf8.contains(where: needsEscaping) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(utf8.count + 16)
            appendHTML(utf8, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? text
    }

    /// Appends `utf8` to `out` escaped by ``html(_:)``'s rules. Working on bytes is exact: every
    /// byte it changes or drops is ASCII, and the bytes of a multi-byte character are all ≥ 0x80.
    static func appendHTML(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0  // the first byte not yet copied
        for index in utf8.indices where needsEscaping(utf8[index]) {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            runStart = index + 1
            switch utf8[index] {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            default: break  // a C0 control: dropped
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
    }

    /// Whether a byte is replaced or dropped: the five markup characters and C0 controls other
    /// than tab, newline and carriage return.
    @inline(__always)
    private static func needsEscaping(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        case UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): false
        default: byte < 0x20
        }
    }
}
