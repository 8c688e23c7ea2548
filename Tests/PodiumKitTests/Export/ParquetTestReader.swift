import CZstd
import Foundation

/// A decoded Thrift compact-protocol value: a tiny reader of our own, written from the protocol's
/// specification and not from `ThriftCompactWriter`, to check what the writer produced.
indirect enum ThriftValue: Equatable {
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case binary([UInt8])
    case list([ThriftValue])
    case structure([Int16: ThriftValue])

    var int: Int64? { if case .int(let value) = self { value } else { nil } }
    var bytes: [UInt8]? { if case .binary(let value) = self { value } else { nil } }
    var string: String? { bytes.map { String(decoding: $0, as: UTF8.self) } }
    var list: [ThriftValue]? { if case .list(let value) = self { value } else { nil } }
    var fields: [Int16: ThriftValue]? { if case .structure(let value) = self { value } else { nil } }
    var bool: Bool? { if case .bool(let value) = self { value } else { nil } }
    subscript(_ id: Int16) -> ThriftValue? { fields?[id] }
}

struct ReaderError: Error, CustomStringConvertible {
    var description: String
}

/// Reads Thrift compact-protocol structs from bytes.
struct ThriftCompactReader {
    let bytes: [UInt8]
    var position: Int

    init(_ bytes: [UInt8], at position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    mutating func readStruct() throws -> [Int16: ThriftValue] {
        var fields: [Int16: ThriftValue] = [:]
        var lastID: Int16 = 0
        while true {
            let header = try byte()
            if header == 0 { return fields }
            let type = header & 0x0F
            let delta = header >> 4
            let id = delta == 0 ? Int16(truncatingIfNeeded: unzigzag(try varint())) : lastID + Int16(delta)
            lastID = id
            fields[id] = try value(of: type)
        }
    }

    private mutating func value(of type: UInt8) throws -> ThriftValue {
        switch type {
        case 1: return .bool(true)
        case 2: return .bool(false)
        case 3: return .int(Int64(Int8(bitPattern: try byte())))
        case 4, 5, 6: return .int(unzigzag(try varint()))
        case 7:
            var raw: UInt64 = 0
            for shift in 0..<8 { raw |= UInt64(try byte()) << (8 * shift) }
            return .double(Double(bitPattern: raw))
        case 8:
            let count = Int(try varint())
            guard position + count <= bytes.count else { throw ReaderError(description: "binary past the end") }
            defer { position += count }
            return .binary(Array(bytes[position..<position + count]))
        case 9, 10:
            let header = try byte()
            let count = header >> 4 == 15 ? Int(try varint()) : Int(header >> 4)
            let elementType = header & 0x0F
            var elements: [ThriftValue] = []
            for _ in 0..<count {
                // Booleans in a list are one byte each.
                elements.append(elementType == 1 || elementType == 2 ? .bool(try byte() == 1) : try value(of: elementType))
            }
            return .list(elements)
        case 12: return .structure(try readStruct())
        default: throw ReaderError(description: "unsupported type \(type) at \(position)")
        }
    }

    mutating func byte() throws -> UInt8 {
        guard position < bytes.count else { throw ReaderError(description: "read past the end") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0, shift: UInt64 = 0
        while true {
            let next = try byte()
            result |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { return result }
            shift += 7
        }
    }

    private func unzigzag(_ value: UInt64) -> Int64 { Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1) }
}

/// A Parquet file opened by hand: checks the magic bytes and footer length, decodes the footer,
/// and decodes columns of flat optional INT64, INT32, DOUBLE and BYTE_ARRAY values in PLAIN
/// encoding with zstd pages.
struct ParquetTestFile {
    let bytes: [UInt8]
    let footer: [Int16: ThriftValue]
    let footerLength: Int

    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        let magic = Array("PAR1".utf8)
        guard bytes.count >= 12, Array(bytes.prefix(4)) == magic, Array(bytes.suffix(4)) == magic else {
            throw ReaderError(description: "no PAR1 magic at both ends")
        }
        let lengthBytes = bytes[(bytes.count - 8)..<(bytes.count - 4)]
        footerLength = lengthBytes.reversed().reduce(0) { $0 << 8 | Int($1) }
        let start = bytes.count - 8 - footerLength
        guard start >= 4 else { throw ReaderError(description: "footer length \(footerLength) too large") }
        var reader = ThriftCompactReader(bytes, at: start)
        footer = try reader.readStruct()
        guard reader.position == bytes.count - 8 else {
            throw ReaderError(description: "footer ends at \(reader.position), expected \(bytes.count - 8)")
        }
    }

