/// The connection a warehouse is built through, in the spirit of GRDB's `DatabaseWriter`:
/// staging (`Staging`), the key and reference checks (`Staging+Integrity`) and the models
/// (`Models.run`) are written once against it, and each engine supplies only what differs —
/// its dialect, how rows are written (`Sink`), and the few statements whose best form differs.
///
/// SQLite: `SQLiteDatabase` itself. PostgreSQL: `PostgresWriter` (a connection and the schema
/// being built).
protocol WarehouseWriter {
    /// Where the rows of a staging table go.
    associatedtype Sink: RowSink

    /// The engine's SQL spellings.
    var dialect: SQLDialect { get }

    /// Runs one statement that may write and returns its rows.
    func rows(_ sql: String) throws -> QueryResult

    // MARK: Staging

    /// Creates the staging table `table` (`dialect.stagingColumns(of:)`), replacing one of that name.
    func createStagingTable(_ table: StagedTable) throws
    /// Loads rows into `table`: hands `load` a validator over this engine's sink, which `load`
    /// feeds every record, then finishes the sink.
    /// - Returns: the validator, with its row count, problems and the sink's tallies.
    func loadRows(into table: StagedTable, layout: StagingLayout, path: String, maxErrors: Int,
                  _ load: (inout RowValidator<Sink>) throws -> Void) throws -> RowValidator<Sink>

    // MARK: Integrity

    /// Adds a unique index on `columns` of `table`, for the key check and later joins.
    /// - Returns: false when duplicate values prevent it (the warehouse is left as it was).
    func addUniqueIndex(on table: String, columns: [String]) throws -> Bool
    /// Prepares `column` of `table` to be searched for every value of a reference (an index, where
    /// the engine's anti-join needs one).
    func prepareReferenceTarget(_ column: String, of table: String, isKey: Bool) throws

    // MARK: Models

    /// Runs `CREATE TABLE "<name>" AS <query>`.
    /// - Returns: nil when the table was created; else the engine's message and the 1-based line
    ///   and column of `query` it points to, if any (the warehouse is left as it was).
    /// - Throws: when the warehouse itself fails (a lost connection).
    func createTable(_ name: String, as query: String) throws -> (message: String, position: (line: Int, column: Int)?)?
}
