/// A value that Thrift serializes as a struct (or a union: a struct with one field set).
protocol ThriftStruct {
    /// Writes the struct's fields, in increasing id order, without the closing stop byte.
    func writeFields(to writer: inout ThriftCompactWriter)
}

/// An encoder for Apache Thrift's compact protocol, the encoding of a Parquet file's footer and
/// page headers: just what Parquet's structs need (integers, binary, booleans, structs, lists).
///
/// Fields are written in increasing id order; a field's header holds the delta from the last id
/// when it is 1…15, else the type and the id as a zigzag varint. Integers are zigzag varints,
/// binary is a varint length and the bytes, a struct ends with a stop byte (0).
/// Reference: <https://github.com/apache/thrift/blob/master/doc/specs/thrift-compact-protocol.md>.
struct ThriftCompactWriter {
    /// The compact protocol's type codes, as they appear in field and list headers.
    enum FieldType: UInt8 {
        case booleanTrue = 1, booleanFalse = 2, byte = 3, i16 = 4, i32 = 5, i64 = 6, double = 7
        case binary = 8, list = 9, set = 10, map = 11, structure = 12
    }

    /// The encoded bytes so far.
    private(set) var bytes: [UInt8] = []
    private var lastFieldID: Int16 = 0
    private var enclosingFieldIDs: [Int16] = []

    /// The compact encoding of one top-level struct.
    static func encode(_ value: some ThriftStruct) -> [UInt8] {
        var writer = ThriftCompactWriter()
        writer.writeStruct(value)
        return writer.bytes
    }

    // MARK: - Fields

    /// Writes an `i16` field.
    mutating func field(_ id: Int16, i16 value: Int16) {
        fieldHeader(id, .i16)
        writeVarint(zigzag(Int64(value)))
    }

    /// Writes an `i32` field.
    mutating func field(_ id: Int16, i32 value: Int32) {
        fieldHeader(id, .i32)
        writeVarint(zigzag(Int64(value)))
    }

    /// Writes an `i64` field.
    mutating func field(_ id: Int16, i64 value: Int64) {
        fieldHeader(id, .i64)
        writeVarint(zigzag(value))
    }

    /// Writes a `bool` field: its value is the header's type (1 true, 2 false), with no byte after.
    mutating func field(_ id: Int16, bool value: Bool) {
        fieldHeader(id, value ? .booleanTrue : .booleanFalse)
    }

    /// Writes a `binary` field.
    mutating func field(_ id: Int16, binary value: some Collection<UInt8>) {
        fieldHeader(id, .binary)
        writeBinary(value)
    }

    /// Writes a `string` field (binary holding UTF-8).
    mutating func field(_ id: Int16, string value: String) {
        field(id, binary: Array(value.utf8))
    }

    /// Writes a struct (or union) field.
    mutating func field(_ id: Int16, struct value: some ThriftStruct) {
        fieldHeader(id, .structure)
        writeStruct(value)
    }

    /// Writes a `list<struct>` field.
    mutating func field<Element: ThriftStruct>(_ id: Int16, list: [Element]) {
        fieldHeader(id, .list)
        listHeader(count: list.count, .structure)
        for element in list { writeStruct(element) }
    }

    /// Writes a `list<i32>` field.
    mutating func field(_ id: Int16, i32List list: [Int32]) {
        fieldHeader(id, .list)
        listHeader(count: list.count, .i32)
        for element in list { writeVarint(zigzag(Int64(element))) }
    }

    /// Writes a `list<string>` field.
    mutating func field(_ id: Int16, stringList list: [String]) {
        fieldHeader(id, .list)
        listHeader(count: list.count, .binary)
        for element in list { writeBinary(Array(element.utf8)) }
    }

    // MARK: - Structs and primitives

    /// Writes a struct's fields and its stop byte; field ids inside start again from 0.
    mutating func writeStruct(_ value: some ThriftStruct) {
        enclosingFieldIDs.append(lastFieldID)
        lastFieldID = 0
        value.writeFields(to: &self)
        bytes.append(0)
        lastFieldID = enclosingFieldIDs.removeLast()
    }

    /// Appends an unsigned LEB128 varint.
    mutating func writeVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Zigzag encoding: 0 → 0, −1 → 1, 1 → 2, −2 → 3, …
    func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    private mutating func writeBinary(_ value: some Collection<UInt8>) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    private mutating func fieldHeader(_ id: Int16, _ type: FieldType) {
        let delta = Int(id) - Int(lastFieldID)
        if delta > 0, delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeVarint(zigzag(Int64(id)))
        }
        lastFieldID = id
    }

    private mutating func listHeader(count: Int, _ type: FieldType) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | type.rawValue)
        } else {
            bytes.append(0xF0 | type.rawValue)
            writeVarint(UInt64(count))
        }
    }
}
