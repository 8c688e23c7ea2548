/// How an inline value (`{{totals.athletes | integer}}`) is written in prose. English only for
/// now: every rule that depends on the language (grouping, month names, ordinal suffixes, the
/// minus sign) is in this one type, so a `locale:` can choose another set later.
///
/// Negative numbers are written with the minus sign U+2212 (`−2`), as typeset text does: it is as
/// wide as `+` and a browser never breaks a line after it.
public enum ValueFormat: Equatable, Sendable {
    /// Integers grouped by thousands, reals to sensible digits (`plain(_:)`), text as is.
    case automatic
    /// A whole number grouped by thousands: `11,085`.
    case integer
    /// A number with exactly `n` fraction digits, grouped: `fixed(1)` → `0.5`, `1,234.0`.
    case fixed(Int)
    /// A 0–1 ratio as a percentage with `n` fraction digits: `percent(1)` of 0.2521 → `25.2%`.
    case percent(Int)
    /// A whole number as an English ordinal: `1st`, `2nd`, `3rd`, `11th`, `22nd`.
    case ordinal
    /// A signed change: `+3`, `−2`, `0`.
    case change
    /// An ISO date (`2021-07-23`, a time after it is ignored) in words: `23 July 2021`.
    case date

    /// The names a placeholder may use, for messages.
    public static let names = ["integer", "fixed(N)", "percent(N)", "ordinal", "change", "date"]

