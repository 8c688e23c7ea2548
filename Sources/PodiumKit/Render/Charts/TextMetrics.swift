/// Estimates how wide text is in a proportional sans-serif font, without a font engine.
///
/// The estimate is per character class (narrow `i`, wide `M`, full-width CJK) and errs on the wide
/// side, so labels laid out with it do not overlap in common system fonts.
enum TextMetrics {
    /// The estimated advance width of `text` at `fontSize` pixels.
    static func width(_ text: String, fontSize: Double = 12) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars { ems += em(scalar) }
        return ems * fontSize * 1.05
    }

    /// `text` shortened with "…" so that it is at most `maxWidth` wide; unchanged if it fits.
    static func truncate(_ text: String, toWidth maxWidth: Double, fontSize: Double = 12) -> String {
        if width(text, fontSize: fontSize) <= maxWidth { return text }
        var characters = Array(text)
        while !characters.isEmpty {
            characters.removeLast()
            let candidate = String(characters).trimmingTrailingSpaces() + "…"
            if width(candidate, fontSize: fontSize) <= maxWidth { return candidate }
        }
        return "…"
    }

    /// `text` broken at spaces into lines at most `maxWidth` wide, at most `maxLines` of them (the
    /// last shortened with "…" if the text goes on); a word wider than a line is shortened.
    static func wrap(_ text: String, toWidth maxWidth: Double, fontSize: Double = 12, maxLines: Int = 4) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(whereSeparator: \.isWhitespace).map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if current.isEmpty || width(candidate, fontSize: fontSize) <= maxWidth {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] += " …"
        }
        return lines.map { truncate($0, toWidth: maxWidth, fontSize: fontSize) }
    }

    private static func em(_ scalar: Unicode.Scalar) -> Double {
        switch scalar {
        case "i", "j", "l", "I", "!", "|", ".", ",", ":", ";", "'", "`": return 0.28
        case " ", "f", "t", "r", "(", ")", "[", "]", "-", "\"": return 0.36
        case "m", "w", "M", "W", "@", "%": return 0.86
        case "0"..."9", "$", "#", "_", "+", "=", "<", ">", "?", "~", "^", "*": return 0.58
        case "a"..."z": return 0.54
        case "A"..."Z", "&": return 0.68
        default:
            // CJK, Hangul, full-width forms and emoji take a full em.
            if (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                || (0xFF00...0xFF60).contains(scalar.value) || scalar.value >= 0x1F300 {
                return 1.0
            }
            if (0x0300...0x036F).contains(scalar.value) { return 0 }  // combining marks
            return 0.62
        }
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
