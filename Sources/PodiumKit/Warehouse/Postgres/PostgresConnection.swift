import CLibPQ
import Foundation

/// A connection to a PostgreSQL server: a thin wrapper over libpq.
///
/// It connects from a `PostgresLocation` (the password comes from `PGPASSWORD` or `~/.pgpass`,
/// as libpq reads them, and is never put in a message), silences the server's notices (PodiumKit
/// never prints), and works in one schema: `search_path` is set to it, so models and queries name
/// tables without a schema. As a `WarehouseEngine` it runs each query in a `BEGIN READ ONLY`
/// transaction of its own.
public final class PostgresConnection {
    /// Where the connection goes.
    public let location: PostgresLocation
    private var handle: OpaquePointer?

    /// Connects and sets `search_path` to `schema` (quoted; it need not exist yet).
    /// - Throws: `DiagnosticsError` naming the host, port and database when the connection fails.
    public init(_ location: PostgresLocation, schema: String) throws {
        self.location = location
        if let reason = podium_pq_unavailable() {
            throw DiagnosticsError(.error(
                "cannot use the PostgreSQL warehouse: PostgreSQL's client library could not be loaded (\(String(cString: reason)))",
                at: location.origin, hint: "install it: apt-get install -y libpq5"))
        }
        let keywords = ["dbname", "application_name", "connect_timeout", "client_encoding"]
        let values = [location.url, "podium", "10", "UTF8"]
        let connection = withCStrings(keywords) { keys in
            withCStrings(values) { vals in PQconnectdbParams(keys, vals, 1) }
        }
        guard let connection else {
            throw DiagnosticsError(.error("cannot connect to the PostgreSQL warehouse: out of memory", at: location.origin))
        }
        handle = connection
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        guard PQstatus(connection) == CONNECTION_OK else {
            let reason = redact(Self.text(PQerrorMessage(connection)))
                .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            let host = Self.text(PQhost(connection)), port = Self.text(PQport(connection))
            let database = Self.text(PQdb(connection))
            PQfinish(connection)
            handle = nil
            throw DiagnosticsError(.error(
                "cannot connect to the PostgreSQL warehouse at host \(host.isEmpty ? "localhost" : host)"
                    + "\(port.isEmpty ? "" : ", port \(port)"), database \(database): \(reason)",
                at: location.origin,
                hint: "check that the server is running and the URL is right; a password goes in PGPASSWORD or ~/.pgpass"))
        }
        try execute("SET search_path TO \(SQLText.quote(schema))")
    }

    deinit { if let handle { PQfinish(handle) } }

    /// Closes the connection now; later calls fail. Closing twice is harmless.
    public func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    /// The server process serving this connection (for `pg_terminate_backend` in tests).
    public var backendPID: Int { handle.map { Int(PQbackendPID($0)) } ?? 0 }

    // MARK: - Statements

    /// Runs one or more statements separated by `;`, discarding any rows.
    /// - Throws: `PostgresError` with the server's message.
    public func execute(_ sql: String) throws {
        let result = PQexec(try open(), sql)
        defer { PQclear(result) }
        try check(result, sql: sql)
    }

    /// Runs one statement (parameters `$1`, `$2`, … bound to `bindings`) and returns its rows.
    /// It is not wrapped in a transaction of its own; see `readQuery(_:bindings:)`.
    /// - Throws: `PostgresError` if it fails or holds more than one statement.
    public func query(_ sql: String, bindings: [Value] = []) throws -> QueryResult {
        let texts: [String?] = bindings.map { value in
            switch value {
            case .null: nil
            case .integer(let number): String(number)
            case .real(let number): "\(number)"
            case .text(let text): text
            }
        }
        let connection = try open()
        let result = withOptionalCStrings(texts) { parameters in
            PQexecParams(connection, sql, Int32(texts.count), nil, parameters, nil, nil, 0)
        }
        defer { PQclear(result) }
        try check(result, sql: sql)
        return Self.rows(of: result!)
    }

    // MARK: - COPY

