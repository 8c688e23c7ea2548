/// Draws one line per series (filled down to zero for `area`). x is a band position (text x) or a linear position (numeric x,
/// rows sorted by x). Nulls break the line; a point alone between gaps still gets its marker.
/// Series longer than the limit are downsampled with LTTB.
enum LineChart {
    /// A point as drawn: its row (for the tooltip) and position.
    struct Point {
        var row: Int
        var x: Double
        var y: Double
        var value: Double
    }

    /// The plot's marks: per series, an area fill (area charts), a path and point markers
    /// (`spec.markers`, or by default when there is room for them); then the end labels.
    static func draw(_ spec: ChartSpec, _ data: ChartData, layout: ChartLayout,
                     limit: Int = Downsample.defaultLimit) -> [SVGElement] {
        var ends: [(series: ChartData.Series, x: Double, y: Double)] = []
        let zero = layout.y.scale(min(max(0, layout.y.scale.domain.lower), layout.y.scale.domain.upper))
        var elements: [SVGElement] = data.series.map { series in
            let segments = downsampled(segments(series, data: data, layout: layout), limit: limit)
            if let last = segments.last?.last { ends.append((series, last.x, last.y)) }
            let pointCount = segments.reduce(0) { $0 + $1.count }
            let showAll = spec.markers ?? (Double(pointCount) <= layout.plot.width / 8)
            var group = SVGElement("g", ["class": "pc-series \(Palette.seriesClass(series.index)) pc-fill pc-stroke",
                                         "fill": series.color, "stroke": series.color])
            func path(_ segment: [Point]) -> String {
                segment.enumerated().map { index, point in
                    (index == 0 ? "M" : "L") + SVGNumber.format(point.x) + "," + SVGNumber.format(point.y)
                }.joined()
            }
            let drawn = segments.filter { $0.count > 1 }
            if spec.kind.marks == .areas, !drawn.isEmpty {
                let d = drawn.map { segment in
                    path(segment) + "L" + SVGNumber.format(segment.last!.x) + "," + SVGNumber.format(zero)
                        + "L" + SVGNumber.format(segment[0].x) + "," + SVGNumber.format(zero) + "Z"
                }.joined()
                group.append(SVGElement("path", ["class": "pc-area", "d": d, "stroke": "none", "fill-opacity": "0.18"]))
            }
            let d = drawn.map(path).joined()
            if !d.isEmpty {
                var line = SVGElement("path", ["class": "pc-line", "d": d, "fill": "none", "stroke-width": "2",
                                               "stroke-linejoin": "round", "stroke-linecap": "round"])
                line.append(SVGElement("title", text: series.name))
                group.append(line)
            }
            var markers = SVGElement("g", ["class": "pc-halo", "stroke": Palette.background, "stroke-width": "1"])
            for segment in segments where showAll || segment.count == 1 {
                for point in segment {
                    var marker = Marker.element(series.index, x: point.x, y: point.y)
                    marker.append(SVGElement("title", text: "\(data.xText(point.row)) — \(series.name): \(TickFormat.value(point.value))"))
                    markers.append(marker)
                }
            }
            if !markers.children.isEmpty { group.append(markers) }
            return group
        }
        if let endLabels = layout.endLabels, let labels = endLabels.draw(ends, plot: layout.plot) {
            elements.append(labels)
        }
        return elements
    }

    /// The runs of consecutive non-null points of `series`, in x order.
    static func segments(_ series: ChartData.Series, data: ChartData, layout: ChartLayout) -> [[Point]] {
        let rows: [Int]
        let position: (Int) -> Double?
        if let xNumbers = data.xNumbers, case .linear(let axis) = layout.x {
            // Stable sort by x; rows without an x are left out.
            rows = xNumbers.indices.filter { xNumbers[$0] != nil }
                .sorted { (xNumbers[$0]!, $0) < (xNumbers[$1]!, $1) }
            position = { xNumbers[$0].map(axis.scale.callAsFunction) }
        } else {
            rows = Array(series.values.indices)
            position = { layout.center($0) }
        }
        var segments: [[Point]] = []
        var current: [Point] = []
        for row in rows {
            if let value = series.values[row], let x = position(row) {
                current.append(Point(row: row, x: x, y: layout.y.scale(value), value: value))
            } else if !current.isEmpty {
                segments.append(current)
                current = []
            }
        }
        if !current.isEmpty { segments.append(current) }
        return segments
    }

    /// `segments` thinned with LTTB when together they hold more than `limit` points; each
    /// segment keeps a share of the limit proportional to its length (at least its two ends).
    static func downsampled(_ segments: [[Point]], limit: Int) -> [[Point]] {
        let total = segments.reduce(0) { $0 + $1.count }
        guard total > limit else { return segments }
        return segments.map { segment in
            let threshold = max(2, Int((Double(segment.count) * Double(limit) / Double(total)).rounded(.down)))
            let kept = Downsample.lttb(x: segment.map(\.x), y: segment.map(\.y), threshold: threshold)
            return kept.map { segment[$0] }
        }
    }
}