    /// The minus sign of negative numbers.
    static let minus = "\u{2212}"
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                         "September", "October", "November", "December"]

    /// Why a value cannot be written in a format.
    public struct Mismatch: Error, Equatable, Sendable {
        /// Says what the value is and what the format needs: "expects a number, found 'abc'".
        public var message: String
    }

    /// Reads a format's name as written in a placeholder: `integer`, `fixed(1)`, `percent`,
    /// `percent(1)`; nil when it is not one.
    public static func parse(_ name: String) -> ValueFormat? {
        switch name {
        case "integer": return .integer
        case "ordinal": return .ordinal
        case "change": return .change
        case "date": return .date
        case "percent": return .percent(0)
        default: break
        }
        for (prefix, make) in [("fixed(", ValueFormat.fixed), ("percent(", ValueFormat.percent)] {
            guard name.hasPrefix(prefix), name.hasSuffix(")") else { continue }
            let digits = name.dropFirst(prefix.count).dropLast()
            guard let count = Int(digits), count >= 0, count <= 10, digits.allSatisfy(\.isASCII) else { return nil }
            return make(count)
        }
        return nil
    }

    /// Writes a value; nil for NULL (the placeholder's fallback is used then).
    /// - Throws: `Mismatch` when the value is not of the kind the format needs.
    public func format(_ value: Value) throws(Mismatch) -> String? {
        if case .null = value { return nil }
        switch self {
        case .automatic:
            switch value {
            case .integer(let number): return Self.grouped(number)
            case .real(let number): return Self.automaticReal(number)
            case .text(let text): return text
            case .null: return nil
            }
        case .integer:
            return Self.grouped(Self.rounded(try number(value), digits: 0).whole)
        case .fixed(let digits):
            return Self.fixed(try number(value), digits: digits)
        case .percent(let digits):
            return Self.fixed(try number(value) * 100, digits: digits) + "%"
        case .ordinal:
            return Self.ordinal(try whole(value))
        case .change:
            let number = try whole(value)
            return number > 0 ? "+" + Self.grouped(number) : Self.grouped(number)
        case .date:
            return try Self.date(value)
        }
    }

    // MARK: - Numbers

    /// The value as a number; text that reads as one counts (engines may return numbers as text).
    private func number(_ value: Value) throws(Mismatch) -> Double {
        if let number = value.number, number.isFinite { return number }
        if case .text(let text) = value, let number = Double(text), number.isFinite { return number }
        throw Mismatch(message: "\(description) expects a number, found '\(value.text)'")
    }

    /// The value as a whole number; a real must have no fraction.
    private func whole(_ value: Value) throws(Mismatch) -> Int64 {
        if case .integer(let number) = value { return number }
        let number = try number(value)
        guard number == number.rounded(), abs(number) < 9e15 else {
            throw Mismatch(message: "\(description) expects a whole number, found '\(value.text)'")
        }
        return Int64(number)
    }

    /// `number` rounded half away from zero to `digits` fraction digits: sign, whole part and the
    /// fraction digits as text.
    private static func rounded(_ number: Double, digits: Int) -> (negative: Bool, whole: Int64, fraction: String) {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(number) * scale).rounded()
        let whole = Int64(scaled / scale)
        let fraction = Int64(scaled - Double(whole) * scale)
        var fractionText = digits == 0 ? "" : String(fraction)
        fractionText = String(repeating: "0", count: max(digits - fractionText.count, 0)) + fractionText
        let negative = number < 0 && scaled != 0
        return (negative, negative ? -whole : whole, fractionText)
    }

    /// `number` with exactly `digits` fraction digits, its whole part grouped.
    static func fixed(_ number: Double, digits: Int) -> String {
        let (negative, whole, fraction) = rounded(number, digits: digits)
        let sign = negative && whole == 0 ? minus : ""
        return sign + grouped(whole) + (digits > 0 ? "." + fraction : "")
    }

    /// Grouped by thousands with commas: `11085` → `11,085`, `-2` → `−2`.
    static func grouped(_ number: Int64) -> String {
        let digits = String(number.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (number < 0 ? minus : "") + out
    }

    /// A real without a chosen format: up to 2 fraction digits from 1 on (`1,234.57`, `2.5`),
    /// 3 significant digits below (`0.0123`), trailing zeros dropped.
    static func automaticReal(_ number: Double) -> String {
        guard number.isFinite else { return NumberFormat.plain(number) }
        var digits = 2
        var magnitude = abs(number)
        if magnitude > 0, magnitude < 1 {
            digits = 3
            while magnitude < 0.1, digits < 12 { magnitude *= 10; digits += 1 }
        }
        var text = fixed(number, digits: digits)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == minus + "0" ? "0" : text
    }

    /// Items as an English list: `A`, `A and B`, `A, B and C` (no serial comma, as the pages'
    /// prose is written).
    public static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }

    /// `1st`, `2nd`, `3rd`, `4th`, `11th`–`13th`, `21st`, `111th`.
    static func ordinal(_ number: Int64) -> String {
        let lastTwo = number.magnitude % 100
        let suffix: String
        if (11...13).contains(lastTwo) {
            suffix = "th"
        } else {
            switch lastTwo % 10 {
            case 1: suffix = "st"
            case 2: suffix = "nd"
            case 3: suffix = "rd"
            default: suffix = "th"
            }
        }
        return grouped(number) + suffix
    }

    // MARK: - Dates

    private static func date(_ value: Value) throws(Mismatch) -> String {
        let text = value.text
        let bytes = Array(text.utf8.prefix(10))
        func digits(_ range: Range<Int>) -> Int? {
            guard bytes.count == 10 else { return nil }
            var number = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                number = number * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return number
        }
        let rest = text.utf8.dropFirst(10)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10),
              (1...12).contains(month), (1...CivilDate.daysIn(month: month, year: year)).contains(day),
              rest.isEmpty || rest.first == UInt8(ascii: "T") || rest.first == UInt8(ascii: " ")
        else {
            throw Mismatch(message: "date expects an ISO date (2021-07-23), found '\(text)'")
        }
        return "\(day) \(months[month - 1]) \(year)"
    }

    /// The format as written in a placeholder.
    public var description: String {
        switch self {
        case .automatic: "the default format"
        case .integer: "integer"
        case .fixed(let digits): "fixed(\(digits))"
        case .percent(let digits): "percent(\(digits))"
        case .ordinal: "ordinal"
        case .change: "change"
        case .date: "date"
        }
    }
}
