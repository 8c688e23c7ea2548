/// A built warehouse that chart queries, data tests and the catalog read: the embedded SQLite file
/// (`SQLiteDatabase`) or a PostgreSQL schema (`PostgresConnection`).
///
/// Everything above the warehouse build talks to this protocol only, so both engines share it.
public protocol WarehouseEngine: AnyObject {
    /// Which engine this is, and the few SQL spellings that differ between engines.
    var dialect: SQLDialect { get }
    /// Runs one statement that may only read, and returns all its rows.
    /// - Parameter bindings: values for the parameters `dialect.parameter(1)`, `dialect.parameter(2)`, …
    /// - Throws: a `WarehouseQueryError` quoting the engine's message; statements that write are refused.
    func readQuery(_ sql: String, bindings: [Value]) throws -> QueryResult
    /// The names of the warehouse's tables, sorted.
    func tableNames() throws -> [String]
    /// The columns of `table`, in table order, with their declared types.
    func columns(of table: String) throws -> [SQLiteDatabase.Column]
}

extension WarehouseEngine {
    /// Runs a read-only query without parameters.
    public func readQuery(_ sql: String) throws -> QueryResult { try readQuery(sql, bindings: []) }

    /// The first column of the first row of a read-only query, or `.null` when there is no row.
    public func readScalar(_ sql: String, bindings: [Value] = []) throws -> Value {
        try readQuery(sql, bindings: bindings).rows.first?.first ?? .null
    }
}

/// A query the warehouse refused or could not run, with the engine's own message.
public protocol WarehouseQueryError: Error {
    /// The engine's message, for example `no such column: gold`.
    var message: String { get }
    /// The 1-based line and column in the SQL the engine points at, if it does.
    var position: (line: Int, column: Int)? { get }
}

/// The SQL spellings that differ between the warehouse engines. Models, chart queries and checks
/// in podium.yaml are written in the SQL both engines share; only Podium's own generated SQL
/// (data tests, staging) uses these.
public struct SQLDialect: Equatable, Sendable {
    /// The engine's name as models name it in `-- engine: <name>`: `sqlite` or `postgres`.
    public var engine: String

    /// SQLite.
    public static let sqlite = SQLDialect(engine: "sqlite")
    /// PostgreSQL.
    public static let postgres = SQLDialect(engine: "postgres")

    /// A column that orders a table's rows as they were inserted: `rowid` or `ctid`.
    public var rowOrder: String { engine == "postgres" ? "ctid" : "rowid" }

    /// The `n`th (1-based) query parameter: `?1` or `$1`.
    public func parameter(_ n: Int) -> String { engine == "postgres" ? "$\(n)" : "?\(n)" }

    /// The alias a subquery in FROM needs (PostgreSQL before 16 requires one; SQLite's SQL is left as it was).
    public func subqueryAlias(_ name: String) -> String { engine == "postgres" ? " AS \(name)" : "" }

    /// A condition true when `column` holds a number, or text that spells one (on PostgreSQL a
    /// number's text form is checked, so one test fits every column type).
    public func isNumber(_ column: String) -> String {
        if engine == "postgres" {
            return "(CAST(\(column) AS text) ~ '^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$|^-?Infinity$')"
        }
        return "(typeof(\(column)) IN ('integer', 'real') OR (typeof(\(column)) = 'text' "
            + "AND \(column) GLOB '*[0-9]*' AND \(column) NOT GLOB '*[^0-9.eE+-]*'))"
    }

    /// `column` as a floating-point number (NULL where it is not a number on PostgreSQL, where a
    /// failed cast is an error rather than 0).
    public func asReal(_ column: String) -> String {
        if engine == "postgres" {
            return "(CASE WHEN \(isNumber(column)) THEN CAST(CAST(\(column) AS text) AS double precision) END)"
        }
        return "CAST(\(column) AS REAL)"
    }
}

extension SQLiteDatabase: WarehouseEngine {
    /// SQLite.
    public var dialect: SQLDialect { .sqlite }

    /// `query(sql, readOnly: true, bindings:)`.
    public func readQuery(_ sql: String, bindings: [Value]) throws -> QueryResult {
        try query(sql, readOnly: true, bindings: bindings)
    }
}

extension SQLiteError: WarehouseQueryError {}
