extension DataTestRunner {
    /// The SQL condition a failing row meets, for the tests that check each row on its own
    /// (`not_null`, `references`, `accepted_values`, `range`); nil for the others.
    struct Condition {
        var sql: String
        var bindings: [Value]
        /// What one failing row does, and what several do, for the result's detail: `has no value`,
        /// `have no value`.
        var what: (one: String, many: String)
    }

    /// The condition of a per-row test. Its parameters are numbered from `firstParameter`.
    static func condition(of kind: DataTest.Kind, _ dialect: SQLDialect, firstParameter: Int = 1) -> Condition? {
        var bindings: [Value] = []
        func parameter(_ value: Value) -> String {
            bindings.append(value)
            return dialect.parameter(firstParameter + bindings.count - 1)
        }
        switch kind {
        case .check, .rowCount, .unique:
            return nil
        case .notNull(let column):
            return Condition(sql: "\(SQLText.quote(column)) IS NULL", bindings: [], what: ("has no value", "have no value"))
        case .references(let column, let target, let targetColumn):
            let quoted = SQLText.quote(column)
            // NOT IN over the target's non-null values: the database hashes or indexes them once,
            // where a correlated NOT EXISTS scans an unindexed target once per row (20× slower here).
            let targetQuoted = SQLText.quote(targetColumn)
            return Condition(sql: """
                \(quoted) IS NOT NULL AND \(quoted) NOT IN (SELECT _t.\(targetQuoted) FROM \(SQLText.quote(target)) AS _t \
                WHERE _t.\(targetQuoted) IS NOT NULL)
                """, bindings: [], what: ("has a value missing from \(target).\(targetColumn)", "have a value missing from \(target).\(targetColumn)"))
        case .acceptedValues(let column, let values):
            let quoted = SQLText.quote(column)
            let parameters = values.map { parameter(.text($0)) }.joined(separator: ", ")
            return Condition(sql: "\(quoted) IS NOT NULL AND CAST(\(quoted) AS TEXT) NOT IN (\(parameters))",
                             bindings: bindings, what: ("has a value that is not accepted", "have a value that is not accepted"))
        case .range(let column, let min, let max):
            let quoted = SQLText.quote(column)
            // Numbers, or text that spells one (a column whose type was inferred as text).
            var outside = ["NOT \(dialect.isNumber(quoted))"]
            if let min { outside.append("\(dialect.asReal(quoted)) < \(parameter(.real(min)))") }
            if let max { outside.append("\(dialect.asReal(quoted)) > \(parameter(.real(max)))") }
            return Condition(sql: "\(quoted) IS NOT NULL AND (\(outside.joined(separator: " OR ")))",
                             bindings: bindings, what: ("is not a number \(bounds(min, max))", "are not numbers \(bounds(min, max))"))
        }
    }

    /// The failing rows of every per-row test in `tests` (all on one table), counted in one
    /// scan of the table instead of one scan per test.
    static func counts(of tests: [DataTest], table: String, on database: any WarehouseEngine) throws -> [Int] {
        var bindings: [Value] = []
        let columns = tests.map { test in
            guard let condition = condition(of: test.kind, database.dialect, firstParameter: bindings.count + 1) else {
                preconditionFailure("\(test.name) is not a per-row test")
            }
            bindings += condition.bindings
            return "count(CASE WHEN \(condition.sql) THEN 1 END)"
        }
        let row = try database.readQuery("SELECT \(columns.joined(separator: ", ")) FROM \(SQLText.quote(table))",
                                         bindings: bindings).rows.first ?? []
        return tests.indices.map { index in index < row.count ? Int(row[index].number ?? 0) : 0 }
    }
}
