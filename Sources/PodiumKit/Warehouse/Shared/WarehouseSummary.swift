/// What a warehouse build produced: the staged tables and the models in run order.
///
/// Produced by `WarehouseBuilder`; consumed by the catalog and the build report.
public struct WarehouseSummary: Equatable, Sendable, Codable {
    /// A model that ran.
    public struct Model: Equatable, Sendable, Codable {
        /// The model's table name.
        public var name: String
        /// The model file, relative to the project root.
        public var path: String
        /// The models and staging tables it reads, sorted.
        public var dependencies: [String]
        /// The number of rows in the model's table.
        public var rowCount: Int

        /// Creates a model summary.
        public init(name: String, path: String, dependencies: [String], rowCount: Int) {
            self.name = name
            self.path = path
            self.dependencies = dependencies
            self.rowCount = rowCount
        }
    }

    /// The staging tables, in source order.
    public var tables: [StagedTable]
    /// The models, in the order they ran.
    public var models: [Model]

    /// Creates a summary.
    public init(tables: [StagedTable], models: [Model]) {
        self.tables = tables
        self.models = models
    }
}
