import Testing
@testable import PodiumKit

/// The chart-block options added for the chart kinds: `type: hbar|area`, `stacked`, `markers`,
/// `max_points`.
@Suite struct ChartBlockParserTests {
    /// Parses a page holding one chart block (fence on line 5); the chart or the first line of
    /// every diagnostic.
    private func parse(_ body: String) -> (chart: ChartSpec?, problems: [String]) {
        let text = "---\ntitle: T\n---\n\n```chart\nid: c\ntitle: C\nsql: select 1\nx: a\ny: [b, c]\n\(body)\n```\n"
        do {
            return (try PageParser.parse(text: text, path: "pages/p.md", name: "p").charts.first, [])
        } catch let error as DiagnosticsError {
            return (nil, error.diagnostics.map { String($0.description.split(separator: "\n")[0]) })
        } catch {
            return (nil, ["unexpected \(error)"])
        }
    }

    @Test func newKindsAndOptions() {
        let hbar = parse("type: hbar\nstacked: true")
        #expect(hbar.problems == [])
        #expect(hbar.chart?.kind == .hbar)
        #expect(hbar.chart?.stacked == true)

        let area = parse("type: area\nmarkers: false\nmax_points: 200")
        #expect(area.problems == [])
        #expect(area.chart?.kind == .area)
        #expect(area.chart?.markers == false)
        #expect(area.chart?.maxPoints == 200)

        let defaults = parse("type: line")
        #expect(defaults.chart?.stacked == false)
        #expect(defaults.chart?.markers == nil)
        #expect(defaults.chart?.maxPoints == nil)
    }

    @Test func optionsMustHaveTheRightType() {
        #expect(parse("stacked: yes please").problems == ["pages/p.md:11:10: error: 'stacked' must be true or false, found 'yes please'"])
        #expect(parse("stacked: \"true\"").problems == ["pages/p.md:11:10: error: 'stacked' must be true or false, found 'true'"])
        #expect(parse("type: line\nmax_points: 2").problems
            == ["pages/p.md:12:13: error: 'max_points' must be a whole number of at least 3, found '2'"])
        #expect(parse("type: line\nmarkers: [a]").problems == ["pages/p.md:12:10: error: 'markers' must be true or false, found a list"])
    }

    @Test func optionsMustSuitTheKind() {
        #expect(parse("type: line\nstacked: true").problems
            == ["pages/p.md:12:1: error: 'stacked' applies to bar and hbar charts, not line"])
        #expect(parse("markers: true\nmax_points: 50").problems == [
            "pages/p.md:11:1: error: 'markers' applies to line and area charts, not bar",
            "pages/p.md:12:1: error: 'max_points' applies to line and area charts, not bar",
        ])
    }

    /// A `y` column of text used to draw an empty series; it is an error at its name in the block.
    @Test func textYColumnIsAnErrorAtItsName() throws {
        let chart = try #require(parse("").chart)
        let result = QueryResult(columns: ["a", "b", "c", "n"], rows: [
            [.text("x"), .text("Asia"), .integer(1), .integer(4)],
            [.text("y"), .null, .text("n/a"), .real(2.5)],
        ])
        #expect(ChartBlockParser.check(chart, against: result).map(\.description) == [
            """
            pages/p.md:10:5: error: chart 'c': y column 'b' is a text column (its value is 'Asia'); a chart draws numbers
              hint: choose a numeric column for `y` (the query's numeric columns: 'n'), or, if it holds numbers stored as text, cast them in the sql: `cast(b as real) as b`
            """,
            """
            pages/p.md:10:8: error: chart 'c': y column 'c' mixes text and numbers (its first text value is 'n/a'); a chart draws numbers
              hint: choose a numeric column for `y` (the query's numeric columns: 'n'), or, if it holds numbers stored as text, cast them in the sql: `cast(c as real) as c`
            """,
        ])
        let single = try #require(parse("").chart.map { chart in
            var chart = chart
            chart.y = ["b"]
            return chart
        })
        #expect(ChartBlockParser.check(single, against: QueryResult(columns: ["a", "b"], rows: [[.text("x"), .null]])) == [])
    }

    @Test func typoSuggestsTheNearestOfAllKeys() {
        #expect(parse("ytitle: Medals").problems == ["pages/p.md:11:1: error: unknown key 'ytitle' in chart block; did you mean 'y_title'?"])
    }

    @Test func unknownTypeListsEveryKind() throws {
        let text = "---\ntitle: T\n---\n\n```chart\nid: c\ntitle: C\nsql: s\nx: a\ny: b\ntype: hbars\n```\n"
        #expect(throws: DiagnosticsError.self) { try PageParser.parse(text: text, path: "pages/p.md", name: "p") }
        do {
            _ = try PageParser.parse(text: text, path: "pages/p.md", name: "p")
        } catch let error as DiagnosticsError {
            let description = error.diagnostics[0].description
            #expect(description.contains("unknown chart type 'hbars'; did you mean 'hbar'?"))
            #expect(description.contains("use one of: bar, hbar, line, area, table"))
        }
    }
}
