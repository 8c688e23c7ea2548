// The values that pass between the pipeline's stages.

/// A column type in staging and the catalog. Extract infers it or takes it from podium.yaml;
/// staging turns it into the engine's column type (`SQLDialect.columnType(_:)`).
public enum ColumnType: String, Sendable, Equatable, CaseIterable, Codable {
    case integer, real, text, date
}

/// One cell of a query result. Produced by the warehouse, consumed by render and publish.
public enum Value: Equatable, Hashable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    /// The number this value holds, if any.
    public var number: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .real(let value): value
        case .null, .text: nil
        }
    }

    /// The value as plain text (the empty string for null); numbers in a locale-free form.
    public var text: String {
        switch self {
        case .null: ""
        case .integer(let value): String(value)
        case .real(let value): NumberFormat.plain(value)
        case .text(let value): value
        }
    }
}

/// The rows a query returned, with its column names in order. Produced by the warehouse.
public struct QueryResult: Equatable, Sendable {
    public var columns: [String]
    public var rows: [[Value]]

    public init(columns: [String], rows: [[Value]]) {
        self.columns = columns
        self.rows = rows
    }

    /// The index of a column by name, or nil.
    public func columnIndex(_ name: String) -> Int? { columns.firstIndex(of: name) }
}

/// A declared source column in podium.yaml: `Gold: {as: gold, type: integer, required: true}`.
public struct ColumnSpec: Equatable, Sendable {
    /// The header in the source file.
    public var header: String
    /// The column name in the staging table.
    public var name: String
    public var type: ColumnType?
    public var required: Bool
    /// `null_values:` of the column: fields that mean NULL, replacing the source's list; nil when
    /// the column does not say (the source's list applies), `[]` to turn the source's off.
    public var nullValues: [String]?
    public var location: Diagnostic.Location?

    public init(header: String, name: String, type: ColumnType? = nil, required: Bool = false,
                nullValues: [String]? = nil, location: Diagnostic.Location? = nil) {
        self.header = header
        self.name = name
        self.type = type
        self.required = required
        self.nullValues = nullValues
        self.location = location
    }
}

/// One `sources:` entry of podium.yaml. Consumed by extract and staging.
public struct SourceSpec: Equatable, Sendable {
    /// The source name; its staging table is `src_<name>`.
    public var name: String
    /// Path relative to the project root.
    public var path: String
    /// Declared columns, in declaration order. Columns of the file that are not declared are
    /// staged too, with an inferred type and a snake_case name.
    public var columns: [ColumnSpec]
    /// Columns (staging names) that identify a row.
    public var key: [String]
    /// `column: other_source.column` — staging names on both sides.
    public var references: [Reference]
    /// How a broken key is reported: `.error` (the build fails) or, with `key: {columns: […],
    /// severity: warn}`, `.warning` (the site is published with the warning).
    public var keySeverity: Diagnostic.Severity = .error
    /// `null_values:` of the source: whole fields that mean NULL in every column (`NA`, `-`),
    /// matched exactly, before type checks. Empty by default: only an empty field is NULL.
    public var nullValues: [String] = []
    /// `sheet:` of a workbook source: the sheet to read; nil for the first.
    public var sheet: String?
    /// `header_row:` of a workbook source: the 1-based row holding the column names; nil for row 1.
    public var headerRow: Int?
    /// Where the entry is declared in podium.yaml.
    public var location: Diagnostic.Location?

    /// A reference from a column of this source to a column of another source.
    public struct Reference: Equatable, Sendable {
        public var column: String
        public var targetSource: String
        public var targetColumn: String
        /// `.warning` for `column: {to: source.column, severity: warn}`: values not found are
        /// reported and the site is published; `.error` (the default) fails the build.
        public var severity: Diagnostic.Severity
        public init(column: String, targetSource: String, targetColumn: String, severity: Diagnostic.Severity = .error) {
            self.column = column
            self.targetSource = targetSource
            self.targetColumn = targetColumn
            self.severity = severity
        }
    }

