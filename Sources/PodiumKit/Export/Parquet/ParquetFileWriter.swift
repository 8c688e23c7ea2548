/// Where a Parquet file's bytes go, in order.
protocol ParquetOutput: AnyObject {
    /// Appends `bytes`.
    func write(_ bytes: [UInt8]) throws
}

/// Writes one Parquet file from rows: `PAR1`, the row groups (each column's chunk in turn), the
/// footer (`FileMetaData` in Thrift's compact protocol), its length (4 bytes, little-endian) and
/// `PAR1` again.
///
/// Rows are buffered per row group, column by column, as compressed pages; a row group is written
/// when it reaches `limits.rowGroupRows` rows or `limits.rowGroupBytes` uncompressed bytes. Nothing
/// depends on the clock or on memory addresses: the same rows give the same bytes.
final class ParquetFileWriter {
    /// What a finished file holds.
    struct Summary: Equatable {
        var rows: Int64
        var rowGroups: Int
        /// The file's size in bytes.
        var bytes: Int64
    }

    private let columns: [ParquetColumn]
    private let writers: [ParquetColumnWriter]
    private let output: any ParquetOutput
    private let createdBy: String
    private let limits: ParquetLimits
    private var offset: Int64 = 0
    private var rowsInGroup: Int64 = 0
    private var totalRows: Int64 = 0
    private var rowGroups: [Parquet.RowGroup] = []

    /// Starts a file by writing its magic bytes.
    /// - Parameters:
    ///   - columns: the schema, in row order.
    ///   - createdBy: the footer's `created_by`, such as "podium version 0.1.0".
    init(columns: [ParquetColumn], output: any ParquetOutput, createdBy: String, limits: ParquetLimits = .standard) throws {
        let compressor = try ZstdCompressor()
        self.columns = columns
        self.writers = columns.map { ParquetColumnWriter(column: $0, limits: limits, compressor: compressor) }
        self.output = output
        self.createdBy = createdBy
        self.limits = limits
        try write(Parquet.magic)
    }

    /// Adds one row: one value per column, in schema order.
    /// - Throws: `ParquetValueError` for a value its column's type cannot hold.
    func append(_ row: [Value]) throws {
        precondition(row.count == writers.count, "one value per column")
        for (writer, value) in zip(writers, row) { try writer.append(value) }
        rowsInGroup += 1
        if rowsInGroup >= limits.rowGroupRows || writers.reduce(0, { $0 + $1.bufferedBytes }) >= limits.rowGroupBytes {
            try finishRowGroup()
        }
    }

    /// Writes the last row group and the footer.
    /// - Returns: the rows, row groups and bytes written.
    func finish() throws -> Summary {
        try finishRowGroup()
        let footer = ThriftCompactWriter.encode(Parquet.FileMetaData(
            schema: [Parquet.SchemaElement(name: "schema", numChildren: Int32(columns.count))] + columns.map(\.schemaElement),
            numRows: totalRows, rowGroups: rowGroups, createdBy: createdBy,
            columnOrders: columns.map { _ in Parquet.ColumnOrder() }))
        try write(footer)
        try write(withUnsafeBytes(of: UInt32(footer.count).littleEndian) { Array($0) })
        try write(Parquet.magic)
        return Summary(rows: totalRows, rowGroups: rowGroups.count, bytes: offset)
    }

    private func finishRowGroup() throws {
        // A table without rows has no row group: its footer still holds the schema.
        guard rowsInGroup > 0 else { return }
        let start = offset
        var chunks: [Parquet.ColumnChunk] = []
        var uncompressed: Int64 = 0
        for writer in writers {
            let (bytes, chunk) = try writer.takeChunk(at: offset)
            try write(bytes)
            chunks.append(chunk)
            uncompressed += chunk.metaData.totalUncompressedSize
        }
        rowGroups.append(Parquet.RowGroup(
            columns: chunks, totalByteSize: uncompressed, numRows: rowsInGroup, fileOffset: start,
            totalCompressedSize: offset - start, ordinal: Int16(truncatingIfNeeded: rowGroups.count)))
        totalRows += rowsInGroup
        rowsInGroup = 0
    }

    private func write(_ bytes: [UInt8]) throws {
        try output.write(bytes)
        offset += Int64(bytes.count)
    }
}
