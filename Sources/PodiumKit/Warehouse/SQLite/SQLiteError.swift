/// A failure reported by SQLite, with SQLite's own message and the SQL that caused it.
public struct SQLiteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// SQLite's extended result code (`SQLITE_AUTH` for statements refused by a read-only query).
    public var code: Int32
    /// SQLite's own message, for example `no such column: gold`.
    public var message: String
    /// The statement that failed, if any.
    public var sql: String?
    /// The byte offset in `sql` that SQLite points at, if it reports one.
    public var offset: Int?

    /// Creates an error.
    public init(code: Int32, message: String, sql: String? = nil, offset: Int? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
        self.offset = offset
    }

    /// The message, then the statement: `no such table: x - while executing `select * from x``.
    public var description: String {
        guard let sql else { return message }
        return "\(message) - while executing `\(sql)`"
    }

    /// The 1-based line and column of `offset` in `sql`, if both are known.
    public var position: (line: Int, column: Int)? {
        guard let sql, let offset else { return nil }
        return SQLText.position(ofByteOffset: offset, in: sql)
    }
}

/// Small helpers over SQL text.
enum SQLText {
    /// Quotes an identifier for SQLite: `a"b` → `"a""b"`.
    static func quote(_ identifier: String) -> String {
        "\"" + identifier.doublingQuotes + "\""
    }

    /// The 1-based line and character column of a UTF-8 byte offset in `text`.
    static func position(ofByteOffset offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for byte in text.utf8.prefix(max(offset, 0)) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
