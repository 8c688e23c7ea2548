import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// Golden SVGs for the kinds and options beyond plain bars and lines: `hbar`, `stacked`, `area`,
/// date x axes, end labels and markers. Re-record with `RECORD_GOLDENS=1 swift test --filter ChartKindTests`.
@Suite struct ChartKindTests {
    private func golden(_ svg: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        assertGolden(svg, named: name, directory: ChartTests.goldens, sourceLocation: sourceLocation)
    }

    /// Daily values from 2021-07-23 for `days` days, two series.
    private func daily(_ days: Int, from start: String = "2021-07-23") -> QueryResult {
        let first = Int(TimeScale.days(start)!)
        return QueryResult(columns: ["day", "visitors", "staff"], rows: (0..<days).map { offset in
            let date = CivilDate.civil(first + offset)
            let text = "\(date.year)-\(date.month < 10 ? "0" : "")\(date.month)-\(date.day < 10 ? "0" : "")\(date.day)"
            return [.text(text), .integer(Int64(1000 + (offset * 7919) % 800)), .integer(Int64(300 + (offset * 31) % 90))]
        })
    }

    @Test func horizontalBars() {
        let spec = ChartFixtures.spec("hbar", .hbar, title: "Gold medals", x: "country", y: ["gold"],
                                      xTitle: "Delegation", yTitle: "Gold medals")
        let svg = ChartRenderer.svg(spec, ChartFixtures.medals)
        // Long names sit on the left, whole, and every bar has its value at its end.
        #expect(svg.contains(">United States of America</text>"))
        #expect(svg.contains("class=\"pc-value-labels pc-strong\""))
        #expect(svg.contains("<title>Japan — gold: 27</title>"))
        golden(svg, "hbar")
    }

    @Test func stackedBars() {
        let spec = ChartFixtures.spec("stacked", .bar, title: "Medals", x: "country", y: ["gold", "silver", "bronze"],
                                      stacked: true)
        let svg = ChartRenderer.svg(spec, ChartFixtures.medals)
        #expect(svg.contains("<title>United States of America — bronze: 33 (total 113)</title>"))
        #expect(svg.contains("Stacked bar chart of gold, silver, bronze for 15 categories."))
        #expect(svg.contains("Highest total: United States of America (113)."))
        golden(svg, "bar-stacked")
    }

    @Test func stackedBarsReachTheTotal() {
        let spec = ChartFixtures.spec("stacked", .bar, x: "country", y: ["gold", "silver", "bronze"], stacked: true)
        let data = ChartData(spec, ChartFixtures.medals)
        let layout = ChartLayout(spec, data, standalone: false)
        // The top of the tallest stack (113) is on the axis, which reaches a round 120.
        #expect(layout.y.ticks.last == 120)
        let stacks = data.stacks()
        #expect(stacks[2][0]! == (lower: 80, upper: 113))
    }

    @Test func stackedHorizontalBarsWithNegatives() {
        let result = QueryResult(columns: ["team", "won", "lost"], rows: [
            [.text("A very long team name that wraps"), .integer(12), .integer(-4)],
            [.text("Short"), .integer(3), .integer(-9)],
            [.text("Middle name"), .null, .integer(-2)],
        ])
        let spec = ChartFixtures.spec("balance", .hbar, title: "Balance", x: "team", y: ["won", "lost"], stacked: true)
        let svg = ChartRenderer.svg(spec, result)
        #expect(svg.contains("<tspan"))  // the long name wraps onto two lines
        golden(svg, "hbar-stacked")
    }

    @Test func area() {
        let spec = ChartFixtures.spec("area", .area, title: "Visitors", x: "day", y: ["visitors"], yTitle: "People")
        let svg = ChartRenderer.svg(spec, daily(17))
        #expect(svg.contains("class=\"pc-area\""))
        #expect(svg.contains("Area chart of visitors over 17 points"))
        golden(svg, "area")
    }

    @Test func dateLineWithEndLabels() {
        let spec = ChartFixtures.spec("dates", .line, title: "Visitors and staff", x: "day", y: ["visitors", "staff"])
        let svg = ChartRenderer.svg(spec, daily(17))
        #expect(svg.contains(">Jul 23</text>"))
        #expect(svg.contains("class=\"pc-end-labels\""))
        #expect(svg.contains(">staff</text>"))
        #expect(svg.contains("class=\"pc-legend\""))  // the legend stays
        golden(svg, "line-dates-end-labels")
    }

