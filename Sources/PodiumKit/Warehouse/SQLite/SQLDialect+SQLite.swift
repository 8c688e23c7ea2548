extension SQLDialect {
    /// SQLite.
    public static let sqlite = SQLDialect(
        engine: "sqlite", rowOrder: "rowid", parameterPrefix: "?", subqueryNeedsAlias: false,
        // Dates are ISO-8601 text: they sort and compare correctly.
        columnTypes: [.integer: "INTEGER", .real: "REAL", .text: "TEXT", .date: "TEXT"],
        scansInRowOrder: true,  // rows come in rowid order for free
        antiJoin: .notIn,
        numberTest: { column in
            "(typeof(\(column)) IN ('integer', 'real') OR (typeof(\(column)) = 'text' "
                + "AND \(column) GLOB '*[0-9]*' AND \(column) NOT GLOB '*[^0-9.eE+-]*'))"
        },
        realCast: { column in "CAST(\(column) AS REAL)" })
}
