import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// Golden SVGs, one per chart kind and edge case, in `Tests/PodiumKitTests/Golden/ChartTests/`.
/// Re-record with `RECORD_GOLDENS=1 swift test --filter ChartTests`, then look at them.
@Suite struct ChartTests {
    static let goldens = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden/ChartTests").path

    private func golden(_ svg: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        assertGolden(svg, named: name, directory: Self.goldens, sourceLocation: sourceLocation)
    }

    @Test func barSingleSeries() {
        let spec = ChartFixtures.spec("gold-top15", .bar, title: "Gold medals, top 15", x: "country", y: ["gold"],
                                      yTitle: "Gold medals")
        golden(ChartRenderer.svg(spec, ChartFixtures.medals), "bar-single")
    }

    @Test func barGroupedWithCustomColours() {
        let spec = ChartFixtures.spec("medals-top15", .bar, title: "Gold, silver and bronze, top 15 delegations",
                                      x: "country", y: ["gold", "silver", "bronze"],
                                      colors: ["gold": "#C9A227", "silver": "rgb(140, 146, 153)", "bronze": "#a0522d"],
                                      xTitle: "Delegation", yTitle: "Medals")
        golden(ChartRenderer.svg(spec, ChartFixtures.medals), "bar-grouped-colours")
    }

    @Test func barStandalone() {
        let spec = ChartFixtures.spec("medals-top5", .bar, title: "Medals of the top 5 delegations",
                                      x: "country", y: ["gold", "silver", "bronze"],
                                      subtitle: "Tokyo 2020, by gold medals won")
        let result = QueryResult(columns: ChartFixtures.medals.columns, rows: Array(ChartFixtures.medals.rows.prefix(5)))
        let svg = ChartRenderer.standaloneSVG(spec, result)
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        golden(svg, "bar-standalone")
    }

    @Test func lineSingleSeries() {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let visitors: [Int64] = [1200, 1350, 1720, 2480, 3900, 5200, 12345, 11020, 6400, 3100, 1800, 1500]
        let result = QueryResult(columns: ["month", "visitors"],
                                 rows: zip(months, visitors).map { [.text($0), .integer($1)] })
        let spec = ChartFixtures.spec("visitors", .line, title: "Visitors per month", x: "month", y: ["visitors"])
        golden(ChartRenderer.svg(spec, result), "line-single")
    }

    @Test func lineMultiSeriesWithLegend() {
        let result = QueryResult(columns: ["day", "Female athletes", "Male athletes", "Coaches"], rows: (1...16).map { day in
            let d = Double(day)
            return [.text(day <= 8 ? "Jul \(23 + day)" : "Aug \(day - 8)"),
                    .real(400 + 30 * d + (d * 7).truncatingRemainder(dividingBy: 50)),
                    .real(450 + 25 * d + (d * 11).truncatingRemainder(dividingBy: 60)),
                    .integer(Int64(60 + day * 3))]
        })
        let spec = ChartFixtures.spec("entries-by-day", .line, title: "Entries by day",
                                      x: "day", y: ["Female athletes", "Male athletes", "Coaches"], yTitle: "People")
        golden(ChartRenderer.svg(spec, result), "line-multi-legend")
    }

    @Test func lineNumericX() {
        let years: [Int64] = [1996, 2000, 2004, 2008, 2012, 2016, 2021]
        let gold: [Int64] = [44, 37, 36, 36, 46, 46, 39]
        let china: [Int64] = [16, 28, 32, 48, 38, 26, 38]
        let result = QueryResult(columns: ["year", "USA", "China"],
                                 rows: (0..<years.count).map { [.integer(years[$0]), .integer(gold[$0]), .integer(china[$0])] })
        let spec = ChartFixtures.spec("gold-by-year", .line, title: "Gold medals by Games", x: "year", y: ["USA", "China"],
                                      xTitle: "Year")
        let svg = ChartRenderer.svg(spec, result)
        #expect(svg.contains(">2016</text>"))  // years without a thousands separator
        golden(svg, "line-numeric-x")
    }

    // MARK: - Edge cases

    @Test func empty() {
        let spec = ChartFixtures.spec("empty", .bar, title: "Nothing yet", x: "country", y: ["gold"])
        let svg = ChartRenderer.svg(spec, QueryResult(columns: ["country", "gold"], rows: []))
        #expect(svg.contains(">No data</text>"))
        golden(svg, "empty")
    }

    @Test func onePoint() {
        let spec = ChartFixtures.spec("one-point", .line, title: "One point", x: "day", y: ["count"])
        golden(ChartRenderer.svg(spec, QueryResult(columns: ["day", "count"], rows: [[.text("Jul 24"), .integer(42)]])),
               "one-point")
    }

