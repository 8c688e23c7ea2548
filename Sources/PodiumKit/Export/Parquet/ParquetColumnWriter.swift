import Foundation

/// A value that does not fit its column's Parquet type (a bug in the type mapping, or a table
/// changed while it was read).
struct ParquetValueError: Error, Equatable {
    var column: String
    var kind: ParquetColumn.Kind
    var value: Value
}

/// Builds one column's chunk of the current row group: definition levels and plain-encoded
/// values, cut into zstd-compressed data pages (version 1), with the chunk's statistics.
///
/// `ParquetFileWriter` appends one value per row, then takes the finished chunk at the end of
/// each row group.
final class ParquetColumnWriter {
    let column: ParquetColumn
    private let limits: ParquetLimits
    private let compressor: ZstdCompressor

    // The page being filled.
    private var levels: [UInt8] = []
    private var values: [UInt8] = []

    // The chunk: finished pages (header + compressed body) and their totals.
    private var pages: [UInt8] = []
    private var uncompressedSize: Int64 = 0
    private var valueCount: Int64 = 0
    private var bounds = Bounds()

    init(column: ParquetColumn, limits: ParquetLimits, compressor: ZstdCompressor) {
        self.column = column
        self.limits = limits
        self.compressor = compressor
        levels.reserveCapacity(limits.pageValues)
    }

    /// The uncompressed bytes of the chunk so far, finished pages and the one being filled.
    var bufferedBytes: Int { Int(uncompressedSize) + values.count + levels.count / 8 }

    /// Adds one row's value.
    /// - Throws: `ParquetValueError` when the value does not fit the column's kind.
    func append(_ value: Value) throws {
        switch (column.kind, value) {
        case (_, .null):
            levels.append(0)
            bounds.nulls += 1
        case (.int64, .integer(let number)):
            appendLittleEndian(number)
            bounds.add(number)
        case (.double, .integer(let number)):
            appendDouble(Double(number))
        case (.double, .real(let number)):
            appendDouble(number)
        case (.string, .text(var text)):
            text.withUTF8 { appendBytes($0) }
        case (.string, .integer(let number)):
            var text = String(number)
            text.withUTF8 { appendBytes($0) }
        case (.string, .real(let number)):
            var text = "\(number)"
            text.withUTF8 { appendBytes($0) }
        case (.date, .text(var text)):
            guard let days = text.withUTF8({ Self.daysSinceEpoch($0) }) else {
                throw ParquetValueError(column: column.name, kind: column.kind, value: value)
            }
            appendLittleEndian(days)
            bounds.add(Int64(days))
        default:
            throw ParquetValueError(column: column.name, kind: column.kind, value: value)
        }
        if levels.count >= limits.pageValues || values.count >= limits.pageBytes { try finishPage() }
    }

    /// The chunk's bytes (its pages, to be written at `offset`) and metadata; the writer is then
    /// empty, ready for the next row group.
    func takeChunk(at offset: Int64) throws -> (bytes: [UInt8], chunk: Parquet.ColumnChunk) {
        try finishPage()
        let metadata = Parquet.ColumnMetaData(
            type: column.kind.physicalType, encodings: [.plain, .rle], pathInSchema: [column.name], codec: .zstd,
            numValues: valueCount, totalUncompressedSize: uncompressedSize, totalCompressedSize: Int64(pages.count),
            dataPageOffset: offset, statistics: bounds.statistics(for: column.kind))
        let bytes = pages
        pages = []
        uncompressedSize = 0
        valueCount = 0
        bounds = Bounds()
        return (bytes, Parquet.ColumnChunk(metaData: metadata))
    }

    // MARK: - Pages

