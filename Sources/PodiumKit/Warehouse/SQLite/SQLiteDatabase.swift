import CSQLite
import Foundation

/// A connection to a SQLite database file: a thin wrapper over the C API.
///
/// Errors are `SQLiteError`s carrying SQLite's own message and the SQL. The connection closes
/// when the object is released (or earlier, with `close()`).
public final class SQLiteDatabase {
    /// How to open the file.
    public enum Mode: Sendable {
        /// Read and write; create the file if it does not exist.
        case readWrite
        /// Read only (`SQLITE_OPEN_READONLY`); the file must exist.
        case readOnly
        /// Read only, in a file another connection writes in WAL mode at the same time: each
        /// statement sees what was committed when it started (`readOnly` keeps a lock that
        /// would keep the writer out).
        case readOnlyBesideWriter
    }

    /// A column of a table: its name and declared type.
    public typealias Column = WarehouseColumn

    /// The file path (`:memory:` for an in-memory database).
    public let path: String
    private(set) var handle: OpaquePointer?

    /// Opens (or, in `.readWrite` mode, creates) the database at `path`.
    /// - Throws: `SQLiteError` if the file cannot be opened.
    public init(path: String, mode: Mode = .readWrite) throws {
        _ = Self.configured
        self.path = path
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        flags |= mode == .readWrite ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READONLY
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_close_v2(db)
            throw SQLiteError(code: rc, message: "cannot open database \(path): \(message)")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        if mode == .readOnlyBesideWriter {
            // Before any statement: one that reads the schema (`PRAGMA cache_size` does) may meet
            // the writer holding the log's index for a moment, and would fail at once.
            sqlite3_busy_timeout(db, 10_000)
        }
        if mode == .readOnly {
            // Keep the shared lock from the first read on: otherwise every statement locks and
            // unlocks the file, looks for a hot journal and re-reads the header (hundreds of
            // system calls for the data tests). It only keeps writers out while this connection
            // is open; builds never write a warehouse in place, they rename a new one over it.
            try execute("PRAGMA locking_mode = EXCLUSIVE")
        }
    }

    /// Process-wide settings, applied once before the first connection initializes SQLite:
    /// no memory statistics (Podium never reads them, and keeping them locks a global mutex on
    /// every allocation: 1.5 % of a cold Tokyo build's instructions).
    private static let configured: Void = { _ = podium_sqlite_disable_memstatus() }()

