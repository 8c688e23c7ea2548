extension SQLiteDatabase: WarehouseEngine {
    /// SQLite.
    public var dialect: SQLDialect { .sqlite }

    /// `query(sql, readOnly: true, bindings:)`.
    public func readQuery(_ sql: String, bindings: [Value]) throws -> QueryResult {
        try query(sql, readOnly: true, bindings: bindings)
    }
}

extension SQLiteError: WarehouseQueryError {}
