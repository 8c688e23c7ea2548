extension WarehouseEngine {
    /// Runs a read-only query and passes each row to `body`, which returns false to stop early.
    ///
    /// SQLite hands the rows over one at a time, so a large result is never held; PostgreSQL's
    /// client (libpq) receives the whole result first.
    /// - Returns: the column names.
    @discardableResult
    func readRows(_ sql: String, bindings: [Value] = [], _ body: ([Value]) throws -> Bool) throws -> [String] {
        if let sqlite = self as? SQLiteDatabase {
            return try sqlite.query(sql, readOnly: true, bindings: bindings, forEachRow: body)
        }
        let result = try readQuery(sql, bindings: bindings)
        for row in result.rows where try !body(row) { break }
        return result.columns
    }

    /// The first `limit` rows of a read-only query and how many rows it returns in all, holding
    /// no more than `limit` rows.
    func readCounted(_ sql: String, bindings: [Value] = [], limit: Int) throws -> (sample: QueryResult, count: Int) {
        var rows: [[Value]] = []
        var count = 0
        let columns = try readRows(sql, bindings: bindings) { row in
            if count < limit { rows.append(row) }
            count += 1
            return true
        }
        return (QueryResult(columns: columns, rows: rows), count)
    }
}