    /// Lets SQLite sort with helper threads (`PRAGMA threads`): on a machine with more cores than
    /// `busy` connections working at once, each of those connections may use the idle cores for
    /// the sorts of a large GROUP BY, DISTINCT, ORDER BY or CREATE INDEX. On the Tokyo ×1000
    /// warehouse (11 M rows) one helper thread took a two-column GROUP BY from 5.4 s to 3.9 s
    /// on two cores; more threads than idle cores were slower again.
    func sortOnIdleCores(busy: Int = 1) throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let helpers = Swift.max(0, cores / Swift.max(1, busy) - 1)
        try execute("PRAGMA threads = \(helpers)")
    }

    /// A new, empty in-memory database.
    public static func inMemory() throws -> SQLiteDatabase {
        try SQLiteDatabase(path: ":memory:")
    }

    deinit { sqlite3_close_v2(handle) }

    /// Closes the connection now. Later calls fail; closing twice is harmless.
    public func close() throws {
        guard let db = handle else { return }
        let rc = sqlite3_close_v2(db)
        if rc != SQLITE_OK { throw error(code: rc, sql: nil) }
        handle = nil
    }

    // MARK: - Statements

    /// Runs one or more statements separated by `;`, discarding any rows.
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(try open(), sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
            // No offset: sqlite3_exec reports it within the failing statement, not within `sql`.
            throw SQLiteError(code: rc, message: text, sql: sql)
        }
    }

    /// Prepares the first statement of `sql`.
    /// - Throws: `SQLiteError` if it does not compile, or if `sql` holds no statement.
    public func prepare(_ sql: String) throws -> SQLiteStatement {
        let (statement, _) = try prepareFirst(sql)
        guard let statement else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "no SQL statement", sql: sql)
        }
        return statement
    }

    /// Runs a query and returns all its rows.
    ///
    /// With `readOnly`, the query must be exactly one statement that cannot change anything:
    /// writes, schema changes, `ATTACH`/`DETACH`, transactions and setting pragmas are refused
    /// with `SQLITE_AUTH` before anything runs.
    /// - Parameters:
    ///   - sql: The query.
    ///   - readOnly: Whether to refuse anything but one read-only statement.
    ///   - bindings: Values for the parameters `?1`, `?2`, …
    public func query(_ sql: String, readOnly: Bool = true, bindings: [Value] = []) throws -> QueryResult {
        var rows: [[Value]] = []
        let columns = try query(sql, readOnly: readOnly, bindings: bindings) { rows.append($0); return true }
        return QueryResult(columns: columns, rows: rows)
    }

    /// Runs a query like `query(_:readOnly:bindings:)`, passing each row to `body` as it is read
    /// instead of holding them all; `body` returns false to stop early.
    /// - Returns: the column names.
    @discardableResult
    public func query(_ sql: String, readOnly: Bool = true, bindings: [Value] = [],
                      forEachRow body: ([Value]) throws -> Bool) throws -> [String] {
        let (first, rest) = readOnly ? try withReadOnlyAuthorizer { try prepareFirst(sql) } : try prepareFirst(sql)
        guard let statement = first else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "no SQL statement", sql: sql)
        }
        if readOnly {
            if try prepareFirst(rest).statement != nil {
                throw SQLiteError(code: SQLITE_AUTH, message: "a query must be a single statement", sql: sql)
            }
            guard statement.isReadOnly else {
                throw SQLiteError(code: SQLITE_AUTH, message: Self.readOnlyMessage, sql: sql)
            }
        } else if try prepareFirst(rest).statement != nil {
            throw SQLiteError(code: SQLITE_MISUSE, message: "a query must be a single statement", sql: sql)
        }
        try statement.bind(bindings)
        let columns = (0..<statement.columnCount).map { statement.columnName($0) }
        while try statement.step(), try body(statement.row()) {}
        return columns
    }

    /// The first column of the first row of `sql`, or `.null` when there is no row.
    public func scalar(_ sql: String, _ bindings: [Value] = []) throws -> Value {
        let statement = try prepare(sql)
        try statement.bind(bindings)
        return try statement.step() ? statement.value(at: 0) : .null
    }

    // MARK: - Schema

    /// The names of the user tables, sorted.
    public func tableNames() throws -> [String] {
        try query(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        ).rows.map { $0[0].text }
    }

    /// The columns of `table`, in table order.
    public func columns(of table: String) throws -> [Column] {
        try query("SELECT name, type FROM pragma_table_info(?1)", bindings: [.text(table)]).rows.map {
            Column(name: $0[0].text, declaredType: $0[1].text)
        }
    }

    // MARK: - Internals

    private static let readOnlyMessage = "a query may only read (SELECT or WITH), not change the warehouse"

    func error(code: Int32, sql: String?) -> SQLiteError {
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
        return SQLiteError(code: code, message: message, sql: sql, offset: sql == nil ? nil : errorOffset())
    }

    private func errorOffset() -> Int? {
        guard let handle else { return nil }
        let offset = Int(sqlite3_error_offset(handle))
        return offset >= 0 ? offset : nil
    }

    private func open() throws -> OpaquePointer {
        guard let handle else { throw SQLiteError(code: SQLITE_MISUSE, message: "database \(path) is closed") }
        return handle
    }

    /// Prepares the first statement of `sql`; returns it (nil if `sql` holds only whitespace and
    /// comments) and the text after it.
    private func prepareFirst(_ sql: String) throws -> (statement: SQLiteStatement?, rest: String) {
        let db = try open()
        var utf8 = Array(sql.utf8)
        utf8.append(0)
        return try utf8.withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { text in
                var stmt: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let rc = sqlite3_prepare_v2(db, text.baseAddress, Int32(buffer.count), &stmt, &tail)
                guard rc == SQLITE_OK else {
                    sqlite3_finalize(stmt)
                    throw error(code: rc, sql: sql)
                }
                let used = tail.map { $0 - text.baseAddress! } ?? (buffer.count - 1)
                let rest = String(decoding: buffer[used..<(buffer.count - 1)], as: UTF8.self)
                return (stmt.map { SQLiteStatement(database: self, handle: $0, sql: sql) }, rest)
            }
        }
    }

    /// Runs `body` with an authorizer that refuses what `sqlite3_stmt_readonly` lets through but
    /// a read-only query must not do: ATTACH, DETACH, transactions, savepoints.
    private func withReadOnlyAuthorizer<R>(_ body: () throws -> R) throws -> R {
        let db = try open()
        defer { sqlite3_set_authorizer(db, nil, nil) }
        sqlite3_set_authorizer(db, { _, action, _, _, _, _ in
            switch action {
            case SQLITE_ATTACH, SQLITE_DETACH, SQLITE_TRANSACTION, SQLITE_SAVEPOINT: return SQLITE_DENY
            default: return SQLITE_OK
            }
        }, nil)
        do {
            return try body()
        } catch var error as SQLiteError where error.code == SQLITE_AUTH {
            error.message = "\(Self.readOnlyMessage) (\(error.message))"
            throw error
        }
    }
}
