/// A small typed markup tree for SVG, also used for the XML-compatible HTML of data tables.
///
/// Element and attribute names are trusted literals from Podium's own code; every attribute value
/// and every text node is escaped with ``Escape/html(_:)`` when the tree is rendered, so a data
/// value can never become markup. There is deliberately no "raw" node.
public struct SVGElement: Equatable, Sendable {
    /// One `name="value"` pair; the value is escaped on output.
    public struct Attribute: Equatable, Sendable {
        public var name: String
        public var value: String
        /// Creates an attribute; `value` is stored unescaped.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// A child of an element: another element or a text node.
    public enum Node: Equatable, Sendable {
        case element(SVGElement)
        case text(String)
    }

    /// How the tree is serialised.
    public enum Syntax: Sendable {
        /// XML: childless elements are self-closing (`<rect …/>`); valid inline in HTML too.
        case xml
        /// HTML: every element gets an explicit end tag (`<td></td>`).
        case html
    }

    public var name: String
    public var attributes: [Attribute]
    public var children: [Node]

    /// Creates an element. `attributes` keep their order; pairs whose value is nil are left out.
    public init(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], children: [Node] = []) {
        self.name = name
        self.attributes = attributes.compactMap { pair in pair.value.map { Attribute(pair.key, $0) } }
        self.children = children
    }

    /// Creates an element whose only child is a text node.
    public init(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], text: String) {
        self.init(name, attributes, children: [.text(text)])
    }

    /// Appends a child element.
    public mutating func append(_ element: SVGElement) { children.append(.element(element)) }

    /// Appends child elements.
    public mutating func append(contentsOf elements: [SVGElement]) {
        children.append(contentsOf: elements.map(Node.element))
    }

    /// Appends a text node.
    public mutating func append(text: String) { children.append(.text(text)) }

    /// Sets (or replaces) an attribute.
    public mutating func set(_ name: String, _ value: String) {
        if let index = attributes.firstIndex(where: { $0.name == name }) {
            attributes[index].value = value
        } else {
            attributes.append(Attribute(name, value))
        }
    }

    /// The element serialised with one element per line, indented by two spaces per level (or,
    /// with `indented: false`, not indented: charts inlined several times in a page keep their
    /// bytes for drawing). A `<text>` element, and any element that holds text, is written on one
    /// line, so no whitespace is added to its text.
    public func render(_ syntax: Syntax = .xml, indented: Bool = true) -> String {
        var out = MarkupWriter(capacity: 4096)
        write(into: &out, depth: 0, syntax: syntax, inline: false, indented: indented)
        return out.string
    }

    /// Writes the element: names as they are (Podium's own literals), every attribute value and
    /// text node through ``MarkupWriter/appendEscaped(_:)``.
    private func write(into out: inout MarkupWriter, depth: Int, syntax: Syntax, inline: Bool, indented: Bool) {
        if !inline, indented { out.appendIndent(depth) }
        out.append("<")
        out.append(name)
        for attribute in attributes {
            out.append(" ")
            out.append(attribute.name)
            out.append("=\"")
            out.appendEscaped(attribute.value)
            out.append("\"")
        }
        if children.isEmpty {
            if syntax == .xml {
                out.append("/>")
            } else {
                out.append("></")
                out.append(name)
                out.append(">")
            }
            return
        }
        out.append(">")
        // Whitespace inside SVG text is significant: `<text>` and anything holding text stay on one line.
        let childrenInline = inline || name == "text" || children.contains { if case .text = $0 { true } else { false } }
        for child in children {
            switch child {
            case .text(let text):
                out.appendEscaped(text)
            case .element(let element):
                if !childrenInline { out.append("\n") }
                element.write(into: &out, depth: depth + 1, syntax: syntax, inline: childrenInline, indented: indented)
            }
        }
        if !childrenInline {
            out.append("\n")
            if indented { out.appendIndent(depth) }
        }
        out.append("</")
        out.append(name)
        out.append(">")
    }
}

/// Number formatting for SVG coordinates: one place, fixed precision, locale-free.
public enum SVGNumber {
    /// `value` with at most two fraction digits and no trailing zeros; non-finite values become `0`.
    public static func format(_ value: Double) -> String {
        value.isFinite ? NumberFormat.fixed(value, digits: 2) : "0"
    }
}
