extension SQLiteDatabase: WarehouseEngine {
    /// SQLite.
    public var dialect: SQLDialect { .sqlite }

    /// `query(sql, readOnly: true, bindings:)`.
    public func readQuery(_ sql: String, bindings: [Value]) throws -> QueryResult {
        try query(sql, readOnly: true, bindings: bindings)
    }

    /// Hands the rows over one at a time, so a large result is never held.
    @discardableResult
    public func readRows(_ sql: String, bindings: [Value], _ body: ([Value]) throws -> Bool) throws -> [String] {
        try query(sql, readOnly: true, bindings: bindings, forEachRow: body)
    }

    /// One buffer holds each row in turn: no array per row, which cost more than the scan itself
    /// for a column of 11 thousand values.
    public func scanRows(_ sql: String, _ body: ([Value]) throws -> Bool) throws {
        let statement = try prepare(sql)
        let count = statement.columnCount
        var row: [Value] = []
        row.reserveCapacity(count)
        while try statement.step() {
            row.removeAll(keepingCapacity: true)
            for index in 0..<count { row.append(statement.value(at: index)) }
            guard try body(row) else { return }
        }
    }
}

extension SQLiteError: WarehouseQueryError {}

extension SQLiteDatabase: SQLConnection {}
