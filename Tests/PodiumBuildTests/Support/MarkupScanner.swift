import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The markup of an HTML or SVG file as elements, attributes and text, so a test can check
/// that hostile values came out as text only.
struct Markup {
    /// One start tag.
    struct Element: Equatable {
        var name: String
        var attributes: [(name: String, value: String)]

        static func == (a: Element, b: Element) -> Bool {
            a.name == b.name && a.attributes.map(\.name) == b.attributes.map(\.name)
                && a.attributes.map(\.value) == b.attributes.map(\.value)
        }
    }

    var elements: [Element] = []
    /// Text nodes, entities decoded, in document order.
    var texts: [String] = []
    /// Problems found while scanning (unterminated tags or attribute quotes, bad entities).
    var problems: [String] = []

    /// All text joined.
    var text: String { texts.joined() }

    /// Attribute values with their element and attribute names.
    var attributeValues: [(element: String, name: String, value: String)] {
        elements.flatMap { element in element.attributes.map { (element.name, $0.name, $0.value) } }
    }

    /// Scans HTML (or XHTML, or inline SVG) the way a browser's tokenizer would for the subset
    /// Podium writes: tags with quoted attributes, comments, `<!DOCTYPE>`, text with entities.
    /// Anything of the form `<letter` is a tag, so markup that escaped escaping shows up here.
    static func scanHTML(_ html: String) -> Markup {
        var markup = Markup()
        let scalars = Array(html.unicodeScalars)
        var index = 0
        var text = ""
        func flushText() {
            if !text.isEmpty { markup.texts.append(decode(text, problems: &markup.problems)) }
            text = ""
        }
        func starts(_ prefix: String, at position: Int) -> Bool {
            let prefix = Array(prefix.unicodeScalars)
            guard position + prefix.count <= scalars.count else { return false }
            return (0..<prefix.count).allSatisfy {
                String(scalars[position + $0]).lowercased() == String(prefix[$0]).lowercased()
            }
        }
        func find(_ needle: String, from position: Int) -> Int? {
            var at = position
            while at < scalars.count {
                if starts(needle, at: at) { return at }
                at += 1
            }
            return nil
        }
        var rawTextEnd: String?  // inside <style>/<script>/<title>: text until the closing tag
        while index < scalars.count {
            if let end = rawTextEnd {
                guard let close = find(end, from: index) else {
                    markup.problems.append("unclosed \(end)")
                    break
                }
                text += String(String.UnicodeScalarView(scalars[index..<close]))
                flushText()
                index = close
                rawTextEnd = nil
                continue
            }
            let scalar = scalars[index]
            guard scalar == "<" else {
                text.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            if starts("<!--", at: index) {
                flushText()
                guard let end = find("-->", from: index + 4) else {
                    markup.problems.append("unclosed comment")
                    break
                }
                index = end + 3
                continue
            }
            let next = index + 1 < scalars.count ? scalars[index + 1] : " "
            let isTag = next.properties.isAlphabetic || next == "/" || next == "!" || next == "?"
            guard isTag else {
                markup.problems.append("bare '<' in text")
                text.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            flushText()
            // A tag: name, then attributes up to '>'.
            var position = index + 1
            let closing = scalars[position] == "/"
            if closing || scalars[position] == "!" || scalars[position] == "?" { position += 1 }
            var name = ""
            while position < scalars.count, !" \t\n\r/>".unicodeScalars.contains(scalars[position]) {
                name.unicodeScalars.append(scalars[position])
                position += 1
            }
            var attributes: [(String, String)] = []
            while position < scalars.count, scalars[position] != ">" {
                let current = scalars[position]
                if " \t\n\r/".unicodeScalars.contains(current) {
                    position += 1
                    continue
                }
                var attribute = ""
                while position < scalars.count, !" \t\n\r/>=".unicodeScalars.contains(scalars[position]) {
                    attribute.unicodeScalars.append(scalars[position])
                    position += 1
                }
                var value = ""
                if position < scalars.count, scalars[position] == "=" {
                    position += 1
                    if position < scalars.count, scalars[position] == "\"" || scalars[position] == "'" {
                        let quote = scalars[position]
                        position += 1
                        while position < scalars.count, scalars[position] != quote {
                            value.unicodeScalars.append(scalars[position])
                            position += 1
                        }
                        if position >= scalars.count { markup.problems.append("unclosed attribute quote") }
                        position += 1
                    } else {
                        markup.problems.append("unquoted attribute value in <\(name)>")
                        while position < scalars.count, !" \t\n\r>".unicodeScalars.contains(scalars[position]) {
                            value.unicodeScalars.append(scalars[position])
                            position += 1
                        }
                    }
                }
                attributes.append((attribute.lowercased(), decode(value, problems: &markup.problems)))
            }
            if position >= scalars.count { markup.problems.append("unclosed tag <\(name)") }
            index = position + 1
            let lower = name.lowercased()
            if !closing, !name.isEmpty, position < scalars.count {
                if !lower.hasPrefix("doctype") {
                    markup.elements.append(Element(name: lower, attributes: attributes))
                }
                if ["style", "script", "title", "textarea"].contains(lower) {
                    // Raw text elements: their text runs to the closing tag (SVG <title> is not
                    // raw, but Podium escapes it the same way).
                    rawTextEnd = "</\(lower)"
                }
            }
        }
        flushText()
        return markup
    }

    /// Decodes the entities Podium writes (`&amp;` `&lt;` `&gt;` `&quot;` `&#39;` and numeric ones).
    static func decode(_ text: String, problems: inout [String]) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semicolon = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semicolon) <= 10 else {
                problems.append("bare '&' in \(text.prefix(40))")
                out += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = String(rest[rest.index(after: amp)..<semicolon])
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                if entity.hasPrefix("#x"), let value = UInt32(entity.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(value) {
                    out.unicodeScalars.append(scalar)
                } else if entity.hasPrefix("#"), let value = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(value) {
                    out.unicodeScalars.append(scalar)
                } else {
                    problems.append("unknown entity &\(entity);")
                    out += "&\(entity);"
                }
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return out + rest
    }

    /// Parses XML (a standalone SVG file) with Foundation's XMLParser. Returns nil and a
    /// problem when the file is not well-formed.
    static func parseXML(_ data: Data) -> Markup {
        let delegate = XMLCollector()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        if !parser.parse() {
            delegate.markup.problems.append("not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")")
        }
        delegate.flush()
        return delegate.markup
    }
}

private final class XMLCollector: NSObject, XMLParserDelegate {
    var markup = Markup()
    private var text = ""

    func flush() {
        if !text.isEmpty { markup.texts.append(text) }
        text = ""
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        flush()
        markup.elements.append(.init(name: elementName.lowercased(),
                                     attributes: attributes.sorted { $0.key < $1.key }.map { ($0.key.lowercased(), $0.value) }))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        flush()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        markup.problems.append("CDATA section")
        text += String(decoding: CDATABlock, as: UTF8.self)
    }
}
