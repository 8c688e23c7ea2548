/// What the warehouse holds: every source with its inferred schema, fingerprint and column
/// profiles; every model with its columns and the tables it reads; every chart with the tables
/// its query reads. The Glue Data Catalog's counterpart.
///
/// Produced by `CatalogBuilder`; printed by `podium catalog` and published as `site/catalog.html`.
public struct Catalog: Equatable, Sendable {
    /// A value and how many rows hold it.
    public struct Frequency: Equatable, Sendable {
        public var value: Value
        public var count: Int
    }

    /// The profile of one staging column.
    public struct ColumnProfile: Equatable, Sendable {
        /// The staging column name.
        public var name: String
        /// The header in the source file.
        public var header: String
        public var type: ColumnType
        /// Whether the type was declared in podium.yaml (otherwise inferred from the values).
        public var isDeclared: Bool
        /// Whether the column may be empty (it is not declared `required`).
        public var nullable: Bool
        /// Empty values (NULL in staging).
        public var nulls: Int
        /// Distinct non-null values.
        public var distinct: Int
        /// Smallest and largest value, for numbers and dates only.
        public var min: Value?
        public var max: Value?
        /// The five most frequent non-null values, most frequent first (ties by value).
        public var top: [Frequency]
        /// The longest text value (first by value among equals), for text columns.
        public var longest: String?
    }

    /// A source file and its staging table.
    public struct Source: Equatable, Sendable {
        /// The source's name in podium.yaml.
        public var name: String
        /// The staging table, `src_<name>`.
        public var table: String
        /// The file, relative to the project root.
        public var path: String
        public var bytes: Int
        public var sha256: String
        public var rowCount: Int
        public var columns: [ColumnProfile]
    }

    /// A model table.
    public struct Model: Equatable, Sendable {
        /// One column: its name and SQLite's declared type (`INT`, `TEXT`, … or empty).
        public struct Column: Equatable, Sendable {
            public var name: String
            public var type: String
        }
        public var name: String
        /// The model file, relative to the project root.
        public var path: String
        public var rowCount: Int
        public var columns: [Column]
        /// The staging tables and models it reads, sorted.
        public var reads: [String]
    }

    /// A block that reads the warehouse, before the catalog knows which tables (``Chart``).
    public struct Block: Sendable {
        public var id: String
        public var title: String
        public var page: String
        public var kind: String
        public var sql: [String]
        /// Whether it is on a page template, whose blocks are on each entity's page, not its list page.
        public var onTemplate = false
    }

    /// A chart, table block, KPI block or a page's named queries, and the tables they read.
    public struct Chart: Equatable, Sendable {
        /// The link to it: its block's anchor on its page, or the page for its prose.
        public var href: String {
            if onTemplate { return page }  // the list page: each entity's page holds the block
            return switch kind {
            case "prose": page
            case "kpi": "\(page)#kpi-\(id)"
            default: "\(page)#chart-\(id)"
            }
        }

        public var id: String
        public var title: String
        /// The page it is on, as an output path (`medals.html`).
        public var page: String
        /// `chart`, `table`, `kpi`, or `prose` (a page's named queries, quoted in its text).
        public var kind: String = "chart"
        /// Whether it is on a page template (see ``Block/onTemplate``).
        public var onTemplate = false
        /// The staging tables and models its SQL names, sorted.
        public var reads: [String]
    }

    public var sources: [Source]
    public var models: [Model]
    public var charts: [Chart]

    /// Creates a catalog.
    public init(sources: [Source], models: [Model], charts: [Chart]) {
        self.sources = sources
        self.models = models
        self.charts = charts
    }
}
