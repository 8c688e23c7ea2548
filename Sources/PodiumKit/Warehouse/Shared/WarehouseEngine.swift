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
    func columns(of table: String) throws -> [WarehouseColumn]
    /// Runs a read-only query and passes each row to `body`, which returns false to stop early.
    /// By default the whole result is read first; an engine that can hands rows over one at a
    /// time, so a large result is never held.
    /// - Returns: the column names.
    @discardableResult
    func readRows(_ sql: String, bindings: [Value], _ body: ([Value]) throws -> Bool) throws -> [String]
    /// Runs Podium's own read-only SQL (generated, with quoted names and no user text) and passes
    /// each row to `body`, which returns false to stop early. By default `readRows`; an engine
    /// may reuse one buffer for every row.
    func scanRows(_ sql: String, _ body: ([Value]) throws -> Bool) throws
}

extension WarehouseEngine {
    /// Runs a read-only query without parameters.
    public func readQuery(_ sql: String) throws -> QueryResult { try readQuery(sql, bindings: []) }

    /// Reads the whole result, then hands over its rows.
    @discardableResult
    public func readRows(_ sql: String, bindings: [Value], _ body: ([Value]) throws -> Bool) throws -> [String] {
        let result = try readQuery(sql, bindings: bindings)
        for row in result.rows where try !body(row) { break }
        return result.columns
    }

    /// `readRows(sql, body)`.
    public func scanRows(_ sql: String, _ body: ([Value]) throws -> Bool) throws {
        try readRows(sql, bindings: [], body)
    }

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
    /// Whether the connection failed (the warehouse could not answer at all), rather than the query.
    var isConnectionFailure: Bool { get }
}

extension WarehouseQueryError {
    /// A failed query, by default.
    public var isConnectionFailure: Bool { false }
}

/// A column of a warehouse table: its name and declared type.
public struct WarehouseColumn: Equatable, Sendable {
    /// The column name.
    public var name: String
    /// The declared type, for example `INTEGER` or `bigint`; empty when none was declared.
    public var declaredType: String

    /// Creates a column description.
    public init(name: String, declaredType: String) {
        self.name = name
        self.declaredType = declaredType
    }
}
