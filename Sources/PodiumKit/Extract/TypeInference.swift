/// Infers a `ColumnType` for one column from the values seen so far.
///
/// A value is an integer if it is an optional sign and digits that fit `Int64`; a real if it is a decimal number with an optional
/// exponent; a date if it is an ISO `YYYY-MM-DD` date with a valid month and day; anything else is
/// text. A number with a leading zero (`007`, `01.5`) is taken for a code and makes the column
/// text, so codes keep their zeros. Empty values are nulls and do not count. The column's type is the narrowest type that
/// holds every value: integers and reals mixed give real; a column with no values is text.
public struct TypeInference: Sendable {
    private var sawValue = false
    private var allIntegers = true
    private var allReals = true
    private var allDates = true

    /// A fresh inference with no values seen.
    public init() {}

    /// Infers the type of a column holding `values`.
    public static func infer<S: Sequence>(_ values: S) -> ColumnType where S.Element == String {
        var inference = TypeInference()
        for value in values {
            var value = value
            value.withUTF8 { inference.observe($0) }
        }
        return inference.type
    }

    /// Takes one value (its UTF-8 bytes) into account.
    public mutating func observe(_ value: UnsafeBufferPointer<UInt8>) {
        guard !value.isEmpty else { return }
        sawValue = true
        // A leading zero (`007`, `01.5`) marks a code, not a number: keep it as text.
        let code = Self.hasLeadingZero(value)
        if allIntegers, code || ValueParser.int64(value) == nil { allIntegers = false }
        if allReals, code || !ValueParser.isDecimal(value) { allReals = false }
        if allDates, !ValueParser.isDate(value) { allDates = false }
    }

    /// Takes into account the values another inference saw (of another file of the same column):
    /// the result is what one inference over both files' values would give.
    mutating func merge(_ other: TypeInference) {
        sawValue = sawValue || other.sawValue
        allIntegers = allIntegers && other.allIntegers
        allReals = allReals && other.allReals
        allDates = allDates && other.allDates
    }

    /// The state in four bits, kept per file in the build state so a later build can merge it
    /// without reading the file again.
    var code: Int {
        (sawValue ? 1 : 0) | (allIntegers ? 2 : 0) | (allReals ? 4 : 0) | (allDates ? 8 : 0)
    }

    /// The inference whose state is `code`.
    init(code: Int) {
        sawValue = code & 1 != 0
        allIntegers = code & 2 != 0
        allReals = code & 4 != 0
        allDates = code & 8 != 0
    }

    /// The inferred type.
    public var type: ColumnType {
        guard sawValue else { return .text }
        if allIntegers { return .integer }
        if allReals { return .real }
        if allDates { return .date }
        return .text
    }

    private static func hasLeadingZero(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        var digits = value[...]
        if let first = digits.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            digits = digits.dropFirst()
        }
        guard digits.count > 1, digits.first == UInt8(ascii: "0") else { return false }
        let second = digits[digits.startIndex + 1]
        return second >= UInt8(ascii: "0") && second <= UInt8(ascii: "9")
    }
}
