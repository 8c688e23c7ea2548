extension DataTestRunner {
    /// What the build knows of a table without reading it: its row count, and for a staging
    /// table the profile staging counted of each column as it inserted the rows (`ColumnTally`).
    struct KnownTable: Sendable {
        var rowCount: Int
        /// By column name: its type and its counted profile (absent where the count gave up).
        var columns: [String: (type: ColumnType, stats: ColumnStats)] = [:]
    }

    /// The known tables of a warehouse build: every staging table and model, by name.
    static func known(_ summary: WarehouseSummary) -> [String: KnownTable] {
        var known: [String: KnownTable] = [:]
        for model in summary.models { known[model.name] = KnownTable(rowCount: model.rowCount) }
        for table in summary.tables {
            var facts = KnownTable(rowCount: table.rowCount)
            for column in table.columns {
                if let stats = column.stats { facts.columns[column.name] = (column.type, stats) }
            }
            known[table.name] = facts
        }
        return known
    }

    /// The result of `test` when the known facts answer it without a query: a `row_count`
    /// always; a `not_null`, `unique`, `range` or `accepted_values` test on a staging column when
    /// the counted profile shows that no row fails. A test that may fail is left to SQL, which
    /// finds the failing rows (the result is then the same as if nothing had been known).
    /// - Parameter columns: the table's columns (an empty sample keeps them).
    func knownResult(_ test: DataTest, _ known: KnownTable, columns: [String], _ dialect: SQLDialect) -> DataTestResult? {
        if case .rowCount(let min, let max) = test.kind {
            return rowCountResult(test, count: known.rowCount, min: min, max: max)
        }
        guard let column = test.column, let (type, stats) = known.columns[column], Self.passes(test.kind, type: type, stats, rows: known.rowCount)
        else { return nil }
        let condition: Condition?
        if case .unique(let column) = test.kind {
            condition = Self.uniqueCondition(column, table: test.table, dialect)
        } else {
            condition = Self.condition(of: test.kind, dialect)
        }
        return condition.map { result(test, count: 0, condition: $0, sample: QueryResult(columns: columns, rows: []), dialect) }
    }

    /// Whether a column of `rows` rows with this counted profile has no row failing the test.
    /// `false` means "not known", not "fails".
    static func passes(_ kind: DataTest.Kind, type: ColumnType, _ stats: ColumnStats, rows: Int) -> Bool {
        switch kind {
        case .notNull:
            return stats.nulls == 0
        case .unique:
            return stats.nulls + stats.distinct == rows
        case .range(_, let min, let max):
            // A number column holds only numbers; its extremes bound every value.
            guard type.storage != .text else { return false }
            guard let low = stats.min?.number, let high = stats.max?.number else { return stats.nulls == rows }
            return (min.map { low >= $0 } ?? true) && (max.map { high <= $0 } ?? true)
        case .acceptedValues(_, let values):
            // Text as SQL compares it, byte by byte (`CAST(x AS TEXT)` leaves text as it is).
            guard type.storage == .text, let texts = stats.texts else { return false }
            return texts.isSubset(of: Set(values.map { Array($0.utf8) }))
        case .references, .rowCount, .check:
            return false
        }
    }
}
