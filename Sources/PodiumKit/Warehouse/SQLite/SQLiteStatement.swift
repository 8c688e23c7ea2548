import CSQLite

/// A prepared statement: bind parameters, step through rows, reset, read columns.
///
/// Parameter and column indexes follow SQLite: parameters are 1-based, columns 0-based.
/// The statement keeps its database open and is finalized when it is released.
public final class SQLiteStatement {
    /// The database the statement belongs to.
    public let database: SQLiteDatabase
    /// The statement's SQL.
    public let sql: String
    let handle: OpaquePointer

    init(database: SQLiteDatabase, handle: OpaquePointer, sql: String) {
        self.database = database
        self.handle = handle
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Whether the statement leaves the database unchanged (`sqlite3_stmt_readonly`).
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    // MARK: - Binding

    /// Binds an integer to parameter `index` (1-based).
    public func bind(_ value: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    /// Binds a real to parameter `index` (1-based).
    public func bind(_ value: Double, at index: Int32) throws {
        try check(sqlite3_bind_double(handle, index, value))
    }

    /// Binds text to parameter `index` (1-based).
    public func bind(_ value: String, at index: Int32) throws {
        var value = value
        try value.withUTF8 { try bindText($0, at: index) }
    }

    /// Binds UTF-8 bytes as text to parameter `index` (1-based), without making a `String`.
    /// SQLite copies the bytes.
    public func bindText(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int32) throws {
        // A zero-length text needs a non-null pointer, or SQLite binds NULL.
        let empty: UInt8 = 0
        try withUnsafePointer(to: empty) { emptyPointer in
            let pointer = bytes.baseAddress ?? emptyPointer
            let rc = pointer.withMemoryRebound(to: CChar.self, capacity: max(bytes.count, 1)) {
                sqlite3_bind_text(handle, index, $0, Int32(bytes.count), podium_sqlite_transient())
            }
            try check(rc)
        }
    }

    /// Binds `count` UTF-8 bytes at `bytes` as text to parameter `index` (1-based) without
    /// copying them (`SQLITE_STATIC`): the bytes must stay valid and unchanged until the
    /// statement has been stepped and reset, or the parameter rebound. `bytes` must not be null
    /// (SQLite would bind NULL).
    @inline(__always)
    func bindStaticText(_ bytes: UnsafePointer<UInt8>, count: Int, at index: Int32) throws {
        let rc = bytes.withMemoryRebound(to: CChar.self, capacity: max(count, 1)) {
            sqlite3_bind_text(handle, index, $0, Int32(count), nil)
        }
        if rc != SQLITE_OK { throw database.error(code: rc, sql: sql) }
    }

    /// Binds NULL to parameter `index` (1-based).
    public func bindNull(at index: Int32) throws {
        try check(sqlite3_bind_null(handle, index))
    }

    /// Binds any `Value` to parameter `index` (1-based).
    public func bind(_ value: Value, at index: Int32) throws {
        switch value {
        case .null: try bindNull(at: index)
        case .integer(let number): try bind(number, at: index)
        case .real(let number): try bind(number, at: index)
        case .text(let text): try bind(text, at: index)
        }
    }

    /// Binds `values` to parameters 1, 2, …
    public func bind(_ values: [Value]) throws {
        for (offset, value) in values.enumerated() { try bind(value, at: Int32(offset + 1)) }
    }

    // MARK: - Running

    /// Runs the statement one step.
    /// - Returns: `true` if a row is available, `false` when the statement is done.
    /// - Throws: `SQLiteError` with SQLite's message and this statement's SQL.
    @discardableResult
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw database.error(code: rc, sql: sql)
    }

    /// Resets the statement so it can run again; bindings are kept.
    public func reset() throws {
        try check(sqlite3_reset(handle))
    }

    // MARK: - Columns

    /// The number of result columns.
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// The name of result column `index` (0-based).
    public func columnName(_ index: Int) -> String {
        sqlite3_column_name(handle, Int32(index)).map { String(cString: $0) } ?? ""
    }

    /// The value of result column `index` (0-based) in the current row.
    public func value(at index: Int) -> Value {
        let column = Int32(index)
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
        case SQLITE_NULL: return .null
        default:
            // Text, and blobs read as text.
            guard let bytes = sqlite3_column_text(handle, column) else { return .null }
            let count = Int(sqlite3_column_bytes(handle, column))
            return .text(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
        }
    }

    /// The current row's values.
    public func row() -> [Value] { (0..<columnCount).map { value(at: $0) } }

    private func check(_ rc: Int32) throws {
        if rc != SQLITE_OK { throw database.error(code: rc, sql: sql) }
    }
}