    var numRows: Int64? { footer[3]?.int }
    var schema: [ThriftValue] { footer[2]?.list ?? [] }
    var rowGroups: [ThriftValue] { footer[4]?.list ?? [] }
    var createdBy: String? { footer[6]?.string }
    /// Column names, after the root.
    var columnNames: [String] { schema.dropFirst().compactMap { $0[4]?.string } }

    /// Every value of column `index`, across row groups; nil for NULL.
    func values(ofColumn index: Int) throws -> [ThriftValue?] {
        var result: [ThriftValue?] = []
        let physical = schema[index + 1][1]?.int
        for group in rowGroups {
            guard let chunk = group[1]?.list?[index], let meta = chunk[3] else { throw ReaderError(description: "no chunk") }
            var position = Int(meta[9]?.int ?? 0)
            var remaining = meta[5]?.int ?? 0
            while remaining > 0 {
                var reader = ThriftCompactReader(bytes, at: position)
                let header = try reader.readStruct()
                let compressedSize = Int(header[3]?.int ?? 0), uncompressedSize = Int(header[2]?.int ?? 0)
                let count = Int(header[5]?[1]?.int ?? 0)
                let body = try Self.decompress(Array(bytes[reader.position..<reader.position + compressedSize]), size: uncompressedSize)
                position = reader.position + compressedSize
                remaining -= Int64(count)
                let levelsLength = body.prefix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
                let levels = try Self.decodeLevels(Array(body[4..<4 + levelsLength]), count: count)
                var offset = 4 + levelsLength
                for level in levels {
                    guard level == 1 else { result.append(nil); continue }
                    func little(_ width: Int) -> UInt64 {
                        defer { offset += width }
                        return body[offset..<offset + width].reversed().reduce(0) { $0 << 8 | UInt64($1) }
                    }
                    switch physical {
                    case 1: result.append(.int(Int64(Int32(truncatingIfNeeded: little(4)))))
                    case 2: result.append(.int(Int64(bitPattern: little(8))))
                    case 5: result.append(.double(Double(bitPattern: little(8))))
                    case 6:
                        let length = Int(little(4))
                        result.append(.binary(Array(body[offset..<offset + length])))
                        offset += length
                    default: throw ReaderError(description: "physical type \(String(describing: physical))")
                    }
                }
            }
        }
        return result
    }

    /// Decodes RLE / bit-packed hybrid levels of bit width 1.
    static func decodeLevels(_ encoded: [UInt8], count: Int, bitWidth: Int = 1) throws -> [UInt8] {
        var reader = ThriftCompactReader(encoded)
        var levels: [UInt8] = []
        while reader.position < encoded.count {
            let header = try reader.varint()
            if header & 1 == 0 {
                let value = try reader.byte()
                levels += repeatElement(value, count: Int(header >> 1))
            } else {
                let groups = Int(header >> 1)
                var packed: [UInt8] = []
                for _ in 0..<(groups * bitWidth) { packed.append(try reader.byte()) }
                for index in 0..<(groups * 8) {
                    var value: UInt8 = 0
                    for bit in 0..<bitWidth {
                        let position = index * bitWidth + bit
                        value |= (packed[position / 8] >> (position % 8) & 1) << bit
                    }
                    levels.append(value)
                }
            }
        }
        guard levels.count >= count else { throw ReaderError(description: "\(levels.count) levels, expected \(count)") }
        return Array(levels.prefix(count))
    }

    static func decompress(_ frame: [UInt8], size: Int) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: size)
        let written = output.withUnsafeMutableBytes { out in
            frame.withUnsafeBytes { ZSTD_decompress(out.baseAddress, out.count, $0.baseAddress, $0.count) }
        }
        guard ZSTD_isError(written) == 0, written == size else { throw ReaderError(description: "zstd frame does not decompress to \(size) bytes") }
        return output
    }
}
