/// One data test declared in podium.yaml: a rule the warehouse must satisfy.
///
/// Produced by `ProjectFile` (the `tests:` section, and `accepted_values:` on source columns);
/// run by `DataTestRunner` after the warehouse is built.
public struct DataTest: Equatable, Sendable {
    /// What a test checks.
    public enum Kind: Equatable, Sendable {
        /// No two rows share a non-null value of the column.
        case unique(column: String)
        /// The column is never null.
        case notNull(column: String)
        /// Every non-null value of the column appears in `table.column`.
        case references(column: String, table: String, targetColumn: String)
        /// Every non-null value of the column (compared as text) is one of `values`.
        case acceptedValues(column: String, values: [String])
        /// Every non-null value is a number within the bounds (inclusive).
        case range(column: String, min: Double?, max: Double?)
        /// The table has between `min` and `max` rows (inclusive).
        case rowCount(min: Int?, max: Int?)
        /// Named SQL that must return no rows, or one row holding true.
        case check(name: String, sql: String)
    }

    /// The table tested (a model, or a staging table `src_<source>`); empty for checks.
    public var table: String
    public var kind: Kind
    /// Where the test is declared in podium.yaml.
    public var location: Diagnostic.Location

    /// Creates a test.
    public init(table: String, kind: Kind, location: Diagnostic.Location) {
        self.table = table
        self.kind = kind
        self.location = location
    }

    /// The tested column, if the test is about one column.
    public var column: String? {
        switch kind {
        case .unique(let column), .notNull(let column), .references(let column, _, _),
             .acceptedValues(let column, _), .range(let column, _, _):
            column
        case .rowCount, .check: nil
        }
    }

    /// The kind's name as written in podium.yaml: `unique`, `not_null`, `references`,
    /// `accepted_values`, `range`, `row_count`, `check`.
    public var kindName: String {
        switch kind {
        case .unique: "unique"
        case .notNull: "not_null"
        case .references: "references"
        case .acceptedValues: "accepted_values"
        case .range: "range"
        case .rowCount: "row_count"
        case .check: "check"
        }
    }

    /// A short, readable name: `unique(dim_country.country)`, `row_count(fact_coach)`,
    /// `references(fact_coach.country_id → dim_country.country_id)`, or a check's own name.
    public var name: String {
        switch kind {
        case .check(let name, _): return name
        case .rowCount: return "row_count(\(table))"
        case .references(let column, let target, let targetColumn):
            return "references(\(table).\(column) → \(target).\(targetColumn))"
        default: return "\(kindName)(\(table).\(column ?? ""))"
        }
    }
}
