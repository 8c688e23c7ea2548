import CLibPQ

/// Turns PostgreSQL's text output into `Value`s typed like SQLite's, so both engines give the same
/// results: integers and booleans (1/0) as `.integer`, floats as `.real`, `numeric` as `.integer`
/// when it has no fractional part and fits (a `sum` of integers), else `.real`; anything else is text.
enum PostgresValue {
    /// How a column's values are read.
    enum Kind {
        case integer, real, numeric, boolean, text

        /// The kind of a column of type `oid` (`pg_type.oid`).
        init(oid: Oid) {
            switch oid {
            case 20, 21, 23, 26: self = .integer  // int8, int2, int4, oid
            case 700, 701: self = .real  // float4, float8
            case 1700: self = .numeric
            case 16: self = .boolean
            default: self = .text
            }
        }
    }

    /// The value of one non-null field.
    static func value(_ bytes: UnsafeBufferPointer<UInt8>, kind: Kind) -> Value {
        switch kind {
        case .integer:
            if let number = ValueParser.int64(bytes) { return .integer(number) }
        case .numeric:
            if let number = ValueParser.int64(bytes) { return .integer(number) }
            if let number = ValueParser.double(bytes) { return .real(number) }
        case .real:
            if let number = ValueParser.double(bytes) { return .real(number) }
            switch String(decoding: bytes, as: UTF8.self) {
            case "Infinity": return .real(.infinity)
            case "-Infinity": return .real(-.infinity)
            case "NaN": return .null  // SQLite has no NaN: it stores NULL
            default: break
            }
        case .boolean:
            return .integer(bytes.first == UInt8(ascii: "t") ? 1 : 0)
        case .text:
            break
        }
        return .text(String(decoding: bytes, as: UTF8.self))
    }
}
