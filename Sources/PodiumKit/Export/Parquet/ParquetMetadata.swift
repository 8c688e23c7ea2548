/// The Parquet footer and page header structs Podium writes, as in `parquet.thrift` of
/// apache/parquet-format (field ids in comments there are the ids used here). Only the fields
/// Podium sets are modelled; every optional field left out is simply not written.
///
/// Produced by `ParquetFileWriter`; encoded with `ThriftCompactWriter`.
enum Parquet {
    /// The four bytes at the start and the end of every Parquet file.
    static let magic: [UInt8] = Array("PAR1".utf8)

    /// Physical types (`Type`).
    enum PhysicalType: Int32 {
        case boolean = 0, int32 = 1, int64 = 2, int96 = 3, float = 4, double = 5, byteArray = 6, fixedLenByteArray = 7
    }

    /// `FieldRepetitionType`.
    enum Repetition: Int32 { case required = 0, optional = 1, repeated = 2 }

    /// `ConvertedType`, the older annotation that readers from before logical types understand.
    enum ConvertedType: Int32 { case utf8 = 0, date = 6 }

    /// `Encoding`.
    enum Encoding: Int32 { case plain = 0, rle = 3 }

    /// `CompressionCodec`.
    enum Codec: Int32 { case uncompressed = 0, snappy = 1, gzip = 2, zstd = 6 }

    /// `PageType`.
    enum PageType: Int32 { case dataPage = 0 }

    /// The `LogicalType` union: only the two Podium writes.
    enum LogicalType: ThriftStruct {
        case string, date

        func writeFields(to writer: inout ThriftCompactWriter) {
            switch self {
            case .string: writer.field(1, struct: EmptyStruct())  // STRING: StringType
            case .date: writer.field(6, struct: EmptyStruct())    // DATE: DateType
            }
        }
    }

    /// A struct with no fields (`StringType`, `DateType`, `TypeDefinedOrder`).
    struct EmptyStruct: ThriftStruct {
        func writeFields(to writer: inout ThriftCompactWriter) {}
    }

    /// `SchemaElement`: the root (a name and its number of children), then one per column.
    struct SchemaElement: ThriftStruct {
        var type: PhysicalType?
        var repetition: Repetition?
        var name: String
        var numChildren: Int32?
        var convertedType: ConvertedType?
        var logicalType: LogicalType?

        func writeFields(to writer: inout ThriftCompactWriter) {
            if let type { writer.field(1, i32: type.rawValue) }
            if let repetition { writer.field(3, i32: repetition.rawValue) }
            writer.field(4, string: name)
            if let numChildren { writer.field(5, i32: numChildren) }
            if let convertedType { writer.field(6, i32: convertedType.rawValue) }
            if let logicalType { writer.field(10, struct: logicalType) }
        }
    }

    /// `Statistics` of a column chunk: min and max in the column's plain encoding (without the
    /// length prefix of BYTE_ARRAY), ordered as `ColumnOrder`'s TypeDefinedOrder says (signed for
    /// numbers, unsigned bytes for text), and the number of nulls.
    struct Statistics: ThriftStruct {
        var nullCount: Int64
        var maxValue: [UInt8]?
        var minValue: [UInt8]?

        func writeFields(to writer: inout ThriftCompactWriter) {
            writer.field(3, i64: nullCount)
            if let maxValue { writer.field(5, binary: maxValue) }
            if let minValue { writer.field(6, binary: minValue) }
        }
    }

    /// `DataPageHeader` (version 1 pages).
    struct DataPageHeader: ThriftStruct {
        /// Values in the page, nulls included.
        var numValues: Int32
        var encoding = Encoding.plain
        var definitionLevelEncoding = Encoding.rle
        var repetitionLevelEncoding = Encoding.rle

        func writeFields(to writer: inout ThriftCompactWriter) {
            writer.field(1, i32: numValues)
            writer.field(2, i32: encoding.rawValue)
            writer.field(3, i32: definitionLevelEncoding.rawValue)
            writer.field(4, i32: repetitionLevelEncoding.rawValue)
        }
    }

    /// `PageHeader`.
    struct PageHeader: ThriftStruct {
        var type = PageType.dataPage
        var uncompressedPageSize: Int32
        var compressedPageSize: Int32
        var dataPageHeader: DataPageHeader

        func writeFields(to writer: inout ThriftCompactWriter) {
            writer.field(1, i32: type.rawValue)
            writer.field(2, i32: uncompressedPageSize)
            writer.field(3, i32: compressedPageSize)
            writer.field(5, struct: dataPageHeader)
        }
    }

    /// `ColumnMetaData`.
    struct ColumnMetaData: ThriftStruct {
        var type: PhysicalType
        var encodings: [Encoding]
        var pathInSchema: [String]
        var codec: Codec
        var numValues: Int64
        var totalUncompressedSize: Int64
        var totalCompressedSize: Int64
        var dataPageOffset: Int64
        var statistics: Statistics

        func writeFields(to writer: inout ThriftCompactWriter) {
            writer.field(1, i32: type.rawValue)
            writer.field(2, i32List: encodings.map(\.rawValue))
            writer.field(3, stringList: pathInSchema)
            writer.field(4, i32: codec.rawValue)
            writer.field(5, i64: numValues)
            writer.field(6, i64: totalUncompressedSize)
            writer.field(7, i64: totalCompressedSize)
            writer.field(9, i64: dataPageOffset)
            writer.field(12, struct: statistics)
        }
    }

    /// `ColumnChunk`: where a column's pages are, and their metadata.
    struct ColumnChunk: ThriftStruct {
        var metaData: ColumnMetaData

        func writeFields(to writer: inout ThriftCompactWriter) {
            // `file_offset` is required but deprecated: parquet-format 2.13 asks writers for 0
            // (past writers disagreed on what it points at); readers use `data_page_offset`.
            writer.field(2, i64: 0)
            writer.field(3, struct: metaData)
        }
    }

    /// `RowGroup`.
    struct RowGroup: ThriftStruct {
        var columns: [ColumnChunk]
        var totalByteSize: Int64
        var numRows: Int64
        var fileOffset: Int64
        var totalCompressedSize: Int64
        var ordinal: Int16

        func writeFields(to writer: inout ThriftCompactWriter) {
            writer.field(1, list: columns)
            writer.field(2, i64: totalByteSize)
            writer.field(3, i64: numRows)
            writer.field(5, i64: fileOffset)
            writer.field(6, i64: totalCompressedSize)
            writer.field(7, i16: ordinal)
        }
    }

    /// `ColumnOrder`, a union: TYPE_ORDER (field 1), the only kind there is.
    struct ColumnOrder: ThriftStruct {
        func writeFields(to writer: inout ThriftCompactWriter) {
            writer.field(1, struct: EmptyStruct())
        }
    }

    /// `FileMetaData`, the footer.
    struct FileMetaData: ThriftStruct {
        var version: Int32 = 1
        var schema: [SchemaElement]
        var numRows: Int64
        var rowGroups: [RowGroup]
        var createdBy: String
        /// One per column: says min and max follow the type's own order (spec: required whenever
        /// min_value and max_value are written).
        var columnOrders: [ColumnOrder]

        func writeFields(to writer: inout ThriftCompactWriter) {
            writer.field(1, i32: version)
            writer.field(2, list: schema)
            writer.field(3, i64: numRows)
            writer.field(4, list: rowGroups)
            writer.field(6, string: createdBy)
            writer.field(7, list: columnOrders)
        }
    }
}
