extension SQLDialect {
    /// PostgreSQL.
    public static let postgres = SQLDialect(
        engine: "postgres", rowOrder: "ctid", parameterPrefix: "$", subqueryNeedsAlias: true,
        // Text is compared byte by byte (`COLLATE "C"`), as SQLite does, so ordering and grouping by
        // text give the same results on both engines whatever the database's locale.
        columnTypes: [.integer: "bigint", .real: "double precision", .text: "text COLLATE \"C\"", .date: "text COLLATE \"C\""],
        scansInRowOrder: false,
        antiJoin: .notExists,
        // A number's text form is checked, so one test fits every column type.
        numberTest: postgresIsNumber,
        // A failed cast is an error rather than 0: only numbers are cast.
        realCast: { column in
            "(CASE WHEN \(postgresIsNumber(column)) THEN CAST(CAST(\(column) AS text) AS double precision) END)"
        })
}

@Sendable private func postgresIsNumber(_ column: String) -> String {
    "(CAST(\(column) AS text) ~ '^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$|^-?Infinity$')"
}
