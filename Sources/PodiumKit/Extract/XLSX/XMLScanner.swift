#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming XML tokenizer for the subset workbook parts use: elements, attributes, text, the
/// five predefined entities and character references, CDATA, comments and processing
/// instructions. It holds one 64 KiB buffer and the current token, whatever the document's size.
///
/// A `<!DOCTYPE` is refused, so there are no entity definitions, external entities or network
/// access to worry about. Names are reduced to their local part (`x:row` is `row`; namespace
/// declarations are dropped): every part Podium reads uses one vocabulary per element.
struct XMLScanner: ~Copyable {
    enum Event: Equatable {
        /// A start tag: `name`, `attributes`, and `selfClosing` for `<x/>`.
        case start
        /// An end tag: `name`.
        case end
        /// Character data between tags, entities decoded: `text`.
        case text
        case endOfDocument
    }

    /// Whether the current start tag closes itself (`<c r="A1"/>`).
    private(set) var selfClosing = false
    /// The current text, entities decoded: valid until the next call of `next()`.
    var text: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: textBytes.base, count: textBytes.count) }
    /// The local name of the current start or end tag: valid until the next call of `next()`.
    var name: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: nameBytes.base, count: nameBytes.count) }

    // Noncopyable byte buffers, not arrays: an array's append checks uniqueness and retains, and
    // that was a fifth of the time per cell.
    private var nameBytes = ByteBuffer(capacity: 64)
    private var textBytes = ByteBuffer(capacity: 4096)
    private var attributeBytes = ByteBuffer(capacity: 256)
    private var attributeNames: [Range<Int>] = []
    private var attributeValues: [Range<Int>] = []

    /// Which buffer a name or reference is read into.
    private enum Target { case name, text, attributes }

    private let source: ZipEntryStream
    private let displayPath: String
    private let part: String
    private let buffer: UnsafeMutableRawBufferPointer
    private var position = 0
    private var limit = 0
    private var started = false
    /// The longest text or attribute value accepted: far more than a cell can hold (32,767 characters).
    static let maxTokenBytes = 16 << 20

    init(_ source: ZipEntryStream, displayPath: String, part: String) {
        self.source = source
        self.displayPath = displayPath
        self.part = part
        buffer = .allocate(byteCount: 64 * 1024, alignment: 1)
    }

    deinit { buffer.deallocate() }

    // MARK: - Reading the current token

    /// Whether the current tag's local name is `expected`.
    @inline(__always)
    func isName(_ expected: StaticString) -> Bool {
        guard nameBytes.count == expected.utf8CodeUnitCount else { return false }
        return memcmp(nameBytes.base, expected.utf8Start, nameBytes.count) == 0
    }

    /// The decoded value of the current tag's attribute `wanted` (local name), or nil: valid
    /// until the next call of `next()`.
    func attribute(_ wanted: StaticString) -> UnsafeBufferPointer<UInt8>? {
        let count = wanted.utf8CodeUnitCount
        for (index, range) in attributeNames.enumerated()
        where range.count == count && memcmp(attributeBytes.base + range.lowerBound, wanted.utf8Start, count) == 0 {
            let value = attributeValues[index]
            return UnsafeBufferPointer(start: attributeBytes.base + value.lowerBound, count: value.count)
        }
        return nil
    }

    /// The attribute's value as a string, or nil.
    func attributeString(_ wanted: StaticString) -> String? {
        attribute(wanted).map { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: - Tokenizing

    /// Reads the next token.
    /// - Throws: `DiagnosticsError` for malformed XML, a DOCTYPE, or a damaged ZIP entry.
    mutating func next() throws -> Event {
        if !started { try skipByteOrderMark() }
        while true {
            textBytes.removeAll()
            guard let byte = try peek() else { return .endOfDocument }
            if byte != UInt8(ascii: "<") {
                try readText()
                return .text
            }
            position += 1
            switch try require() {
            case UInt8(ascii: "/"):
                position += 1
                try readElementName()
                try skipSpace()
                try expect(UInt8(ascii: ">"))
                return .end
            case UInt8(ascii: "?"):
                try skip(past: Array("?>".utf8))
            case UInt8(ascii: "!"):
                position += 1
                if try startsWith(Array("--".utf8)) {
                    try skip(past: Array("-->".utf8))
                } else if try startsWith(Array("[CDATA[".utf8)) {
                    try readCDATA()
                    return .text
                } else {
                    throw XLSXError.doctype(displayPath, part: part)
                }
            default:
                try readStartTag()
                return .start
            }
        }
    }

    /// Skips the rest of the current element (after its start tag), nested elements included.
    mutating func skipElement() throws {
        if selfClosing { return }
        var depth = 1
        while depth > 0 {
            switch try next() {
            case .start: if !selfClosing { depth += 1 }
            case .end: depth -= 1
            case .text: break
            case .endOfDocument: throw malformed("the document ends inside an element")
            }
        }
    }

    private mutating func readStartTag() throws {
        try readElementName()
        if !attributeNames.isEmpty {
            attributeNames.removeAll(keepingCapacity: true)
            attributeValues.removeAll(keepingCapacity: true)
        }
        attributeBytes.removeAll()
        selfClosing = false
        while true {
            try skipSpace()
            let byte = try require()
            if byte == UInt8(ascii: ">") { position += 1; return }
            if byte == UInt8(ascii: "/") {
                position += 1
                try expect(UInt8(ascii: ">"))
                selfClosing = true
                return
            }
            let nameStart = attributeBytes.count
            var isNamespace = false
            try readName(into: .attributes, isNamespace: &isNamespace)
            let nameRange = nameStart..<attributeBytes.count
            try skipSpace()
            try expect(UInt8(ascii: "="))
            try skipSpace()
            let quote = try require()
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { throw malformed("an attribute value without quotes") }
            position += 1
            let valueStart = attributeBytes.count
            while true {
                let byte = try require()
                position += 1
                if byte == quote { break }
                if byte == UInt8(ascii: "<") { throw malformed("'<' in an attribute value") }
                if byte == UInt8(ascii: "&") { try readReference(into: .attributes) } else { attributeBytes.append(byte) }
                if attributeBytes.count - valueStart > Self.maxTokenBytes { throw malformed("an attribute value over 16 MiB") }
            }
            if isNamespace {
                attributeBytes.truncate(to: nameStart)
            } else {
                attributeNames.append(nameRange)
                attributeValues.append(valueStart..<attributeBytes.count)
            }
        }
    }

    /// Text up to the next `<`, entities decoded; copied a run at a time.
    private mutating func readText() throws {
        while true {
            if position == limit {
                try refill()
                if position == limit { return }
            }
            let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var end = position
            while end < limit, base[end] != UInt8(ascii: "<"), base[end] != UInt8(ascii: "&") { end += 1 }
            textBytes.append(base + position, count: end - position)
            position = end
            if textBytes.count > Self.maxTokenBytes { throw malformed("a text over 16 MiB") }
            if end < limit {
                if base[end] == UInt8(ascii: "<") { return }
                position += 1
                try readReference(into: .text)
            }
        }
    }

    private mutating func readCDATA() throws {
        // Ends at "]]>".
        var tail = 0
        while true {
            let byte = try require()
            position += 1
            textBytes.append(byte)
            if byte == UInt8(ascii: "]") {
                tail += 1
            } else if byte == UInt8(ascii: ">") && tail >= 2 {
                textBytes.truncate(to: textBytes.count - 3)
                return
            } else {
                tail = 0
            }
            if textBytes.count > Self.maxTokenBytes { throw malformed("a CDATA section over 16 MiB") }
        }
    }

    /// After `&`: one of the five predefined entities or a character reference, as UTF-8.
    private mutating func readReference(into target: Target) throws {
        var entity: [UInt8] = []
        while true {
            let byte = try require()
            position += 1
            if byte == UInt8(ascii: ";") { break }
            entity.append(byte)
            if entity.count > 10 { throw malformed("an unterminated '&' reference") }
        }
        var output: [UInt8] = []
        switch entity {
        case Array("lt".utf8): output.append(UInt8(ascii: "<"))
        case Array("gt".utf8): output.append(UInt8(ascii: ">"))
        case Array("amp".utf8): output.append(UInt8(ascii: "&"))
        case Array("quot".utf8): output.append(UInt8(ascii: "\""))
        case Array("apos".utf8): output.append(UInt8(ascii: "'"))
        default:
            guard entity.first == UInt8(ascii: "#") else {
                throw malformed("the undefined entity '&\(String(decoding: entity, as: UTF8.self));'")
            }
            let hex = entity.count > 1 && entity[1] | 0x20 == UInt8(ascii: "x")
            let digits = String(decoding: entity.dropFirst(hex ? 2 : 1), as: UTF8.self)
            guard let value = UInt32(digits, radix: hex ? 16 : 10), let scalar = Unicode.Scalar(value), value != 0 else {
                throw malformed("the invalid character reference '&\(String(decoding: entity, as: UTF8.self));'")
            }
            output.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
        for byte in output {
            if target == .text { textBytes.append(byte) } else { attributeBytes.append(byte) }
        }
    }

    private mutating func readElementName() throws {
        nameBytes.removeAll()
        var isNamespace = false
        try readName(into: .name, isNamespace: &isNamespace)
    }

    /// A name up to space, `=`, `/` or `>`, keeping only the part after its last `:`, appended
    /// to the target's buffer.
    private mutating func readName(into target: Target, isNamespace: inout Bool) throws {
        var start = target == .name ? nameBytes.count : attributeBytes.count
        func isXMLNS(_ buffer: borrowing ByteBuffer, from start: Int) -> Bool {
            buffer.count - start == 5 && memcmp(buffer.base + start, "xmlns", 5) == 0
        }
        while true {
            let byte = try require()
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
                 UInt8(ascii: "="), UInt8(ascii: "/"), UInt8(ascii: ">"):
                let count = (target == .name ? nameBytes.count : attributeBytes.count) - start
                guard count > 0 else { throw malformed("a tag or attribute without a name") }
                if target == .attributes, isXMLNS(attributeBytes, from: start) { isNamespace = true }
                return
            case UInt8(ascii: ":"):
                if target == .name {
                    nameBytes.truncate(to: start)
                } else {
                    if isXMLNS(attributeBytes, from: start) { isNamespace = true }
                    attributeBytes.truncate(to: start)
                }
                start = target == .name ? nameBytes.count : attributeBytes.count
                position += 1
            case UInt8(ascii: "<"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "&"):
                throw malformed("an invalid character in a name")
            default:
                if target == .name { nameBytes.append(byte) } else { attributeBytes.append(byte) }
                position += 1
                if (target == .name ? nameBytes.count : attributeBytes.count) - start > 1024 { throw malformed("a name over 1,024 bytes") }
            }
        }
    }

    // MARK: - Bytes

    @inline(__always)
    private mutating func peek() throws -> UInt8? {
        if position == limit {
            try refill()
            if position == limit { return nil }
        }
        return buffer[position]
    }

    @inline(__always)
    private mutating func require() throws -> UInt8 {
        guard let byte = try peek() else { throw malformed("the document ends inside a tag") }
        return byte
    }

    private mutating func expect(_ wanted: UInt8) throws {
        guard try require() == wanted else { throw malformed("expected '\(Character(Unicode.Scalar(wanted)))'") }
        position += 1
    }

    private mutating func skipSpace() throws {
        while let byte = try peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    /// Whether the next bytes are `prefix`; consumes them if so.
    private mutating func startsWith(_ prefix: [UInt8]) throws -> Bool {
        for (index, byte) in prefix.enumerated() {
            guard try require() == byte else {
                if index > 0 { throw malformed("an unknown '<!' construct") }
                return false
            }
            position += 1
        }
        return true
    }

    private mutating func skip(past terminator: [UInt8]) throws {
        var matched = 0
        while matched < terminator.count {
            let byte = try require()
            position += 1
            matched = byte == terminator[matched] ? matched + 1 : (byte == terminator[0] ? 1 : 0)
        }
    }

    private mutating func skipByteOrderMark() throws {
        started = true
        guard let first = try peek() else { return }
        if first == 0xFE || first == 0xFF { throw malformed("UTF-16 text; workbooks are UTF-8") }
        if first == 0xEF {
            for byte: UInt8 in [0xEF, 0xBB, 0xBF] {
                guard try require() == byte else { throw malformed("an invalid byte order mark") }
                position += 1
            }
        }
    }

    private mutating func refill() throws {
        position = 0
        limit = try source.read(into: buffer)
    }

    private func malformed(_ detail: String) -> DiagnosticsError {
        XLSXError.malformedXML(displayPath, part: part, detail)
    }
}
