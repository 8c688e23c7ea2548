/// An append-only UTF-8 buffer for writing markup.
///
/// Appending bytes to an array costs a few instructions where each `String +=` costs about 300
/// (callgrind), so large trees (``SVGElement``) are written here and turned into one `String` at
/// the end. There are two ways in: ``append(_:)`` for Podium's own literals and element or attribute
/// names, and ``appendEscaped(_:)`` for everything else, which applies ``Escape/html(_:)``'s rules.
struct MarkupWriter {
    /// The bytes written so far (valid UTF-8: only whole strings are appended).
    private(set) var bytes: [UInt8] = []

    /// Creates an empty writer with room for `capacity` bytes.
    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends trusted markup (a literal, an element or attribute name) as it is.
    mutating func append(_ markup: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: markup.utf8Start, count: markup.utf8CodeUnitCount))
    }

    /// Appends trusted markup (an element or attribute name from Podium's own code) as it is.
    mutating func append(_ markup: String) {
        bytes.append(contentsOf: markup.utf8)
    }

    /// Appends `count` copies of two spaces.
    mutating func appendIndent(_ count: Int) {
        for _ in 0..<max(count, 0) { bytes.append(0x20); bytes.append(0x20) }
    }

    /// Appends `text` escaped for a text node or a quoted attribute value; the rules are
    /// ``Escape/html(_:)``'s.
    mutating func appendEscaped(_ text: String) {
        var text = text
        text.withUTF8 { Escape.appendHTML($0, to: &bytes) }
    }

    /// The markup written so far.
    var string: String { String(decoding: bytes, as: UTF8.self) }
}
