/// Escaping for text placed in HTML or SVG (XML). Every data value passes through here
/// (or through Mustache's `{{…}}`) before it reaches a page.
public enum Escape {
    /// Escapes text for an HTML/XML text node or a quoted attribute value:
    /// `&`, `<`, `>`, `"` and `'` become entities. NUL and other C0 controls except tab,
    /// newline and carriage return are dropped (XML forbids them).
    public static func html(_ text: String) -> String {
        var needs = false
        for byte in text.utf8 where byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 || byte < 0x20 {
            needs = true
            break
        }
        if !needs { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