    /// Writes the page being filled, if it holds any value: 4-byte length and RLE/bit-packed
    /// definition levels, then the plain values, compressed together (data page version 1).
    private func finishPage() throws {
        guard !levels.isEmpty else { return }
        let encodedLevels = RLEHybridEncoder(bitWidth: 1).encode(levels)
        var body: [UInt8] = []
        body.reserveCapacity(4 + encodedLevels.count + values.count)
        withUnsafeBytes(of: UInt32(encodedLevels.count).littleEndian) { body.append(contentsOf: $0) }
        body.append(contentsOf: encodedLevels)
        body.append(contentsOf: values)
        let compressed = try compressor.compress(body)
        let header = ThriftCompactWriter.encode(Parquet.PageHeader(
            uncompressedPageSize: Int32(body.count), compressedPageSize: Int32(compressed.count),
            dataPageHeader: Parquet.DataPageHeader(numValues: Int32(levels.count))))
        pages.append(contentsOf: header)
        pages.append(contentsOf: compressed)
        uncompressedSize += Int64(header.count + body.count)
        valueCount += Int64(levels.count)
        levels.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    // MARK: - Plain encoding

    private func appendLittleEndian<T: FixedWidthInteger>(_ number: T) {
        levels.append(1)
        withUnsafeBytes(of: number.littleEndian) { values.append(contentsOf: $0) }
    }

    private func appendDouble(_ number: Double) {
        levels.append(1)
        withUnsafeBytes(of: number.bitPattern.littleEndian) { values.append(contentsOf: $0) }
        bounds.add(number)
    }

    /// A BYTE_ARRAY value: its length (4 bytes, little-endian), then its bytes.
    private func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        levels.append(1)
        withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { values.append(contentsOf: $0) }
        values.append(contentsOf: bytes)
        bounds.add(bytes)
    }

    /// Days from 1970-01-01 to an ISO `YYYY-MM-DD` date (negative before), or nil for anything else.
    static func daysSinceEpoch(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard ValueParser.isDate(bytes) else { return nil }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(bytes[$1] - UInt8(ascii: "0")) } }
        return Int32(CivilDate.days(year: number(0..<4), month: number(5..<7), day: number(8..<10)))
    }
}

/// A column chunk's null count and smallest and largest values, for its `Statistics`.
private struct Bounds {
    var nulls: Int64 = 0
    private var integers: (min: Int64, max: Int64)?
    private var doubles: (min: Double, max: Double)?
    private var bytes: (min: [UInt8], max: [UInt8])?

    /// Text longer than this (in bytes) as a chunk's min or max leaves both out, so one long value
    /// does not bloat the footer.
    static let maxTextBound = 256

    mutating func add(_ value: Int64) {
        guard let current = integers else { integers = (value, value); return }
        if value < current.min { integers!.min = value } else if value > current.max { integers!.max = value }
    }

    mutating func add(_ value: Double) {
        guard !value.isNaN else { return }  // NaN is never a bound (parquet-format)
        guard let current = doubles else { doubles = (value, value); return }
        if value < current.min { doubles!.min = value } else if value > current.max { doubles!.max = value }
    }

    /// Text bounds compare as unsigned bytes, the String type's order in Parquet.
    mutating func add(_ value: UnsafeBufferPointer<UInt8>) {
        guard let current = bytes else { bytes = (Array(value), Array(value)); return }
        if Self.compare(value, current.min) < 0 {
            bytes!.min = Array(value)
        } else if Self.compare(value, current.max) > 0 {
            bytes!.max = Array(value)
        }
    }

    func statistics(for kind: ParquetColumn.Kind) -> Parquet.Statistics {
        var statistics = Parquet.Statistics(nullCount: nulls)
        switch kind {
        case .int64:
            if let integers {
                statistics.minValue = Self.littleEndian(integers.min)
                statistics.maxValue = Self.littleEndian(integers.max)
            }
        case .date:
            if let integers {
                statistics.minValue = Self.littleEndian(Int32(integers.min))
                statistics.maxValue = Self.littleEndian(Int32(integers.max))
            }
        case .double:
            if let doubles {
                // A zero bound is written -0.0 as min and +0.0 as max (parquet-format), as either may occur.
                statistics.minValue = Self.littleEndian((doubles.min == 0 ? -0.0 : doubles.min).bitPattern)
                statistics.maxValue = Self.littleEndian((doubles.max == 0 ? 0.0 : doubles.max).bitPattern)
            }
        case .string:
            if let bytes, bytes.min.count <= Self.maxTextBound, bytes.max.count <= Self.maxTextBound {
                statistics.minValue = bytes.min
                statistics.maxValue = bytes.max
            }
        }
        return statistics
    }

    private static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }

    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Int {
        b.withUnsafeBufferPointer { b in
            let common = min(a.count, b.count)
            let order = common == 0 ? 0 : Int(memcmp(a.baseAddress!, b.baseAddress!, common))
            return order != 0 ? order : a.count - b.count
        }
    }
}
