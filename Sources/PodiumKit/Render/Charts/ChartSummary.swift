import Foundation

/// The generated description of a chart for screen readers (the SVG's `<desc>`): what is drawn,
/// over how many categories or points, and each series' highest and lowest value.
enum ChartSummary {
    /// At most this many series are described value by value.
    static let maxDescribedSeries = 4

    /// A sentence or a few: "Bar chart of gold, silver for 15 categories. Highest gold: United
    /// States of America (39); lowest: Kenya (4). …"
    static func text(_ spec: ChartSpec, _ data: ChartData) -> String {
        let kind = name(spec)
        let names = data.series.map(\.name).joined(separator: ", ")
        var sentences: [String] = []
        if data.isEmpty {
            sentences.append("\(kind) of \(names): no data.")
            if case .text(let text) = spec.empty { sentences.append(sentence(text)) }
        } else {
            let count = data.labels.count
            if spec.kind.rowNoun == .categories {
                sentences.append("\(kind) of \(names) for \(String(counting: count, "category", plural: "categories")).")
            } else {
                var sentence = "\(kind) of \(names) over \(String(counting: count, "point"))"
                if count > 1, let (first, last) = xRange(data) { sentence += ", \(spec.x) from \(first) to \(last)" }
                sentences.append(sentence + ".")
            }
            for series in data.series.prefix(maxDescribedSeries) {
                let present = series.values.enumerated().compactMap { row, value in value.map { (row, $0) } }
                // The first of equal values wins, so the text is stable.
                guard let high = present.max(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 > $1.0) }),
                      let low = present.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else {
                    sentences.append("\(series.name): no values.")
                    continue
                }
                if present.count == 1 || high.1 == low.1 {
                    sentences.append("\(series.name): \(TickFormat.value(high.1))" +
                                     (present.count == 1 ? " (\(data.xText(high.0)))." : " everywhere."))
                } else {
                    sentences.append("Highest \(series.name): \(data.xText(high.0)) (\(TickFormat.value(high.1))); " +
                                     "lowest: \(data.xText(low.0)) (\(TickFormat.value(low.1))).")
                }
            }
            if data.stacked, data.series.count > 1, let (row, total) = data.totals.enumerated().max(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 > $1.0) }) {
                sentences.append("Highest total: \(data.xText(row)) (\(TickFormat.value(total))).")
            }
            if data.series.count > maxDescribedSeries {
                sentences.append("\(data.series.count - maxDescribedSeries) more series; see the data table.")
            }
            let missing = data.series.reduce(0) { $0 + $1.values.filter { $0 == nil }.count }
            if missing > 0 { sentences.append("\(missing) \(missing == 1 ? "value is" : "values are") missing.") }
        }
        if let subtitle = spec.subtitle.map(sentence), !subtitle.isEmpty { sentences.insert(subtitle, at: 0) }
        return sentences.joined(separator: " ")
    }

    /// `text` as a sentence of the description: trimmed, with a full stop unless it already ends
    /// one (`.`, `!`, `?`, `…`, also before a closing quote or bracket).
    static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return "" }
        let closers: Set<Character> = ["\"", "'", ")", "]", "\u{201D}", "\u{2019}", "\u{BB}"]
        let end = trimmed.reversed().first { !closers.contains($0) }
        if let end, ".!?…".contains(end) { return trimmed }
        return trimmed + "."
    }

    /// "Bar chart", "Stacked horizontal bar chart", "Line chart", "Area chart"…
    static func name(_ spec: ChartSpec) -> String {
        spec.kind.summaryName(stacked: spec.stacked && spec.kind.stacks && spec.y.count > 1)
    }

    /// The first and last x, in x order for numeric x.
    private static func xRange(_ data: ChartData) -> (String, String)? {
        if let xNumbers = data.xNumbers {
            let rows = xNumbers.indices.filter { xNumbers[$0] != nil }
            guard let low = rows.min(by: { xNumbers[$0]! < xNumbers[$1]! }),
                  let high = rows.max(by: { xNumbers[$0]! < xNumbers[$1]! }) else { return nil }
            return (data.xText(low), data.xText(high))
        }
        guard let first = data.labels.first, let last = data.labels.last else { return nil }
        return (first, last)
    }
}
