/// A KPI block of a page: a few big numbers with labels, read from one row of a query, each
/// optionally compared with another value and drawn over a sparkline.
///
/// Produced by ``KPIBlockParser``; its queries run with the charts' through the result cache
/// (`Pipeline/ChartQueries`); checked and resolved by ``KPIValues``, drawn by ``KPIRenderer``.
public struct KPISpec: Equatable, Sendable {
    /// Unique across the site with the chart ids; names the embed and data files.
    public var id: String
    /// An optional heading over the tiles (the embed page's title; "Key figures" without one).
    public var title: String?
    /// The SELECT whose first row holds the tiles' values.
    public var sql: String
    /// An optional SELECT whose rows, in order, are the points of the tiles' sparklines.
    public var series: String?
    /// The tiles, in the order written.
    public var tiles: [Tile]
    /// The text shown for a tile whose value is NULL or missing (no row), unless the tile has its own.
    public var empty: String?
    /// Where the block starts (its opening fence) in its page.
    public var location: Diagnostic.Location?
    /// The values bound to `sql`'s and `series`'s numbered parameters (a page template's entity).
    public var bindings: [Value] = []
    public var seriesBindings: [Value] = []
    /// The SQL as run when it differs from `sql`: a page template's `:name` parameters rewritten to the engine's (`?1`, `$1`).
    public var runSQL: String?
    public var runSeries: String?

    /// One big number.
    public struct Tile: Equatable, Sendable {
        /// The column of the block's `sql` holding the number.
        public var value: String
        /// The text over the number.
        public var label: String
        /// How the number is written; `.automatic` when not declared.
        public var format: ValueFormat
        /// A column of `sql`: the tile shows its value as a share of this one ("33.4% of 1,080").
        public var shareOf: String?
        /// A column of `sql`: the tile shows the difference to this one ("+3 vs 2016").
        public var compare: String?
        /// How the comparison names the other value ("vs Rio 2016"); its formatted value without one.
        public var compareLabel: String?
        /// A column of the block's `series` query, drawn as a sparkline under the number.
        public var sparkline: String?
        /// The text shown when the value is NULL or there is no row.
        public var empty: String?
        /// A short text under the number, such as what the sparkline shows.
        public var note: String?
        /// Where each column-naming key's value is written (`value`, `share_of`, `compare`, `sparkline`).
        public var locations: [String: Diagnostic.Location]

        /// Creates a tile.
        public init(value: String, label: String, format: ValueFormat = .automatic, shareOf: String? = nil,
                    compare: String? = nil, compareLabel: String? = nil, sparkline: String? = nil,
                    empty: String? = nil, note: String? = nil, locations: [String: Diagnostic.Location] = [:]) {
            self.note = note
            self.value = value
            self.label = label
            self.format = format
            self.shareOf = shareOf
            self.compare = compare
            self.compareLabel = compareLabel
            self.sparkline = sparkline
            self.empty = empty
            self.locations = locations
        }
    }

    /// Creates a KPI block.
    public init(id: String, title: String? = nil, sql: String, series: String? = nil, tiles: [Tile],
                empty: String? = nil, location: Diagnostic.Location? = nil) {
        self.id = id
        self.title = title
        self.sql = sql
        self.series = series
        self.tiles = tiles
        self.empty = empty
        self.location = location
    }

    /// The name of the block's main result in the result cache and `--explain`: `kpi:<id>`.
    /// Chart ids and named query ids (`page.name`) hold no `:`, so it never meets one.
    public var resultID: String { "kpi:\(id)" }
    /// The name of the `series` query's result: `kpi:<id>:series`.
    public var seriesResultID: String { "kpi:\(id):series" }
    /// The heading used where one is needed (the embed page).
    public var displayTitle: String { title ?? "Key figures" }
}