    /// Runs `COPY … FROM STDIN` (`sql`), handing `body` a function that sends bytes of COPY data.
    /// - Throws: `PostgresError` if the server refuses the data (reported when the copy ends), or
    ///   whatever `body` throws (the copy is then aborted).
    public func copyIn(_ sql: String, _ body: (_ send: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let connection = try open()
        let start = PQexec(connection, sql)
        let status = PQresultStatus(start)
        if status != PGRES_COPY_IN {
            defer { PQclear(start) }
            try check(start, sql: sql)
            throw PostgresError(message: "COPY did not start", sql: sql)
        }
        PQclear(start)
        var failure: (any Error)?
        do {
            try body { bytes in
                guard !bytes.isEmpty else { return }
                let base = bytes.baseAddress!.assumingMemoryBound(to: CChar.self)
                if PQputCopyData(connection, base, Int32(bytes.count)) != 1 {
                    throw self.connectionError(sql: sql)
                }
            }
        } catch {
            failure = error
        }
        if PQputCopyEnd(connection, failure == nil ? nil : "podium stopped the load") != 1 {
            throw failure ?? connectionError(sql: sql)
        }
        var serverError: (any Error)?
        while let result = PQgetResult(connection) {
            do { try check(result, sql: sql) } catch { serverError = serverError ?? error }
            PQclear(result)
        }
        if let error = failure ?? serverError { throw error }
    }

    // MARK: - Schema

    /// Whether `schema` exists.
    public func schemaExists(_ schema: String) throws -> Bool {
        try query("SELECT 1 FROM pg_namespace WHERE nspname = $1", bindings: [.text(schema)]).rows.count == 1
    }

    // MARK: - Internals

    private func open() throws -> OpaquePointer {
        guard let handle else { throw PostgresError(message: "the connection to \(location.displayURL) is closed") }
        return handle
    }

    /// Throws a `PostgresError` unless `result` is a success.
    private func check(_ result: OpaquePointer?, sql: String) throws {
        let status = result.map(PQresultStatus) ?? PGRES_FATAL_ERROR
        switch status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_COPY_IN: return
        default: break
        }
        guard let result else { throw connectionError(sql: sql) }
        func field(_ code: Character) -> String? {
            PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
        }
        let lost = handle.map { PQstatus($0) != CONNECTION_OK } ?? true
        let message = field("M") ?? Self.text(PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)
        throw PostgresError(
            message: redact(message.isEmpty ? (handle.map { Self.text(PQerrorMessage($0)) } ?? "") : message),
            sqlState: field("C"), sql: sql, characterPosition: field("P").flatMap { Int($0) },
            connectionLost: lost)
    }

    private func connectionError(sql: String?) -> PostgresError {
        let message = handle.map { Self.text(PQerrorMessage($0)) } ?? "no connection"
        return PostgresError(message: redact(message.trimmingCharacters(in: .whitespacesAndNewlines)), sql: sql,
                             connectionLost: true)
    }

    /// `text` without the connection's password, should the server or libpq ever quote it.
    private func redact(_ text: String) -> String {
        var text = PostgresLocation.redacted(text)
        if let handle, let pointer = PQpass(handle) {
            let password = String(cString: pointer)
            if password.count >= 1 { text = text.replacingOccurrences(of: password, with: "***") }
        }
        return text
    }

    private static func text(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private static func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    /// The rows of a result, each value typed by its column's type.
    private static func rows(of result: OpaquePointer) -> QueryResult {
        let fields = Int32(PQnfields(result)), count = Int32(PQntuples(result))
        let columns = (0..<fields).map { String(cString: PQfname(result, $0)) }
        let kinds = (0..<fields).map { PostgresValue.Kind(oid: PQftype(result, $0)) }
        var rows: [[Value]] = []
        rows.reserveCapacity(Int(count))
        for row in 0..<count {
            var values: [Value] = []
            values.reserveCapacity(Int(fields))
            for column in 0..<fields {
                if PQgetisnull(result, row, column) == 1 {
                    values.append(.null)
                } else {
                    let bytes = UnsafeBufferPointer(
                        start: UnsafeRawPointer(PQgetvalue(result, row, column)!).assumingMemoryBound(to: UInt8.self),
                        count: Int(PQgetlength(result, row, column)))
                    values.append(PostgresValue.value(bytes, kind: kinds[Int(column)]))
                }
            }
            rows.append(values)
        }
        return QueryResult(columns: columns, rows: rows)
    }
}

extension PostgresConnection: WarehouseEngine {
    /// PostgreSQL.
    public var dialect: SQLDialect { .postgres }

    /// Runs one statement in a `BEGIN READ ONLY` transaction of its own, so it cannot change anything.
    public func readQuery(_ sql: String, bindings: [Value]) throws -> QueryResult {
        try execute("BEGIN READ ONLY")
        defer { try? execute("ROLLBACK") }
        do {
            return try query(sql, bindings: bindings)
        } catch var error as PostgresError where error.sqlState == "25006" {  // read_only_sql_transaction
            error.message = "a query may only read (SELECT or WITH), not change the warehouse (\(error.message))"
            throw error
        }
    }

    /// The tables in the connection's schema, sorted.
    public func tableNames() throws -> [String] {
        try query("""
            SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
            ORDER BY table_name COLLATE "C"
            """).rows.map { $0[0].text }
    }

    /// The columns of `table` in the connection's schema, with their types (`bigint`, `text`, …).
    public func columns(of table: String) throws -> [WarehouseColumn] {
        try query("""
            SELECT column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position
            """, bindings: [.text(table)]).rows.map { WarehouseColumn(name: $0[0].text, declaredType: $0[1].text) }
    }
}

/// Calls `body` with a C array of C strings.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
    withOptionalCStrings(strings + [nil], body)
}

/// Calls `body` with a C array of C strings, nil entries as NULL.
private func withOptionalCStrings<R>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
    let copies = strings.map { $0.map { strdup($0) } ?? nil }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
}

extension PostgresConnection: SQLConnection {}
