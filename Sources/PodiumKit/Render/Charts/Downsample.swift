/// Downsampling of long series, so a page with a 100,000-point line stays small but keeps the
/// line's shape.
enum Downsample {
    /// The most points a line series draws before it is downsampled.
    static let defaultLimit = 1000

    /// Largest Triangle Three Buckets (Steinarsson, 2013): the indexes of at most `threshold`
    /// points of (`x`, `y`) that keep the visual shape. The first and last points are always kept;
    /// each bucket in between keeps the point forming the largest triangle with the point kept
    /// before it and the average of the next bucket. Ties keep the earlier point.
    /// - Returns: ascending indexes; all of them when `threshold >= x.count`.
    static func lttb(x: [Double], y: [Double], threshold: Int) -> [Int] {
        let count = min(x.count, y.count)
        if threshold >= count || count <= 2 { return Array(0..<count) }
        if threshold < 3 { return [0, count - 1] }
        let every = Double(count - 2) / Double(threshold - 2)
        var kept = [0]
        var anchor = 0
        for bucket in 0..<(threshold - 2) {
            // The average of the next bucket (the last point, for the last bucket).
            let nextStart = Int(Double(bucket + 1) * every) + 1
            let nextEnd = min(Int(Double(bucket + 2) * every) + 1, count)
            var averageX = 0.0, averageY = 0.0
            for index in nextStart..<max(nextEnd, nextStart + 1) where index < count {
                averageX += x[index]
                averageY += y[index]
            }
            let size = Double(max(min(nextEnd, count) - nextStart, 1))
            averageX /= size
            averageY /= size
            // The point of this bucket with the largest triangle.
            let start = Int(Double(bucket) * every) + 1
            let end = min(Int(Double(bucket + 1) * every) + 1, count - 1)
            var best = start, bestArea = -1.0
            for index in start..<max(end, start + 1) {
                let area = abs((x[anchor] - averageX) * (y[index] - y[anchor])
                    - (x[anchor] - x[index]) * (averageY - y[anchor]))
                if area > bestArea {
                    bestArea = area
                    best = index
                }
            }
            kept.append(best)
            anchor = best
        }
        kept.append(count - 1)
        return kept
    }
}
