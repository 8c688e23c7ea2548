/// A failure reported by PostgreSQL (or by libpq), with the server's message and the SQL that caused it.
public struct PostgresError: Error, Equatable, Sendable, CustomStringConvertible, WarehouseQueryError {
    /// The server's primary message, for example `column "gold" does not exist`.
    public var message: String
    /// The SQLSTATE code (`42703`), if the server sent one.
    public var sqlState: String?
    /// The statement that failed, if any.
    public var sql: String?
    /// The 1-based character position in `sql` the server points at, if it does.
    public var characterPosition: Int?
    /// Whether the connection was lost (server stopped, backend terminated, network failure).
    public var connectionLost: Bool

    /// Creates an error.
    public init(message: String, sqlState: String? = nil, sql: String? = nil, characterPosition: Int? = nil,
                connectionLost: Bool = false) {
        self.message = message
        self.sqlState = sqlState
        self.sql = sql
        self.characterPosition = characterPosition
        self.connectionLost = connectionLost
    }

    /// The message, then the statement.
    public var description: String {
        guard let sql else { return message }
        return "\(message) - while executing `\(sql)`"
    }

    /// The 1-based line and column of `characterPosition` in `sql`.
    public var position: (line: Int, column: Int)? {
        guard let sql, let characterPosition else { return nil }
        return Self.position(ofCharacter: characterPosition, in: sql)
    }

    /// The 1-based line and column of the 1-based character `position` in `text`.
    static func position(ofCharacter position: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for character in text.unicodeScalars.prefix(max(position - 1, 0)) {
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}

extension PostgresError {
    /// Whether the server could not answer at all (`connectionLost`).
    public var isConnectionFailure: Bool { connectionLost }
}
