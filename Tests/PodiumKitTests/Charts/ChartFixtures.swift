@testable import PodiumKit

/// Small chart inputs shared by the chart tests: real Tokyo 2020 medal rows plus synthetic data.
enum ChartFixtures {
    /// The top 15 delegations by gold (Medals.csv, rows 1–15).
    static let top15: [(String, Int64, Int64, Int64)] = [
        ("United States of America", 39, 41, 33),
        ("People's Republic of China", 38, 32, 18),
        ("Japan", 27, 14, 17),
        ("Great Britain", 22, 21, 22),
        ("ROC", 20, 28, 23),
        ("Australia", 17, 7, 22),
        ("Netherlands", 10, 12, 14),
        ("France", 10, 12, 11),
        ("Germany", 10, 11, 16),
        ("Italy", 10, 10, 20),
        ("Canada", 7, 6, 11),
        ("Brazil", 7, 6, 8),
        ("New Zealand", 7, 6, 7),
        ("Cuba", 7, 3, 5),
        ("Hungary", 6, 7, 7),
    ]

    /// `country, gold, silver, bronze` for the top 15.
    static let medals = QueryResult(
        columns: ["country", "gold", "silver", "bronze"],
        rows: top15.map { [.text($0.0), .integer($0.1), .integer($0.2), .integer($0.3)] })

    /// A chart spec with defaults for the fields a test does not care about.
    static func spec(_ id: String, _ kind: ChartKind, title: String = "Test chart", x: String, y: [String],
                     colors: [String: String] = [:], xTitle: String? = nil, yTitle: String? = nil,
                     subtitle: String? = nil, stacked: Bool = false, markers: Bool? = nil) -> ChartSpec {
        ChartSpec(id: id, kind: kind, title: title, subtitle: subtitle, sql: "select 1", x: x, y: y,
                  colors: colors, xTitle: xTitle, yTitle: yTitle, stacked: stacked, markers: markers)
    }
}
