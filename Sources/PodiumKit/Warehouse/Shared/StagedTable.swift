/// A source loaded into the warehouse as a staging table.
///
/// Produced by `Staging`; consumed by the warehouse summary, the catalog and the models.
public struct StagedTable: Equatable, Sendable, Codable {
    /// One staging column.
    public struct Column: Equatable, Sendable, Codable {
        /// The column name in the table.
        public var name: String
        /// The declared or inferred type.
        public var type: ColumnType
        /// The header in the source file.
        public var header: String
        /// Whether the type was declared in podium.yaml (otherwise it was inferred).
        public var isDeclared: Bool
        /// The profile of the values, counted while they were loaded; nil when the column had
        /// too many distinct values to count (see `ColumnTally`), or the table was kept from an
        /// earlier build (it is not saved with the build state).
        public var stats: ColumnStats?

        private enum CodingKeys: String, CodingKey { case name, type, header, isDeclared }

        /// Creates a column description.
        public init(name: String, type: ColumnType, header: String, isDeclared: Bool) {
            self.name = name
            self.type = type
            self.header = header
            self.isDeclared = isDeclared
        }
    }

    /// The table name, `src_<source>`.
    public var name: String
    /// The source's name in podium.yaml.
    public var sourceName: String
    /// The source file, relative to the project root.
    public var path: String
    /// The staging columns in file order; the table also has `_line` (the source line) first.
    public var columns: [Column]
    /// The number of rows loaded (data records, without the header).
    public var rowCount: Int
    /// Problems of its key and references declared `severity: warn`, found when the warehouse
    /// was built: kept with the table, so a build that reuses it reports them again.
    public var warnings: [Diagnostic]?

    /// Creates a staged table description.
    public init(name: String, sourceName: String, path: String, columns: [Column], rowCount: Int) {
        self.name = name
        self.sourceName = sourceName
        self.path = path
        self.columns = columns
        self.rowCount = rowCount
    }
}
