/// Point markers for line charts. Each series has its own shape as well as its own colour
/// (circle, square, diamond, triangle), so series stay apart for readers who cannot tell the
/// colours apart and in greyscale print.
enum Marker {
    /// The marker's half-size in pixels.
    static let radius = 3.5

    /// A marker for series `index` (0-based) centred on (`x`, `y`).
    static func element(_ index: Int, x: Double, y: Double) -> SVGElement {
        SVGElement("path", ["d": path(index, x: x, y: y)])
    }

    /// The path data of the marker shape for series `index`.
    static func path(_ index: Int, x: Double, y: Double) -> String {
        let r = radius
        func n(_ value: Double) -> String { SVGNumber.format(value) }
        switch index % 4 {
        case 0:
            return "M\(n(x - r)),\(n(y))a\(n(r)),\(n(r)) 0 1,0 \(n(2 * r)),0a\(n(r)),\(n(r)) 0 1,0 \(n(-2 * r)),0Z"
        case 1:
            let s = r * 0.9
            return "M\(n(x - s)),\(n(y - s))h\(n(2 * s))v\(n(2 * s))h\(n(-2 * s))Z"
        case 2:
            let s = r * 1.25
            return "M\(n(x)),\(n(y - s))l\(n(s)),\(n(s))l\(n(-s)),\(n(s))l\(n(-s)),\(n(-s))Z"
        default:
            let s = r * 1.2
            return "M\(n(x)),\(n(y - s))l\(n(s)),\(n(s * 1.7))h\(n(-2 * s))Z"
        }
    }
}
