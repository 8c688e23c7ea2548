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
    /// The files of a multi-file source (`path:` a glob), in path order, with what a later build
    /// needs to re-read only the files that changed; nil for a one-file source.
    public var files: [File]?
    /// Set by the build plan on a table kept from the last build whose files changed: the files
    /// whose rows it holds that are unchanged (staging re-reads the others). Not saved.
    var reusableFiles: Set<String>?
    /// Set by staging on a multi-file source's table: the files it read (the others' rows were
    /// kept), for `--explain`. Not saved.
    var readFiles: [String]?

    /// One file of a multi-file source.
    public struct File: Equatable, Sendable, Codable {
        /// The path relative to the project.
        public var path: String
        /// The rows it gave.
        public var rows: Int
        /// Per column, what type inference saw in this file alone (`TypeInference.code`).
        public var inferences: [Int]
    }

    private enum CodingKeys: String, CodingKey { case name, sourceName, path, columns, rowCount, warnings, files }

    /// Creates a staged table description.
    public init(name: String, sourceName: String, path: String, columns: [Column], rowCount: Int) {
        self.name = name
        self.sourceName = sourceName
        self.path = path
        self.columns = columns
        self.rowCount = rowCount
    }
}
