import Foundation

/// The warehouse in a PostgreSQL schema, as a `WarehouseBackend`: built into `<schema>_next` and
/// published by renaming it, so the published tables change only when everything loaded.
///
/// 1. Connect on first use (`search_path` = `<schema>_next`) and take a session advisory lock on
///    the schema name, so two builds into one schema (from any machine) run one after the other.
/// 2. `prepare`: in ONE transaction, drop and create `<schema>_next`, load every source through
///    `COPY … FROM STDIN` (`Staging`, `PostgresWriter`), check keys and references, and run the
///    models as `CREATE TABLE … AS` in dependency order. Any failure — a bad row, a failing model,
///    a server that dies or a backend that is terminated — rolls it all back. With nothing
///    changed since the last build, the published schema is read as it is instead.
/// 3. The caller tests and queries it through the same connection (`readers(count:)`).
/// 4. `publish`: in one short transaction, rename `<schema>` away, rename `<schema>_next` to
///    `<schema>` and drop the old one. Until then the previously published tables are untouched.
final class PostgresWarehouse: WarehouseBackend {
    /// Where the warehouse lives.
    let location: PostgresLocation
    private var openConnection: PostgresConnection?
    private var built = false

    init(location: PostgresLocation) {
        self.location = location
    }

    var dialect: SQLDialect { .postgres }
    var identity: String { fileStamp.sha256 }
    /// One connection: its readers take turns.
    var concurrentReaders: (@Sendable (_ count: Int) throws -> WarehouseWorkers)? { nil }
    var size: Int64? { nil }
    var cacheKeySuffix: String { "+postgres" }

    /// Stands in for the warehouse file's stamp in the build state: it names the server, database
    /// and schema, so a build against another warehouse never counts it as fresh.
    private var fileStamp: FileStamp {
        FileStamp(sha256: SHA256.hex("postgres\n\(location.url)\n\(location.schema)"), size: 0, modified: 0, inode: 0)
    }

    func stamp() -> FileStamp? { fileStamp }

    func matches(_ previous: FileStamp?) -> Bool { previous == fileStamp }

    /// Nothing: an unpublished `<schema>_next` is dropped by the next build.
    func removeLeftovers() {}

    func removeFiles() throws -> [String] { [] }

    /// The build's connection: reads `<schema>_next` until `publish()`, then `<schema>`.
    /// - Throws: `DiagnosticsError` naming the host when the server cannot be reached.
    func connection() throws -> PostgresConnection {
        if let openConnection { return openConnection }
        let connection = try PostgresConnection(location, schema: location.nextSchema)
        do {
            _ = try connection.query("SELECT pg_advisory_lock(hashtext($1))", bindings: [.text("podium:" + location.schema)])
        } catch let error as PostgresError {
            throw diagnostics(error, while: "locking the schema")
        }
        openConnection = connection
        return connection
    }

    func prepare(fresh: WarehouseSummary?, base: WarehouseSummary?, projectRoot: URL, sources: [SourceSpec],
                 models: [ModelSpec], earlierProblems: () -> [Diagnostic],
                 besideModels: ReadsBesideModels?) throws -> WarehouseSummary {
        let connection = try connection()
        if let fresh, try connection.schemaExists(location.schema) {
            let errors = earlierProblems().filter { $0.severity == .error }
            if !errors.isEmpty { throw DiagnosticsError(errors) }
            try connection.execute("SET search_path TO \(SQLText.quote(location.schema))")
            return fresh
        }
        return try build(projectRoot: projectRoot, sources: sources, models: models, earlierProblems: earlierProblems)
    }

    /// Loads the sources and runs the models into a fresh `<schema>_next`, in one transaction.
    private func build(projectRoot: URL, sources: [SourceSpec], models: [ModelSpec],
                       earlierProblems: () -> [Diagnostic]) throws -> WarehouseSummary {
        let connection = try connection()
        let next = SQLText.quote(location.nextSchema)
        let writer = PostgresWriter(connection: connection, schema: location.nextSchema)
        do {
            let summary = try connection.transaction { () throws -> WarehouseSummary in
                try connection.execute("DROP SCHEMA IF EXISTS \(next) CASCADE; CREATE SCHEMA \(next)")
                var tables: [StagedTable] = []
                var problems: [Diagnostic] = []
                do {
                    tables = try Staging(projectRoot: projectRoot, sources: sources).stage(into: writer).checkedTables()
                } catch let error as DiagnosticsError {
                    problems = error.diagnostics
                }
                // Source problems first, then those found earlier (models, pages).
                let earlier = earlierProblems().filter { $0.severity == .error }
                if !problems.isEmpty || !earlier.isEmpty { throw DiagnosticsError(problems + earlier) }
                return WarehouseSummary(tables: tables, models: try Models.run(models, with: writer))
            }
            built = true
            return summary
        } catch let error as PostgresError {
            throw diagnostics(error, while: "loading")
        }
    }

    func readers(count: Int) throws -> WarehouseWorkers {
        WarehouseWorkers(engines: [try connection()])
    }

    /// Swaps `<schema>_next` in as `<schema>`, in one transaction, and points the connection at it
    /// (nothing to do when this build did not load `<schema>_next`).
    func publish() throws {
        guard built, let connection = openConnection else { return }
        let schema = SQLText.quote(location.schema), old = SQLText.quote(location.schema + "_old")
        do {
            try connection.transaction {
                try connection.execute("DROP SCHEMA IF EXISTS \(old) CASCADE")
                if try connection.schemaExists(location.schema) {
                    try connection.execute("ALTER SCHEMA \(schema) RENAME TO \(old)")
                }
                try connection.execute("""
                    ALTER SCHEMA \(SQLText.quote(location.nextSchema)) RENAME TO \(schema);
                    DROP SCHEMA IF EXISTS \(old) CASCADE
                    """)
            }
            try connection.execute("SET search_path TO \(schema)")
            built = false
        } catch let error as PostgresError {
            throw diagnostics(error, while: "publishing")
        }
    }

    /// Drops `<schema>_next` if a build left it unpublished (after a later stage failed).
    func discard() {
        guard built, let connection = openConnection else { return }
        try? connection.execute("DROP SCHEMA IF EXISTS \(SQLText.quote(location.nextSchema)) CASCADE")
        built = false
    }

    deinit {
        discard()
        openConnection?.close()
    }

    /// Opens a connection to the published schema (none when it does not exist yet).
    func readPublished<R>(_ body: (any WarehouseEngine) throws -> R) throws -> R? {
        let connection = try PostgresConnection(location, schema: location.schema)
        defer { connection.close() }
        guard try connection.schemaExists(location.schema) else { return nil }
        do {
            return try body(connection)
        } catch let error as PostgresError {
            throw diagnostics(error, while: "querying")
        }
    }

    func diagnosed(_ error: any Error, while doing: String) -> any Error {
        guard let error = error as? PostgresError else { return error }
        return diagnostics(error, while: doing)
    }

    /// A server failure as a diagnostic that says the published tables were left as they were.
    private func diagnostics(_ error: PostgresError, while doing: String) -> DiagnosticsError {
        let what = error.connectionLost ? "the connection to the PostgreSQL warehouse was lost while \(doing)"
            : "the PostgreSQL warehouse failed while \(doing)"
        return DiagnosticsError(.error(
            "\(what): \(error.message)", at: location.origin,
            notes: doing == "querying" ? [] : [.init("the published schema '\(location.schema)' was left as it was")],
            hint: "check the server (\(location.displayURL)) and build again"))
    }
}
