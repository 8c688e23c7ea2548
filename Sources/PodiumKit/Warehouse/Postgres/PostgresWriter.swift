import Foundation

/// PostgreSQL builds its warehouse through one connection whose `search_path` is the schema being
/// built (`schema`): staging tables are created there and filled through `COPY … FROM STDIN`. The
/// caller owns the transaction; a failing statement is undone to a savepoint, so one duplicate
/// key or failing model does not abort the rest.
struct PostgresWriter: WarehouseWriter {
    let connection: PostgresConnection
    let schema: String

    var dialect: SQLDialect { .postgres }

    func rows(_ sql: String) throws -> QueryResult {
        try connection.query(sql)
    }

    func createStagingTable(_ table: StagedTable) throws {
        try connection.execute("CREATE TABLE \(qualified(table.name)) (\(dialect.stagingColumns(of: table)))")
    }

    func loadRows(into table: StagedTable, layout: StagingLayout, path: String, maxErrors: Int,
                  _ load: (inout RowValidator<CopyRowSink<any Error>>) throws -> Void) throws -> RowValidator<CopyRowSink<any Error>> {
        var loaded: RowValidator<CopyRowSink<any Error>>?
        try connection.copyIn("COPY \(qualified(table.name)) FROM STDIN") { send in
            try withoutActuallyEscaping(send) { send in
                var validator = RowValidator(layout: layout, path: path, maxErrors: maxErrors, sink: CopyRowSink(send: send))
                try load(&validator)
                try validator.finish()  // lets go of `send`
                loaded = validator
            }
        }
        return loaded!
    }

    /// Builds the index inside a savepoint: a duplicate value (`unique_violation`) undoes it alone.
    func addUniqueIndex(on table: String, columns: [String]) throws -> Bool {
        try connection.execute("SAVEPOINT podium_key")
        do {
            try connection.execute("CREATE UNIQUE INDEX ON \(SQLText.quote(table)) (\(columns.map(SQLText.quote).joined(separator: ", ")))")
            try connection.execute("RELEASE SAVEPOINT podium_key")
            return true
        } catch let error as PostgresError where error.sqlState == "23505" {
            try connection.execute("ROLLBACK TO SAVEPOINT podium_key")
            return false
        }
    }

    /// An index on a referenced column that is not the target's key, for the anti-join.
    func prepareReferenceTarget(_ column: String, of table: String, isKey: Bool) throws {
        guard !isKey else { return }
        try connection.execute("""
            CREATE INDEX IF NOT EXISTS \(SQLText.quote(table + "__" + column)) ON \(SQLText.quote(table)) (\(SQLText.quote(column)))
            """)
    }

    /// The model in a savepoint, so one failing model does not abort the others' transaction. A lost
    /// connection is thrown.
    func createTable(_ name: String, as query: String) throws -> (message: String, position: (line: Int, column: Int)?)? {
        let prefix = "CREATE TABLE \(SQLText.quote(name)) AS "
        do {
            try connection.execute("SAVEPOINT podium_model")
            try connection.execute(prefix + query)
            try connection.execute("RELEASE SAVEPOINT podium_model")
            return nil
        } catch let error as PostgresError where !error.connectionLost {
            try connection.execute("ROLLBACK TO SAVEPOINT podium_model")
            let position = error.characterPosition.flatMap { position in
                position > prefix.count ? PostgresError.position(ofCharacter: position - prefix.count, in: query) : nil
            }
            return (error.message, position)
        }
    }

    private func qualified(_ table: String) -> String {
        "\(SQLText.quote(schema)).\(SQLText.quote(table))"
    }
}

/// Staging into PostgreSQL is the shared `Staging`.
typealias PostgresStaging = Staging

extension Staging {
    /// Loads every source into `schema` (which must exist, and be the connection's `search_path`)
    /// and checks keys and references. The caller owns the transaction.
    /// - Returns: the staged tables, in the order of `sources`.
    /// - Throws: `DiagnosticsError` with every problem in any source; `PostgresError` when the
    ///   server fails.
    func load(into connection: PostgresConnection, schema: String) throws -> [StagedTable] {
        try stage(into: PostgresWriter(connection: connection, schema: schema)).checkedTables()
    }
}
