/// The CSS colour syntax a chart block's `colors` accept, checked by hand.
///
/// It accepts exactly what these regular expressions (NSRegularExpression, the previous check)
/// accept: `^#([0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$`, `^[a-zA-Z]+$`,
/// `^(rgb|rgba|hsl|hsla)\([0-9., %/a-z]*\)$` and `^var\(--[a-zA-Z0-9_-]+\)$`. Compiling them
/// cost about 600 k instructions per colour.
enum ColorSyntax {
    /// Whether `color` is `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, a colour name, `rgb(…)`,
    /// `rgba(…)`, `hsl(…)`, `hsla(…)` or `var(--name)`.
    static func isValid(_ color: String) -> Bool {
        var scalars = Array(color.unicodeScalars)
        // As with the patterns' `$`, one line terminator may end the text.
        if scalars.count >= 2, scalars[scalars.count - 2] == "\r", scalars[scalars.count - 1] == "\n" {
            scalars.removeLast(2)
        } else if let last = scalars.last, lineTerminators.contains(last) {
            scalars.removeLast()
        }
        let text = scalars[...]
        return isHex(text) || (!text.isEmpty && text.allSatisfy(isLetter)) || isFunction(text) || isVariable(text)
    }

    /// ICU's line terminators, which `$` may stand before.
    private static let lineTerminators: Set<Unicode.Scalar> = ["\n", "\u{0B}", "\u{0C}", "\r", "\u{85}", "\u{2028}", "\u{2029}"]

    /// `#` and 3, 4, 6 or 8 hex digits.
    private static func isHex(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        guard text.first == "#", [4, 5, 7, 9].contains(text.count) else { return false }
        return text.dropFirst().allSatisfy { isDigit($0) || ("a"..."f").contains($0) || ("A"..."F").contains($0) }
    }

    /// `rgb(`, `rgba(`, `hsl(` or `hsla(`, then digits, `.`, `,`, space, `%`, `/` and lowercase letters, then `)`.
    private static func isFunction(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        for name in ["rgb(", "rgba(", "hsl(", "hsla("] {
            let open = Array(name.unicodeScalars)
            guard text.starts(with: open), text.count > open.count, text.last == ")" else { continue }
            let inner = text.dropFirst(open.count).dropLast()
            if inner.allSatisfy({ isDigit($0) || ("a"..."z").contains($0) || "., %/".unicodeScalars.contains($0) }) {
                return true
            }
        }
        return false
    }

    /// `var(--`, one or more letters, digits, `_` or `-`, then `)`.
    private static func isVariable(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        let open = Array("var(--".unicodeScalars)
        guard text.starts(with: open), text.count > open.count + 1, text.last == ")" else { return false }
        return text.dropFirst(open.count).dropLast().allSatisfy { isLetter($0) || isDigit($0) || $0 == "_" || $0 == "-" }
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }
}
