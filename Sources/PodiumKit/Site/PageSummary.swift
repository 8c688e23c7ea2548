/// A page's description when its front matter has none: the text of its first paragraph, as the
/// reader sees it (inline values already substituted), for `<meta name="description">` and the
/// Open Graph and Twitter cards.
enum PageSummary {
    /// The longest description kept, in characters; a longer paragraph is cut at a word and
    /// ends in `…` (link previews show about this much).
    static let maximumLength = 200

    /// The plain text of the first `<p>` of rendered page HTML (Markdown paragraphs only: the
    /// paragraphs Podium's own blocks write carry a class), or nil if there is none with text.
    /// - Parameter html: the page body as rendered (cmark output, escaped).
    /// - Returns: the text unescaped (it is escaped again where it is written), whitespace
    ///   collapsed, at most ``maximumLength`` characters.
    static func firstParagraph(ofHTML html: String) -> String? {
        var rest = html[...]
        while let start = rest.range(of: "<p>") {
            let afterStart = rest[start.upperBound...]
            let end = afterStart.range(of: "</p>")?.lowerBound ?? afterStart.endIndex
            let text = collapsingWhitespace(decodingEntities(strippingTags(afterStart[..<end])))
            if !text.isEmpty { return shortened(text) }
            rest = afterStart[end...]
        }
        return nil
    }

    /// Text without tags and comments (`<em>`, `<!-- raw HTML omitted -->`).
    private static func strippingTags(_ html: Substring) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" && inTag { inTag = false } else if !inTag { text.append(character) }
        }
        return text
    }

    /// Resolves the entities libcmark and ``Escape`` write (`&amp;`, `&lt;`, `&gt;`, `&quot;`,
    /// `&#39;`) and numeric ones; anything else stays as written.
    private static func decodingEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            output += rest[..<amp]
            let tail = rest[amp...]
            guard let semicolon = tail.prefix(12).firstIndex(of: ";") else {
                output.append("&")
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let name = tail[tail.index(after: tail.startIndex)..<semicolon]
            if let decoded = decode(name) {
                output += decoded
                rest = rest[rest.index(after: semicolon)...]
            } else {
                output.append("&")
                rest = rest[rest.index(after: amp)...]
            }
        }
        return output + rest
    }

    private static func decode(_ name: Substring) -> String? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }

    private static func collapsingWhitespace(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    private static func shortened(_ text: String) -> String {
        guard text.count > maximumLength else { return text }
        let cut = text.prefix(maximumLength - 1)
        let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        var kept = String(atWord)
        while let last = kept.last, ",;:.–—-".contains(last) { kept.removeLast() }
        return kept + "…"
    }
}
