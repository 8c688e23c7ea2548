extension WarehouseEngine {
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
