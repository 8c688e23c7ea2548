/// One model: a SQL query in `models/<name>.sql` that becomes the warehouse table `<name>`.
///
/// Produced by `Models.discover`; ordered by `Models.order`; run by `Models.run`.
public struct ModelSpec: Equatable, Sendable {
    /// The table name: the file name without `.sql`.
    public var name: String
    /// The file path shown in diagnostics, for example `models/dim_country.sql`.
    public var path: String
    /// The query: one SELECT or WITH statement.
    public var sql: String
    /// The models and staging tables the query reads, sorted.
    public var dependencies: [String]

    /// Creates a model.
    public init(name: String, path: String, sql: String, dependencies: [String] = []) {
        self.name = name
        self.path = path
        self.sql = sql
        self.dependencies = dependencies
    }
}
