/// One token of SQL text, with its 1-based position.
struct SQLToken: Equatable {
    enum Kind: Equatable {
        /// A bare word: keyword or identifier.
        case word
        /// `"name"`, `` `name` `` or `[name]`; `text` is the name without quotes.
        case quotedIdentifier
        case string
        case number
        /// One punctuation character.
        case symbol
    }

    var kind: Kind
    var text: String
    var line: Int
    var column: Int

    /// Whether this is the bare word `word`, ignoring ASCII case.
    func isWord(_ word: String) -> Bool { kind == .word && text.lowercased() == word }
    /// Whether this is the symbol `symbol`.
    func isSymbol(_ symbol: Character) -> Bool { kind == .symbol && text == String(symbol) }
    /// The name, if this token can name a table.
    var identifier: String? { kind == .word || kind == .quotedIdentifier ? text : nil }
}

/// Splits SQL into tokens, skipping whitespace and comments. Enough of SQLite's lexer to find
/// statement boundaries and table names; it never fails (unterminated text runs to the end).
enum SQLTokenizer {
    static func tokenize(_ sql: String) -> [SQLToken] {
        let bytes = Array(sql.utf8)
        var tokens: [SQLToken] = []
        var index = 0, line = 1, column = 1

        func advance(to end: Int) {
            while index < end {
                if bytes[index] == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if bytes[index] & 0xC0 != 0x80 {
                    column += 1
                }
                index += 1
            }
        }
        func isWordByte(_ byte: UInt8) -> Bool {
            byte >= 0x80 || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
                || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        /// The end of a quoted run starting at `start` and closed by `close`, where a doubled
        /// close character (when `doubles`) stands for itself.
        func closing(_ start: Int, _ close: UInt8, doubles: Bool) -> Int {
            var end = start + 1
            while end < bytes.count {
                if bytes[end] == close {
                    if doubles, end + 1 < bytes.count, bytes[end + 1] == close {
                        end += 2
                        continue
                    }
                    return end + 1
                }
                end += 1
            }
            return bytes.count
        }
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

        while index < bytes.count {
            let byte = bytes[index]
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            let startLine = line, startColumn = column, start = index
            var end = index + 1
            var kind = SQLToken.Kind.symbol
            var value: String? = nil
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0C:
                advance(to: end)
                continue
            case UInt8(ascii: "-") where next == UInt8(ascii: "-"):
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                advance(to: end)
                continue
            case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                end = index + 2
                while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: "*") && bytes[end + 1] == UInt8(ascii: "/")) {
                    end += 1
                }
                advance(to: min(end + 2, bytes.count))
                continue
            case UInt8(ascii: "'"):
                end = closing(index, byte, doubles: true)
                kind = .string
            case UInt8(ascii: "\""), UInt8(ascii: "`"):
                end = closing(index, byte, doubles: true)
                kind = .quotedIdentifier
                let inner = text((index + 1)..<max(index + 1, end - 1))
                value = inner.replacingOccurrences(of: String(UnicodeScalar(byte)) + String(UnicodeScalar(byte)),
                                                   with: String(UnicodeScalar(byte)))
            case UInt8(ascii: "["):
                end = closing(index, UInt8(ascii: "]"), doubles: false)
                kind = .quotedIdentifier
                value = text((index + 1)..<max(index + 1, end - 1))
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                while end < bytes.count, isWordByte(bytes[end]) || bytes[end] == UInt8(ascii: ".") { end += 1 }
                kind = .number
            default:
                if isWordByte(byte) {
                    while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
                    kind = .word
                }
            }
            tokens.append(SQLToken(kind: kind, text: value ?? text(start..<end), line: startLine, column: startColumn))
            advance(to: end)
        }
        return tokens
    }
}
