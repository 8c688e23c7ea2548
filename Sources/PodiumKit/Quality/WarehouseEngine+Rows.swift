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

extension WarehouseEngine {
    /// Runs Podium's own read-only SQL (generated, with quoted names and no user text) and
    /// passes each row to `body`, which returns false to stop early. On SQLite one buffer holds
    /// each row in turn: no array per row, which cost more than the scan itself for a column of
    /// 11 thousand values.
    func scanRows(_ sql: String, _ body: ([Value]) throws -> Bool) throws {
        guard let sqlite = self as? SQLiteDatabase else {
            try readRows(sql, body)
            return
        }
        let statement = try sqlite.prepare(sql)
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
