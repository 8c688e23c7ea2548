/// A JSON value written deterministically: object keys keep their given order, numbers are
/// written locale-free, strings are escaped as in the chart data files.
///
/// Used for `site/data/quality.json`, `podium catalog --format json` and `podium query --format json`.
indirect enum JSON: Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    static func == (lhs: JSON, rhs: JSON) -> Bool { lhs.rendered() == rhs.rendered() }

    /// A query result cell as JSON.
    init(_ value: Value) {
        switch value {
        case .null: self = .null
        case .integer(let number): self = .int(number)
        case .real(let number): self = number.isFinite ? .double(number) : .null
        case .text(let text): self = .string(text)
        }
    }

    /// An optional string, `null` when absent.
    static func string(_ text: String?) -> JSON { text.map { .string($0) } ?? .null }

    /// The value as indented JSON text (two spaces), ending without a newline. Arrays of
    /// scalars stay on one line.
    func rendered(indent: Int = 0) -> String {
        var out = ""
        write(into: &out, indent: indent)
        return out
    }

    /// Appends the value to `out` (one growing string: building every nested value as its own
    /// string cost ~1,000 instructions per byte of quality.json).
    private func write(into out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .double(let value):
            if value == value.rounded(), abs(value) < 1e15 { out += String(Int64(value)) } else { out += "\(value)" }
        case .string(let text): DataExport.appendJSONString(text, to: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
            } else if items.allSatisfy(\.isScalar) {
                out += "["
                for (index, item) in items.enumerated() {
                    if index > 0 { out += ", " }
                    item.write(into: &out, indent: 0)
                }
                out += "]"
            } else {
                out += "[\n"
                for (index, item) in items.enumerated() {
                    if index > 0 { out += ",\n" }
                    Self.pad(&out, indent + 1)
                    item.write(into: &out, indent: indent + 1)
                }
                out += "\n"
                Self.pad(&out, indent)
                out += "]"
            }
        case .object(let pairs):
            if pairs.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (index, (key, value)) in pairs.enumerated() {
                if index > 0 { out += ",\n" }
                Self.pad(&out, indent + 1)
                DataExport.appendJSONString(key, to: &out)
                out += ": "
                value.write(into: &out, indent: indent + 1)
            }
            out += "\n"
            Self.pad(&out, indent)
            out += "}"
        }
    }

    private static func pad(_ out: inout String, _ indent: Int) {
        for _ in 0..<indent { out += "  " }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }
}