    @Test func dateLineOverMonthsAndYears() {
        let months = ChartRenderer.svg(ChartFixtures.spec("months", .line, x: "day", y: ["visitors"]), daily(400))
        #expect(months.contains(">Jan 2022</text>"))
        golden(months, "line-dates-months")
        let years = ChartRenderer.svg(ChartFixtures.spec("years", .line, x: "day", y: ["visitors"], markers: false),
                                      daily(3000, from: "2015-03-02"))
        #expect(years.contains(">2020</text>"))
        #expect(!years.contains("2020-"))  // ticks are years, not dates
    }

    @Test func markersOption() {
        let result = daily(10)
        let on = ChartRenderer.svg(ChartFixtures.spec("m", .line, x: "day", y: ["visitors"], markers: true), daily(100))
        let off = ChartRenderer.svg(ChartFixtures.spec("m", .line, x: "day", y: ["visitors"], markers: false), result)
        #expect(on.components(separatedBy: " — visitors: ").count - 1 == 100 * 3)  // wide, medium and narrow
        #expect(!off.contains(" — visitors: "))
        golden(ChartRenderer.svg(ChartFixtures.spec("markers", .line, title: "No markers", x: "day", y: ["visitors"],
                                                    markers: false), result), "line-no-markers")
    }

    @Test func endLabelsNeedRoom() {
        let long = QueryResult(columns: ["x", "A series name much too long to sit at the end", "b"],
                               rows: (0..<5).map { [.integer(Int64($0)), .integer(Int64($0)), .integer(Int64(5 - $0))] })
        let spec = ChartFixtures.spec("long", .line, x: "x", y: ["A series name much too long to sit at the end", "b"])
        #expect(!ChartRenderer.svg(spec, long).contains("pc-end-labels"))
        // Labels that collide are nudged apart, at least `spacing` between centres, within the plot.
        let placed = EndLabels.place([100, 102, 101], top: 0, bottom: 200)!
        let sorted = placed.sorted()
        #expect(sorted[1] - sorted[0] >= EndLabels.spacing && sorted[2] - sorted[1] >= EndLabels.spacing)
        #expect(EndLabels.place([195, 199], top: 0, bottom: 200)!.allSatisfy { $0 <= 200 })
        #expect(EndLabels.place(Array(repeating: 5, count: 30), top: 0, bottom: 100) == nil)
    }

    @Test func narrowLayoutTurnsCrowdedBarsOnTheirSide() {
        let spec = ChartFixtures.spec("medals", .bar, x: "country", y: ["gold"])
        let drawings = ChartRenderer.inlineDocuments(spec, ChartData(spec, ChartFixtures.medals)).map { $0.render() }
        func drawing(_ classes: String) -> String { drawings.first { $0.contains("class=\"podium-chart \(classes) pc-medals\"") } ?? "" }
        #expect(drawings.count == 5)  // wide; medium and narrow, each upright and on its side
        #expect(drawing("pc-wide").contains("rotate(-45)"))
        let tall = drawing("pc-narrow pc-tall"), short = drawing("pc-narrow pc-short")
        #expect(tall.contains("viewBox=\"0 0 320 "))
        #expect(!tall.contains("rotate("))
        #expect(tall.contains("class=\"pc-value-labels pc-strong\""))
        #expect(!tall.contains("<style>"))  // the wide one carries the stylesheet
        // Upright bars fitted to the narrow tier's height: the names shortened, whole in a tooltip.
        #expect(short.contains("viewBox=\"0 0 320 340\""))
        #expect(short.contains("<title>United States of America</title>United States…</text>"))
    }

    @Test func bigLineStaysSmall() {
        let result = QueryResult(columns: ["x", "y"], rows: (0..<100_000).map { [.integer(Int64($0)), .real(sin(Double($0) / 500))] })
        let svg = ChartRenderer.svg(ChartFixtures.spec("big", .line, x: "x", y: ["y"]), result)
        #expect(svg.utf8.count < 60_000)
        let limited = ChartRenderer.svg(ChartSpec(id: "big", kind: .line, title: "T", sql: "", x: "x", y: ["y"], maxPoints: 100), result)
        #expect(limited.utf8.count < 20_000)  // three drawings of 100 points
    }
}
