/// The SQL spellings and abilities that differ between the warehouse engines. Models, chart
/// queries and checks in podium.yaml are written in the SQL both engines share; only Podium's own
/// generated SQL (staging, integrity checks, data tests) uses these. Each engine's folder defines
/// its dialect (`SQLDialect.sqlite`, `SQLDialect.postgres`); code outside those folders asks the
/// dialect, never which engine it is.
public struct SQLDialect: Sendable {
    /// How a query finds the rows of one table whose value is missing from another's column.
    enum AntiJoin: Sendable {
        /// `value NOT IN (SELECT …)`: the engine reads the other column once into a transient index.
        case notIn
        /// `NOT EXISTS (SELECT 1 … WHERE b.c = a.c)`: the engine plans an anti-join (with an index
        /// on the other column).
        case notExists
    }

    /// The engine's name as models name it in `-- engine: <name>`: `sqlite` or `postgres`.
    public var engine: String
    /// A column that orders a table's rows as they were inserted: `rowid` or `ctid`.
    public var rowOrder: String
    /// What a parameter's number follows: `?` or `$`.
    var parameterPrefix: String
    /// Whether a subquery in FROM needs an alias.
    var subqueryNeedsAlias: Bool
    /// The staging column type of each `ColumnType` (text compared byte by byte on every engine).
    var columnTypes: [ColumnType: String]
    /// Whether reading a table `ORDER BY rowOrder` is a plain scan (no sort), so a column can be
    /// checked for increasing values in one pass.
    var scansInRowOrder: Bool
    /// How missing references are found.
    var antiJoin: AntiJoin
    /// See `isNumber(_:)`.
    var numberTest: @Sendable (String) -> String
    /// See `asReal(_:)`.
    var realCast: @Sendable (String) -> String

    /// The `n`th (1-based) query parameter: `?1` or `$1`.
    public func parameter(_ n: Int) -> String { "\(parameterPrefix)\(n)" }

    /// The alias a subquery in FROM needs (PostgreSQL before 16 requires one; SQLite's SQL is left as it was).
    public func subqueryAlias(_ name: String) -> String { subqueryNeedsAlias ? " AS \(name)" : "" }

    /// A condition true when `column` holds a number, or text that spells one.
    public func isNumber(_ column: String) -> String { numberTest(column) }

    /// `column` as a floating-point number (NULL where it is not a number, where a failed cast
    /// would be an error).
    public func asReal(_ column: String) -> String { realCast(column) }

    /// The declared type of a staging column of `type`.
    func columnType(_ type: ColumnType) -> String { columnTypes[type]! }

    /// The column list of a staging table: `_line` (the source line) first, then one column per
    /// source column, with this engine's types.
    func stagingColumns(of table: StagedTable) -> String {
        ([StagingLayout.lineColumn + " " + columnType(.integer)]
            + table.columns.map { "\(SQLText.quote($0.name)) \(columnType($0.type))" }).joined(separator: ", ")
    }
}

extension SQLDialect: Equatable {
    /// Dialects are equal when they are the same engine's.
    public static func == (lhs: SQLDialect, rhs: SQLDialect) -> Bool { lhs.engine == rhs.engine }
}
