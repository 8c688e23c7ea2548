/// A column of a Parquet file Podium writes: its name and how its values are stored. Every column
/// is OPTIONAL (nullable) and flat, as warehouse columns are.
struct ParquetColumn: Equatable, Sendable {
    /// How a warehouse type is stored.
    enum Kind: String, Equatable, Sendable {
        /// INT64, for `integer`.
        case int64
        /// DOUBLE, for `real`.
        case double
        /// BYTE_ARRAY annotated String (converted type UTF8), for `text`.
        case string
        /// INT32 annotated Date (days since 1970-01-01), for `date` (ISO `YYYY-MM-DD` text).
        case date

        var physicalType: Parquet.PhysicalType {
            switch self {
            case .int64: .int64
            case .double: .double
            case .string: .byteArray
            case .date: .int32
            }
        }

        var convertedType: Parquet.ConvertedType? {
            switch self {
            case .int64, .double: nil
            case .string: .utf8
            case .date: .date
            }
        }

        var logicalType: Parquet.LogicalType? {
            switch self {
            case .int64, .double: nil
            case .string: .string
            case .date: .date
            }
        }
    }

    /// The column's name, as in the warehouse.
    var name: String
    /// How its values are stored.
    var kind: Kind

    /// The column's schema element.
    var schemaElement: Parquet.SchemaElement {
        Parquet.SchemaElement(type: kind.physicalType, repetition: .optional, name: name,
                              convertedType: kind.convertedType, logicalType: kind.logicalType)
    }
}

/// The sizes at which a writer starts a new page or row group.
struct ParquetLimits: Equatable, Sendable {
    /// A row group ends after this many rows: 128 Ki, about DuckDB's 122,880, so a reader can
    /// skip or parallelise by row group even on a table of a few hundred thousand rows…
    var rowGroupRows = 131_072
    /// …or earlier, once its columns' uncompressed pages reach this size (64 MiB), so wide rows
    /// of long text keep the writer's memory bounded.
    var rowGroupBytes = 64 << 20
    /// A data page ends after this many values, as parquet-mr's and Arrow's default (20,000)…
    var pageValues = 20_000
    /// …or once its plain-encoded values reach 1 MiB (Arrow's and parquet-mr's default page size).
    var pageBytes = 1 << 20

    /// The limits Podium exports with.
    static let standard = ParquetLimits()
}
