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
        let pad = String(repeating: "  ", count: indent)
        let inner = String(repeating: "  ", count: indent + 1)
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .double(let value):
            if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            return "\(value)"
        case .string(let text): return DataExport.jsonString(text)
        case .array(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy(\.isScalar) {
                return "[" + items.map { $0.rendered() }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { inner + $0.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n\(pad)]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n" + pairs.map { inner + DataExport.jsonString($0.0) + ": " + $0.1.rendered(indent: indent + 1) }
                .joined(separator: ",\n") + "\n\(pad)}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }
}
