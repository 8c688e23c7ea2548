import Foundation

/// A linear map from a data domain to a pixel range, with "nice" round ticks (1, 2 or 5 × 10^k).
struct LinearScale: Equatable {
    /// The data interval; `domain.lower` maps to `range.lower`.
    var domain: (lower: Double, upper: Double)
    /// The pixel interval (for a y axis, lower is the bottom of the plot, so it is the larger number).
    var range: (lower: Double, upper: Double)

    static func == (a: LinearScale, b: LinearScale) -> Bool {
        a.domain == b.domain && a.range == b.range
    }

    /// Maps a data value to a pixel position.
    func callAsFunction(_ value: Double) -> Double {
        let span = domain.upper - domain.lower
        if span == 0 { return (range.lower + range.upper) / 2 }
        return range.lower + (value - domain.lower) / span * (range.upper - range.lower)
    }

    /// The round step that divides `span` into about `count` intervals: 1, 2 or 5 × 10^k.
    static func niceStep(span: Double, count: Int) -> Double {
        guard span > 0, span.isFinite, count > 0 else { return 1 }
        let raw = span / Double(count)
        let power = pow(10, floor(log10(raw)))
        let ratio = raw / power
        let factor: Double = ratio >= 7.071 ? 10 : ratio >= 3.162 ? 5 : ratio >= 1.414 ? 2 : 1
        return factor * power
    }

    /// `[lower, upper]` widened to multiples of a nice step, and that step. A degenerate interval
    /// is widened first: `[0, 0]` becomes `[0, 1]`, `[v, v]` becomes the interval between 0 and v.
    static func niceDomain(_ lower: Double, _ upper: Double, count: Int) -> (lower: Double, upper: Double, step: Double) {
        var lower = lower, upper = upper
        if lower == upper {
            if lower == 0 { upper = 1 } else if lower > 0 { lower = 0 } else { upper = 0 }
        }
        var step = niceStep(span: upper - lower, count: count)
        // Twice: widening can change the step (d3's approach).
        for _ in 0..<2 {
            lower = (lower / step).rounded(.down) * step
            upper = (upper / step).rounded(.up) * step
            step = niceStep(span: upper - lower, count: count)
        }
        lower = (lower / step).rounded(.down) * step
        upper = (upper / step).rounded(.up) * step
        return (clean(lower, step), clean(upper, step), step)
    }

    /// The multiples of `step` within `[lower, upper]`, computed as integer multiples so they do
    /// not drift (`0.1 * 3` is cleaned to `0.3`).
    static func ticks(_ lower: Double, _ upper: Double, step: Double) -> [Double] {
        guard step > 0, lower <= upper, (upper - lower) / step < 1000 else { return [] }
        let first = Int((lower / step - 1e-9).rounded(.up))
        let last = Int((upper / step + 1e-9).rounded(.down))
        guard first <= last else { return [] }
        return (first...last).map { clean(Double($0) * step, step) }
    }

    /// Rounds away floating-point noise below the step's precision: two decimal digits finer than
    /// the step, however small or large it is (a step of 2e-20 keeps 22 digits after the point).
    private static func clean(_ value: Double, _ step: Double) -> Double {
        let digits = Int((-log10(step)).rounded(.up)) + 2
        let cleaned: Double
        if digits >= 0 {
            let scale = pow(10, Double(digits))
            cleaned = (value * scale).rounded() / scale
        } else {
            let unit = pow(10, Double(-digits))
            cleaned = (value / unit).rounded() * unit
        }
        return cleaned == 0 ? 0 : cleaned  // no negative zero
    }
}
