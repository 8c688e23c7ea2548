/// Reads a KPI block's tiles from its query results: the checks after the queries ran, and the
/// text (never markup) each tile shows.
public enum KPIValues {
    /// What one tile shows, all plain text: ``KPIRenderer`` escapes it.
    public struct Resolved: Equatable, Sendable {
        public var label: String
        /// The formatted number, or the fallback text.
        public var value: String
        /// Whether ``value`` is the fallback (the value was NULL or missing).
        public var isFallback: Bool
        /// "33.4% of 1,080" or "+3 vs Rio 2016"; nil without a comparison (or when it cannot be computed).
        public var comparison: String?
        /// The tile's `note:`.
        public var note: String?
        /// The sparkline's points in order, NULLs dropped; nil without a sparkline.
        public var series: [Double]?
    }

    /// The text shown for a missing value when neither the tile nor the block declares `empty:`.
    public static let defaultEmpty = "–"

    /// Problems between the site's KPI blocks and their results: a column a tile names that the
    /// query does not return (an error at its name, with a suggestion), a value the tile's format
    /// cannot write (an error), a NULL or missing value without a declared fallback (a warning),
    /// and ids used by another KPI block or a chart (an error).
    /// - Parameters:
    ///   - pages: every page of the site.
    ///   - results: the query results, keyed by ``KPISpec/resultID`` and ``KPISpec/seriesResultID``.
    /// - Returns: the diagnostics, in page and tile order.
    public static func check(_ pages: [Page], results: [String: QueryResult]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var first: [String: Diagnostic.Location?] = [:]
        for page in pages { for chart in page.charts { first[chart.id] = first[chart.id] ?? chart.location } }
        for page in pages {
            for spec in page.kpis {
                if let earlier = first[spec.id] {
                    diagnostics.append(.error("kpi id '\(spec.id)' is already used", at: spec.location,
                                              notes: [.init("first used here", at: earlier)],
                                              hint: "ids of charts and kpi blocks are unique across the site: they name embed and data files"))
                    continue
                }
                first[spec.id] = spec.location
                guard let result = results[spec.resultID] else { continue }
                diagnostics += check(spec, result, series: results[spec.seriesResultID])
            }
        }
        return diagnostics
    }

    /// The problems of one block (see ``check(_:results:)``).
    public static func check(_ spec: KPISpec, _ result: QueryResult, series: QueryResult?) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func unknown(_ key: String, _ column: String, _ tile: KPISpec.Tile, in result: QueryResult, query: String) {
            let suggestion = column.closestMatch(in: result.columns)
            let available = result.columns.map { "'\($0)'" }.joined(separator: ", ")
            diagnostics.append(.error(
                "kpi '\(spec.id)': \(key) column '\(column)' is not in the \(query) query's result"
                    + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                at: tile.locations[key] ?? spec.location,
                hint: "the query returns \(available.isEmpty ? "no columns" : available); name one of them or change the `\(query)`"))
        }
        for tile in spec.tiles {
            var known = true
            for (key, column) in [("value", tile.value), ("share_of", tile.shareOf), ("compare", tile.compare)] {
                guard let column, result.columnIndex(column) == nil else { continue }
                unknown(key, column, tile, in: result, query: "sql")
                known = false
            }
            if let column = tile.sparkline, let series, series.columnIndex(column) == nil {
                unknown("sparkline", column, tile, in: series, query: "series")
            }
            guard known else { continue }
            let at = tile.locations["value"] ?? spec.location
            guard let row = result.rows.first, case let value = row[result.columnIndex(tile.value)!], value != .null else {
                guard tile.empty ?? spec.empty == nil else { continue }
                diagnostics.append(.warning(
                    "kpi '\(spec.id)': tile '\(tile.label)' shows \"\(defaultEmpty)\": "
                        + (result.rows.isEmpty ? "the query returned no rows" : "its value is NULL"),
                    at: at, hint: "check the sql with `podium query`; if that is expected, say what to show: "
                        + "`empty: not yet known` in the tile or the block"))
                continue
            }
            do {
                _ = try tile.format.format(value)
                for column in [tile.shareOf, tile.compare].compactMap({ $0 }) {
                    let other = row[result.columnIndex(column)!]
                    guard other == .null || other.number != nil || Double(other.text) != nil else {
                        throw ValueFormat.Mismatch(message: "'\(column)' must hold a number to compare with, found '\(other.text)'")
                    }
                }
                if tile.shareOf != nil || tile.compare != nil, number(value) == nil {
                    throw ValueFormat.Mismatch(message: "a comparison needs a number, found '\(value.text)'")
                }
            } catch {
                let message = (error as? ValueFormat.Mismatch)?.message ?? "\(error)"
                diagnostics.append(.error("kpi '\(spec.id)': tile '\(tile.label)': \(message)", at: at,
                                          hint: "choose another format (\(ValueFormat.names.joined(separator: ", "))) or none, or change the query"))
            }
        }
        return diagnostics
    }

    /// What each tile of a block shows. Values that ``check(_:_:series:)`` reports show as the fallback.
    public static func resolve(_ spec: KPISpec, _ result: QueryResult, series: QueryResult?) -> [Resolved] {
        let row = result.rows.first
        func cell(_ column: String?) -> Value? {
            guard let column, let row, let index = result.columnIndex(column), index < row.count else { return nil }
            return row[index]
        }
        return spec.tiles.map { tile in
            let fallback = tile.empty ?? spec.empty ?? defaultEmpty
            var resolved = Resolved(label: tile.label, value: fallback, isFallback: true, note: tile.note)
            let value = cell(tile.value) ?? .null
            if let text = try? tile.format.format(value) {
                resolved.value = text
                resolved.isFallback = false
                resolved.comparison = comparison(tile, value: value, share: cell(tile.shareOf), other: cell(tile.compare))
            }
            if let column = tile.sparkline, let series, let index = series.columnIndex(column) {
                resolved.series = series.rows.compactMap { index < $0.count ? number($0[index]) : nil }
            }
            return resolved
        }
    }

    /// "33.4% of 1,080" (share) or "+3 vs Rio 2016" (difference); nil when a number is missing or the total is 0.
    static func comparison(_ tile: KPISpec.Tile, value: Value, share: Value?, other: Value?) -> String? {
        guard let number = number(value) else { return nil }
        let format = tile.format == .automatic || tile.format == .ordinal || tile.format == .date ? .automatic : tile.format
        if let share, let total = self.number(share), total != 0 {
            guard let percent = try? ValueFormat.percent(1).format(.real(number / total)),
                  let whole = try? format.format(share) else { return nil }
            return "\(percent) of \(whole)"
        }
        if let other, let base = self.number(other) {
            let difference = number - base
            let changeText: String
            if difference == difference.rounded(), abs(difference) < 9e15 {
                changeText = (try? ValueFormat.change.format(.integer(Int64(difference)))) ?? ""
            } else {
                let magnitude = (try? format.format(.real(abs(difference)))) ?? ValueFormat.automaticReal(abs(difference))
                changeText = (difference > 0 ? "+" : ValueFormat.minus) + magnitude
            }
            let named = tile.compareLabel ?? (try? format.format(other)) ?? base.description
            return "\(changeText) vs \(named)"
        }
        return nil
    }

    /// A value as a number: numbers, and text that reads as one; nil otherwise.
    static func number(_ value: Value) -> Double? {
        if let number = value.number, number.isFinite { return number }
        if case .text(let text) = value, let number = Double(text), number.isFinite { return number }
        return nil
    }
}
