import Foundation

/// Builds the warehouse in a PostgreSQL schema and publishes it, so the published tables change
/// only when everything loaded.
///
/// 1. Connect (`search_path` = `<schema>_next`) and take a session advisory lock on the schema
///    name, so two builds into one schema (from any machine) run one after the other.
/// 2. `build`: in ONE transaction, drop and create `<schema>_next`, load every source through
///    `COPY … FROM STDIN` (`Staging`, `PostgresWriter`), check keys and references, and run the models as
///    `CREATE TABLE … AS` in dependency order. Any failure — a bad row, a failing model, a server
///    that dies or a backend that is terminated — rolls it all back.
/// 3. The caller tests and queries `<schema>_next` through `connection` (a `WarehouseEngine`).
/// 4. `publish`: in one short transaction, rename `<schema>` away, rename `<schema>_next` to
///    `<schema>` and drop the old one. Until then the previously published tables are untouched.
public final class PostgresWarehouse {
    /// Where the warehouse lives.
    public let location: PostgresLocation
    /// The build's connection: reads `<schema>_next` until `publish()`, then `<schema>`.
    public let connection: PostgresConnection
    private var built = false

    /// Connects and takes the schema's build lock (waiting for another build to finish).
    /// - Throws: `DiagnosticsError` naming the host when the server cannot be reached.
    public init(location: PostgresLocation) throws {
        self.location = location
        connection = try PostgresConnection(location, schema: location.nextSchema)
        do {
            _ = try connection.query("SELECT pg_advisory_lock(hashtext($1))", bindings: [.text("podium:" + location.schema)])
        } catch let error as PostgresError {
            throw Self.diagnostics(error, location: location, while: "locking the schema")
        }
    }

    /// Loads the sources and runs the models into a fresh `<schema>_next`, in one transaction.
    /// - Parameters:
    ///   - models: the models in run order (from `WarehouseBuilder.models()` with the `postgres` engine).
    ///   - diagnostics: problems found earlier (reported after the sources' own; nothing is kept
    ///     when there are errors).
    /// - Returns: the staged tables and the models with their row counts.
    /// - Throws: `DiagnosticsError` for problems in the sources and models, and when the server fails.
    public func build(projectRoot: URL, sources: [SourceSpec], models: [ModelSpec],
                      diagnostics: DiagnosticCollector = DiagnosticCollector()) throws -> WarehouseSummary {
        let next = SQLText.quote(location.nextSchema)
        do {
            let summary = try connection.transaction { () throws -> WarehouseSummary in
                try connection.execute("DROP SCHEMA IF EXISTS \(next) CASCADE; CREATE SCHEMA \(next)")
                var tables: [StagedTable] = []
                var problems: [Diagnostic] = []
                do {
                    tables = try Staging(projectRoot: projectRoot, sources: sources)
                        .load(into: connection, schema: location.nextSchema)
                } catch let error as DiagnosticsError {
                    problems = error.diagnostics
                }
                if !problems.isEmpty || diagnostics.hasErrors {
                    throw DiagnosticsError(problems + diagnostics.diagnostics.filter { $0.severity == .error })
                }
                let ran = try Models.run(models, with: PostgresWriter(connection: connection, schema: location.nextSchema))
                return WarehouseSummary(tables: tables, models: ran)
            }
            built = true
            return summary
        } catch let error as PostgresError {
            throw Self.diagnostics(error, location: location, while: "loading")
        }
    }

    /// Swaps `<schema>_next` in as `<schema>`, in one transaction, and points `connection` at it
    /// (nothing to do when this build did not load `<schema>_next`).
    public func publish() throws {
        guard built else { return }
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
            throw Self.diagnostics(error, location: location, while: "publishing")
        }
    }

    /// Drops `<schema>_next` if a build left it unpublished (after a later stage failed).
    public func discard() {
        guard built else { return }
        try? connection.execute("DROP SCHEMA IF EXISTS \(SQLText.quote(location.nextSchema)) CASCADE")
        built = false
    }

    deinit {
        discard()
        connection.close()
    }

    /// A server failure as a diagnostic that says the published tables were left as they were.
    static func diagnostics(_ error: PostgresError, location: PostgresLocation, while doing: String) -> DiagnosticsError {
        let what = error.connectionLost ? "the connection to the PostgreSQL warehouse was lost while \(doing)"
            : "the PostgreSQL warehouse failed while \(doing)"
        return DiagnosticsError(.error(
            "\(what): \(error.message)", at: location.origin,
            notes: doing == "querying" ? [] : [.init("the published schema '\(location.schema)' was left as it was")],
            hint: "check the server (\(location.displayURL)) and build again"))
    }
}

// MARK: - The build pipeline's PostgreSQL branch

extension PostgresWarehouse {
    /// The warehouse stage of a build: a full rebuild into `<schema>_next` (`build`), or, when
    /// `fresh` is given (nothing changed since the last build), the published schema as it is.
    func prepare(fresh: WarehouseSummary?, projectRoot: URL, sources: [SourceSpec], models: [ModelSpec],
                 diagnostics: DiagnosticCollector) throws -> WarehouseSummary {
        if let fresh, try connection.schemaExists(location.schema) {
            try diagnostics.throwIfErrors()
            try connection.execute("SET search_path TO \(SQLText.quote(location.schema))")
            return fresh
        }
        let summary = try build(projectRoot: projectRoot, sources: sources, models: models, diagnostics: diagnostics)
        try diagnostics.throwIfErrors()
        return summary
    }
}

extension PostgresLocation {
    /// Stands in for the warehouse file's stamp in the build state: it names the server, database
    /// and schema, so a build against another warehouse never counts it as fresh.
    var stamp: FileStamp {
        FileStamp(sha256: SHA256.hex("postgres\n\(url)\n\(schema)"), size: 0, modified: 0, inode: 0)
    }
}

extension ChartQueries {
    /// Queries the PostgreSQL warehouse (results are keyed apart from SQLite's).
    mutating func use(_ warehouse: PostgresWarehouse) {
        let connection = warehouse.connection
        connect = { _ in WarehouseWorkers(engines: [connection]) }
        tool += "+postgres"
    }
}