    public init(name: String, path: String, columns: [ColumnSpec] = [], key: [String] = [],
                references: [Reference] = [], location: Diagnostic.Location? = nil) {
        self.name = name
        self.path = path
        self.columns = columns
        self.key = key
        self.references = references
        self.location = location
    }

    /// The staging table's name.
    public var tableName: String { "src_\(name)" }
}

/// The kinds of chart a chart block can declare.
///
/// What each kind means for the axes, marks, legend, options and description is answered in one
/// place, `Render/Charts/ChartKind+Traits.swift`: a new case here makes the compiler point to every
/// question there it must answer.
public enum ChartKind: String, Sendable, Equatable, CaseIterable {
    /// Vertical bars, grouped or stacked, one band per category.
    case bar
    /// Horizontal bars, one row per category: for long category names.
    case hbar
    /// One line per series over categories, numbers or dates.
    case line
    /// A line filled down to the baseline.
    case area
}

/// What a chart block shows when its query gives nothing to draw (`empty:`).
public enum EmptyChart: Equatable, Sendable {
    /// `empty: hide`: the block renders nothing on its page.
    case hide
    /// `empty: No coaches were listed.`: this text instead of the chart.
    case text(String)
}

/// A chart block of a page. Produced by the page parser, consumed by queries and render.
public struct ChartSpec: Equatable, Sendable {
    /// Unique across the site; names the embed, SVG and data files.
    public var id: String
    public var kind: ChartKind
    public var title: String
    /// An optional caption under the title.
    public var subtitle: String?
    public var sql: String
    /// The column holding the category (bar) or x value (line).
    public var x: String
    /// The value columns; one series each.
    public var y: [String]
    /// Per-series colours (`y` column → CSS colour); unlisted series use the palette.
    public var colors: [String: String]
    /// Optional axis titles.
    public var xTitle: String?
    public var yTitle: String?
    /// Bars (`bar`, `hbar`): stack the series instead of grouping them side by side.
    public var stacked: Bool
    /// Lines (`line`, `area`): point markers always (true), never (false, except lone points
    /// between gaps) or when there is room for them (nil).
    public var markers: Bool?
    /// Lines (`line`, `area`): the most points a series draws before it is downsampled (LTTB);
    /// nil for the default (1,000).
    public var maxPoints: Int?
    /// What to show when the result has no number to draw: nil for the "No data" chart and a
    /// warning, or the author's text or nothing (`empty:`), without one.
    public var empty: EmptyChart?
    /// Where the block starts (its opening fence) in its page.
    public var location: Diagnostic.Location?
    /// The values bound to the SQL's numbered parameters (a page template's entity, see ``EachSpec``).
    public var bindings: [Value] = []
    /// The SQL as run when it differs from `sql`: a page template's `:name` parameters rewritten to the engine's (`?1`, `$1`).
    public var runSQL: String?
    /// Where each `y` column is named in the block (its `y:` value or list item).
    public var yLocations: [String: Diagnostic.Location]
    /// Where the `x` column is named in the block (its `x:` value).
    public var xLocation: Diagnostic.Location?
    /// `type: table`: the block is a table of the query's rows, not a chart (``kind``, ``x``,
    /// ``y`` and the other chart options are then unused); see ``TableSpec``.
    public var table: TableSpec? = nil

    public init(id: String, kind: ChartKind, title: String, subtitle: String? = nil, sql: String,
                x: String, y: [String], colors: [String: String] = [:], xTitle: String? = nil,
                yTitle: String? = nil, stacked: Bool = false, markers: Bool? = nil,
                maxPoints: Int? = nil, empty: EmptyChart? = nil, location: Diagnostic.Location? = nil,
                yLocations: [String: Diagnostic.Location] = [:], xLocation: Diagnostic.Location? = nil) {
        self.empty = empty
        self.yLocations = yLocations
        self.xLocation = xLocation
        self.stacked = stacked
        self.markers = markers
        self.maxPoints = maxPoints
        self.id = id
        self.kind = kind
        self.title = title
        self.subtitle = subtitle
        self.sql = sql
        self.x = x
        self.y = y
        self.colors = colors
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.location = location
    }
}
