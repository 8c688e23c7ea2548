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
        // Past Int64 no digit after the point is significant: the shortest form (`1.5e+20`)
        // rather than a trap converting it.
        guard abs(value) < 9.0e18 else { return value.description }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let negative = value < 0 && scaled != 0
        let whole = Int64(scaled / scale)
        var fraction = Int64(scaled - Double(whole) * scale)
        // The fraction is written zero-padded to `digits` places, then its trailing zeros dropped.
        var places = 0
        if fraction > 0 {
            places = max(digits, decimalLength(fraction))
            while fraction % 10 == 0 { fraction /= 10; places -= 1 }
        }
        // Written as bytes into one buffer: this runs for every coordinate of every chart, and
        // string concatenation cost several times as much.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24 + max(places, 20)) { buffer in
            var count = 0
            func put(_ byte: UInt8) { buffer[count] = byte; count += 1 }
            func putDigits(_ number: Int64, width: Int) {
                let length = decimalLength(number)
                for _ in 0..<max(width - length, 0) { put(UInt8(ascii: "0")) }
                var rest = number, position = count + length
                count = position
                repeat {
                    position -= 1
                    buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                } while rest > 0
            }
            if negative { put(UInt8(ascii: "-")) }
            putDigits(whole, width: 0)
            if fraction > 0 {
                put(UInt8(ascii: "."))
                putDigits(fraction, width: places)
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
        }
    }

    /// The number of decimal digits of a non-negative number (1 for 0).
    private static func decimalLength(_ number: Int64) -> Int {
        var length = 1, rest = number
        while rest >= 10 { rest /= 10; length += 1 }
        return length
    }
}