    @Test func allZeros() {
        let spec = ChartFixtures.spec("zeros", .bar, title: "All zeros", x: "country", y: ["gold"])
        let result = QueryResult(columns: ["country", "gold"],
                                 rows: ["Andorra", "Monaco", "San Marino"].map { [.text($0), .integer(0)] })
        golden(ChartRenderer.svg(spec, result), "all-zeros")
    }

    @Test func negativeValues() {
        let spec = ChartFixtures.spec("rank-change", .bar, title: "Change in rank", x: "country", y: ["change", "medals delta"])
        let result = QueryResult(columns: ["country", "change", "medals delta"], rows: [
            [.text("Japan"), .integer(3), .real(12.5)],
            [.text("Great Britain"), .integer(-2), .real(-2.25)],
            [.text("Kenya"), .integer(-14), .real(-3)],
            [.text("Italy"), .integer(1), .real(7.75)],
        ])
        golden(ChartRenderer.svg(spec, result), "negatives")
    }

    @Test func nullsMakeGaps() {
        let values: [Value] = [.integer(5), .integer(8), .null, .integer(6), .null, .integer(9), .integer(12), .null, .integer(3)]
        let result = QueryResult(columns: ["day", "entries", "other"], rows: values.enumerated().map { index, value in
            [.text("Day \(index + 1)"), value, index == 4 ? .integer(4) : .null]
        })
        let spec = ChartFixtures.spec("gaps", .line, title: "Entries with gaps", x: "day", y: ["entries", "other"])
        let svg = ChartRenderer.svg(spec, result)
        #expect(svg.contains("11 values are missing."))
        golden(svg, "nulls")
    }

    @Test func longLabels() {
        let names = ["People's Republic of China", "United States of America", "Lao People's Democratic Republic",
                     "Islamic Republic of Iran", "Hong Kong, China", "Trinidad & Tobago", "Côte d'Ivoire",
                     "Saint Vincent and the Grenadines", "Bosnia and Herzegovina", "Republic of Moldova"]
        let result = QueryResult(columns: ["country", "athletes"], rows: names.enumerated().map { index, name in
            [.text(name), .integer(Int64((index * 7919) % 600 + 4))]
        })
        let spec = ChartFixtures.spec("long-labels", .bar, title: "Athletes", x: "country", y: ["athletes"])
        let svg = ChartRenderer.svg(spec, result)
        #expect(svg.contains("rotate(-45)"))
        #expect(svg.contains("<title>Saint Vincent and the Grenadines</title>"))  // shortened label keeps full text
        golden(svg, "long-labels")
    }

    @Test func hostileText() {
        let hostile = "</svg><script>alert(1)</script>"
        let result = QueryResult(columns: ["name", "a\"b"], rows: [
            [.text(hostile), .integer(3)],
            [.text("\"quoted\" & 'single' <b>"), .integer(5)],
        ])
        let spec = ChartSpec(id: "x\" onload=\"alert(1)", kind: .bar, title: "<img src=x onerror=alert(1)>",
                             subtitle: "]]><!--", sql: "", x: "name", y: ["a\"b"],
                             colors: ["a\"b": "red;}</style><script>alert(1)</script>"],
                             xTitle: "<i>x</i>", yTitle: "&amp;")
        let svg = ChartRenderer.svg(spec, result)
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("<img"))
        #expect(!svg.contains("onload=\""))
        #expect(svg.contains("&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
        golden(svg, "hostile-text")
    }
}

extension ChartTests {
    @Test func manyCategories() {
        let result = QueryResult(columns: ["discipline", "athletes"], rows: (1...46).map { index in
            [.text("Discipline number \(index)"), .integer(Int64((index * 37) % 500 + 10))]
        })
        let spec = ChartFixtures.spec("many", .bar, title: "Athletes by discipline", x: "discipline", y: ["athletes"])
        let svg = ChartRenderer.svg(spec, result)
        #expect(svg.contains("rotate(-90)"))
        golden(svg, "many-categories")
    }

    @Test func denseCategoricalLineThinsLabels() {
        let result = QueryResult(columns: ["day", "v"], rows: (0..<90).map { day in
            // Text, not ISO dates (those would make a time axis).
            [.text("\(day < 31 ? "Jul" : day < 62 ? "Aug" : "Sep") \(String(format: "%02d", day % 31 + 1))"),
             .real(50 + 30 * sin(Double(day) / 7))]
        })
        let spec = ChartFixtures.spec("dense", .line, title: "Daily", x: "day", y: ["v"])
        let svg = ChartRenderer.svg(spec, result)
        #expect(!svg.contains("rotate("))
        golden(svg, "line-dense-categories")
    }
}
