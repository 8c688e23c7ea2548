/// Parses typed values straight from UTF-8 bytes, without making a `String` for integers and
/// dates. Shared by type inference and staging, so both agree on what a value is.
public enum ValueParser {
    private static let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")
    private static let plus = UInt8(ascii: "+"), minus = UInt8(ascii: "-")

    /// An optional sign followed by one or more ASCII digits, if the value fits `Int64`.
    public static func int64(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        var negative = false
        if let first = bytes.first, first == plus || first == minus {
            negative = first == minus
            index = 1
        }
        guard index < bytes.count else { return nil }
        // Accumulate negatively so Int64.min parses.
        var result: Int64 = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte >= zero, byte <= nine else { return nil }
            let (times10, o1) = result.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.subtractingReportingOverflow(Int64(byte - zero))
            if o1 || o2 { return nil }
            result = next
            index += 1
        }
        if negative { return result }
        let (positive, overflow) = result.multipliedReportingOverflow(by: -1)
        return overflow ? nil : positive
    }

    /// Whether the value is a decimal number: `[+-]digits[.digits][e[+-]digits]`, with digits on at
    /// least one side of the point (`1`, `-2.5`, `.5`, `3.`, `1e-3`). No `inf`, `nan` or hex.
    public static func isDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= zero, bytes[index] <= nine { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == plus || bytes[index] == minus { index += 1 }
        var mantissa = digits()
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == plus || bytes[index] == minus { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }

    /// The value as a `Double`, if it is a decimal number (see `isDecimal(_:)`).
    public static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard isDecimal(bytes) else { return nil }
        // Double(_:) over a String is locale-free; short values fit a small string (no allocation).
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    /// Whether the value is an ISO 8601 calendar date `YYYY-MM-DD` with a valid month and day.
    public static func isDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 10, bytes[4] == minus, bytes[7] == minus else { return false }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= zero, byte <= nine else { return nil }
                value = value * 10 + Int(byte - zero)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), day >= 1
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }
}
