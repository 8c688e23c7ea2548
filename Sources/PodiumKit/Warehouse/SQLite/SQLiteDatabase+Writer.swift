import CSQLite

/// SQLite builds its warehouse through the database itself.
extension SQLiteDatabase: WarehouseWriter {
    func rows(_ sql: String) throws -> QueryResult {
        try query(sql, readOnly: false)
    }

    func createStagingTable(_ table: StagedTable) throws {
        let name = SQLText.quote(table.name)
        try execute("""
            DROP TABLE IF EXISTS \(name);
            CREATE TABLE \(name) (\(dialect.stagingColumns(of: table)));
            """)
    }

    func loadRows(into table: StagedTable, layout: StagingLayout, path: String, maxErrors: Int,
                  _ load: (inout RowLoader) throws -> Void) throws -> RowLoader {
        var loader = try RowLoader(layout: layout, table: table, database: self, path: path, maxErrors: maxErrors)
        do {
            try load(&loader)
        } catch {
            loader.sink.abandon()  // its thread is done with the connection before anything else uses it
            throw error
        }
        try loader.finish()
        return loader
    }

    /// `CREATE UNIQUE INDEX "<table>__key"`; SQLite reports duplicates as a constraint failure.
    func addUniqueIndex(on table: String, columns: [String]) throws -> Bool {
        do {
            try execute("""
                CREATE UNIQUE INDEX IF NOT EXISTS \(SQLText.quote(table + "__key")) ON \(SQLText.quote(table)) (\(columns.map(SQLText.quote).joined(separator: ", ")))
                """)
            return true
        } catch let error as SQLiteError where error.code & 0xFF == SQLITE_CONSTRAINT {
            return false
        }
    }

    /// No index: `NOT IN (SELECT …)` reads the target's values once into a transient b-tree (a
    /// correlated NOT EXISTS would scan the target for every row), and a warehouse's indexes must
    /// not depend on whether a reference was proved from the counts (a model's row order follows
    /// the indexes it can use).
    func prepareReferenceTarget(_ column: String, of table: String, isKey: Bool) throws {}

    func createTable(_ name: String, as query: String) throws -> (message: String, position: (line: Int, column: Int)?)? {
        let prefix = "CREATE TABLE \(SQLText.quote(name)) AS "
        do {
            _ = try self.query(prefix + query, readOnly: false)
            return nil
        } catch let error as SQLiteError {
            let position = error.offset.flatMap { offset in
                offset >= prefix.utf8.count ? SQLText.position(ofByteOffset: offset - prefix.utf8.count, in: query) : nil
            }
            return (error.message, position)
        }
    }
}

extension Staging {
    /// Loads every source into `database`, in one transaction, then checks keys and references
    /// across all of them.
    /// - Parameter existing: tables already in `database` from an earlier build whose source did not
    ///   change; they are not reloaded, but take part in the checks.
    /// - Returns: The staged tables, in the order of `sources`.
    /// - Throws: `DiagnosticsError` with every problem found in any source.
    public func load(into database: SQLiteDatabase, reusing existing: [StagedTable] = []) throws -> [StagedTable] {
        try database.transaction { try stage(into: database, reusing: existing) }.checkedTables()
    }
}

extension Models {
    /// Runs each model, in the given order, in `database` (`run(_:with:)`).
    @discardableResult
    public static func run(_ ordered: [ModelSpec], in database: SQLiteDatabase) throws -> [WarehouseSummary.Model] {
        try run(ordered, with: database)
    }
}
