extension DataTestRunner {
    /// The condition a row of a `unique` test fails: its value was seen in an earlier row.
    static func uniqueCondition(_ column: String, table: String, _ dialect: SQLDialect) -> Condition {
        let quoted = SQLText.quote(column), rowid = dialect.rowOrder
        return Condition(sql: """
            \(rowid) IN (SELECT _r FROM (SELECT \(rowid) AS _r, row_number() OVER (PARTITION BY \(quoted) ORDER BY \(rowid)) AS _n \
            FROM \(SQLText.quote(table)) WHERE \(quoted) IS NOT NULL)\(dialect.subqueryAlias("_d")) WHERE _n > 1)
            """, bindings: [], what: ("repeats a value seen in an earlier row", "repeat a value seen in an earlier row"))
    }

    /// Whether the non-null values of `column` only increase in row order: then no value
    /// repeats, with no sort. Keys written in order (a line number, an id counted up) pass
    /// here in one scan, where `count(DISTINCT)` sorts the column; the scan stops at the first
    /// value that does not increase. Only where the dialect scans in row order (SQLite: `rowid` order for free).
    static func increases(_ column: String, table: String, on database: any WarehouseEngine) throws -> Bool {
        guard database.dialect.scansInRowOrder else { return false }
        let quoted = SQLText.quote(column)
        var previous: Value?
        var increasing = true
        try database.scanRows("SELECT \(quoted) FROM \(SQLText.quote(table)) WHERE \(quoted) IS NOT NULL ORDER BY \(database.dialect.rowOrder)") { row in
            if let previous, !precedes(previous, row[0]) {
                increasing = false
                return false
            }
            previous = row[0]
            return true
        }
        return increasing
    }

    /// `a < b` for two values of one kind, as SQLite orders them (text byte by byte, the BINARY
    /// collation); false for values of different kinds, which the caller leaves to SQL.
    static func precedes(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case let (.integer(x), .integer(y)): x < y
        case let (.real(x), .real(y)): x < y
        case let (.text(x), .text(y)): x.utf8.lexicographicallyPrecedes(y.utf8)
        default: false
        }
    }
}
