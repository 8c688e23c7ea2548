import Foundation

/// How chart numbers are written: thousands separators for values ("12,345"), compact units for
/// large tick labels ("12k", "1.2M"), a true minus sign, never a locale.
enum TickFormat {
    /// The minus sign used in displayed numbers (U+2212), as typographers and d3 do.
    static let minus = "\u{2212}"

    /// A data value in full, for tooltips, summaries and tables: `12345.5` → `"12,345.5"`.
    static func value(_ value: Double) -> String {
        grouped(NumberFormat.plain(value))
    }

    /// A data value in full, or the value's text when it is not a number (`.null` → `""`).
    static func value(_ value: Value) -> String {
        if let number = value.number { return self.value(number) }
        return value.text
    }

    /// Labels for ticks spaced `step` apart: compact units once the largest tick reaches 10,000,
    /// otherwise grouped digits with as many decimals as the step needs.
    static func labels(_ ticks: [Double], step: Double) -> [String] {
        let largest = ticks.map(abs).max() ?? 0
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e4, "k")]
        if let (size, suffix) = units.first(where: { largest >= $0.0 }) {
            let unit = size == 1e4 ? 1e3 : size
            let digits = decimals(for: step / unit)
            return ticks.map { grouped(NumberFormat.fixed($0 / unit, digits: digits)) + ($0 == 0 ? "" : suffix) }
        }
        let digits = decimals(for: step)
        return ticks.map { grouped(NumberFormat.fixed($0, digits: digits)) }
    }

    /// Plain labels without separators, for year-like axes (`2016`, not `2,016`).
    static func plainLabels(_ ticks: [Double], step: Double) -> [String] {
        let digits = decimals(for: step)
        return ticks.map { sign(NumberFormat.fixed($0, digits: digits)) }
    }

    /// The fraction digits a step needs to tell its ticks apart (0.25 → 2, 5 → 0), at most 6.
    static func decimals(for step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        var digits = 0
        var scaled = step
        while digits < 6, abs(scaled - scaled.rounded()) > 1e-9 * max(1, abs(scaled)) {
            scaled *= 10
            digits += 1
        }
        return digits
    }

    /// Inserts thousands separators into a plain decimal (`"-12345.5"` → `"−12,345.5"`), as
    /// `NumberFormat` and `String(Int)` write them; anything else (`NaN`, `Infinity`) is returned
    /// as it is. Works on the bytes: every character it reads or inserts is ASCII.
    static func grouped(_ plain: String) -> String {
        let utf8 = plain.utf8
        let negative = utf8.first == UInt8(ascii: "-")
        let body = negative ? utf8.dropFirst() : utf8[...]
        let dot = body.firstIndex(of: UInt8(ascii: "."))
        let whole = body[..<(dot ?? body.endIndex)]
        guard whole.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return plain }
        if !negative && whole.count <= 3 { return plain }
        var out: [UInt8] = []
        out.reserveCapacity(plain.utf8.count + whole.count / 3 + 3)
        if negative { out.append(contentsOf: minus.utf8) }
        for (index, digit) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { out.append(UInt8(ascii: ",")) }
            out.append(digit)
        }
        if let dot { out.append(contentsOf: body[dot...]) }
        return String(decoding: out, as: UTF8.self)
    }

    private static func sign(_ plain: String) -> String {
        plain.hasPrefix("-") ? minus + plain.dropFirst() : plain
    }
}
