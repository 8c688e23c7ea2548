/// A connection that runs SQL statements (`SQLiteDatabase`, `PostgresConnection`); what is written
/// once on top of running a statement lives here.
public protocol SQLConnection: AnyObject {
    /// Runs statements that return no rows.
    func execute(_ sql: String) throws
}

extension SQLConnection {
    /// Runs `body` in a transaction: commits if it returns, rolls back if it throws.
    public func transaction<R>(_ body: () throws -> R) throws -> R {
        try execute("BEGIN")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }
}
