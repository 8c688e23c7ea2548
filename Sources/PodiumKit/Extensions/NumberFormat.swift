/// Locale-free number formatting shared by every renderer, so output never depends on the locale.
public enum NumberFormat {
    /// A plain decimal rendering: integers without a fraction, others with up to 6 significant
    /// fraction digits and no trailing zeros. `2.0` → `"2"`, `0.125` → `"0.125"`.
    public static func plain(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return fixed(value, digits: 6)
    }

    /// `value` with at most `digits` fraction digits, trailing zeros removed.
    public static func fixed(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let negative = value < 0 && scaled != 0
        let whole = Int64(scaled / scale)
        var fraction = Int64(scaled - Double(whole) * scale)
        var text = String(whole)
        if fraction > 0 {
            var digitsText = String(fraction)
            while digitsText.count < digits { digitsText = "0" + digitsText }
            while digitsText.hasSuffix("0") { digitsText.removeLast(); fraction /= 10 }
            text += "." + digitsText
        }
        return negative ? "-" + text : text
    }
}
