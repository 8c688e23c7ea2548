import Testing
@testable import PodiumKit

/// Table blocks (`type: table`): parsing, errors at their place in the page, checks against the
/// query's result, and the HTML table.
@Suite struct TableBlockTests {
    /// Parses a page holding one table block (fence on line 5, its keys from line 6); the spec or
    /// the first line of every diagnostic.
    private func parse(_ body: String) -> (chart: ChartSpec?, problems: [String]) {
        let text = "---\ntitle: T\n---\n\n```chart\nid: t\ntype: table\ntitle: T\nsql: select 1\n\(body)\n```\n"
        do {
            return (try PageParser.parse(text: text, path: "pages/p.md", name: "p").charts.first, [])
        } catch let error as DiagnosticsError {
            return (nil, error.diagnostics.map { String($0.description.split(separator: "\n")[0]) })
        } catch {
            return (nil, ["unexpected \(error)"])
        }
    }

    private static let medals = QueryResult(columns: ["rank", "country", "gold", "total", "share"], rows: [
        [.integer(1), .text("United States"), .integer(39), .integer(113), .real(0.1045)],
        [.integer(2), .text("China"), .integer(38), .integer(88), .real(0.0814)],
        [.integer(3), .text("Japan"), .integer(27), .integer(58), .real(0.0537)],
    ])

    @Test func readsEveryKey() throws {
        let parsed = parse("""
            columns: [country, gold, total]
            titles: {country: Delegation, gold: Gold}
            formats: {total: integer, gold: fixed(1)}
            align: {gold: center}
            bar: total
            limit: 2
            empty: hide
            """)
        #expect(parsed.problems == [])
        let chart = try #require(parsed.chart)
        let table = try #require(chart.table)
        #expect(chart.id == "t" && chart.title == "T" && chart.sql == "select 1" && chart.empty == .hide)
        #expect(table.columns == ["country", "gold", "total"])
        #expect(table.titles == ["country": "Delegation", "gold": "Gold"])
        #expect(table.formats == ["total": .integer, "gold": .fixed(1)])
        #expect(table.align == ["gold": .center])
        #expect(table.bar == "total")
        #expect(table.limit == 2)
        #expect(table.references.first == .init(key: "columns", column: "country",
                                                location: .init(file: "pages/p.md", line: 10, column: 11)))
        // Without options: every column, no bar, no limit.
        let plain = try #require(parse("").chart?.table)
        #expect(plain == TableSpec())
    }

    @Test func badValuesAreErrorsAtTheirPlace() {
        #expect(parse("limit: 0").problems == ["pages/p.md:10:8: error: 'limit' must be a whole number of at least 1, found '0'"])
        #expect(parse("columns: country").problems
            == ["pages/p.md:10:10: error: 'columns' must be a list of column names, found 'country'"])
        #expect(parse("columns: [a, b, a]").problems == ["pages/p.md:10:17: error: 'columns' lists 'a' twice"])
        #expect(parse("formats: {gold: ordinl}").problems
            == ["pages/p.md:10:17: error: unknown format 'ordinl' for 'gold'; did you mean 'ordinal'?"])
        #expect(parse("align: {gold: middle}").problems
            == ["pages/p.md:10:15: error: 'gold' must be aligned left, center or right, found 'middle'"])
        #expect(parse("titles: [Gold]").problems
            == ["pages/p.md:10:9: error: 'titles' must map columns to values, found a list"])
        #expect(parse("bar: [a, b]").problems == ["pages/p.md:10:6: error: 'bar' must name columns, found a list"])
        #expect(parse("colums: [a]").problems == ["pages/p.md:10:1: error: unknown key 'colums' in table block; did you mean 'columns'?"])
    }

    @Test func chartKeysOnATableAndTableKeysOnAChartAreErrors() {
        #expect(parse("x: country\nstacked: true").problems == [
            "pages/p.md:10:1: error: 'x' applies to charts, not tables",
            "pages/p.md:11:1: error: 'stacked' applies to charts, not tables",
        ])
        let chart = "---\ntitle: T\n---\n\n```chart\nid: c\ntype: line\ntitle: C\nsql: select 1\nx: a\ny: b\nbar: b\nlimit: 3\n```\n"
        #expect(throws: DiagnosticsError.self) { try PageParser.parse(text: chart, path: "pages/p.md", name: "p") }
        do {
            _ = try PageParser.parse(text: chart, path: "pages/p.md", name: "p")
        } catch let error as DiagnosticsError {
            #expect(error.diagnostics.map { String($0.description.split(separator: "\n")[0]) } == [
                "pages/p.md:12:1: error: 'bar' applies to tables, not line charts",
                "pages/p.md:13:1: error: 'limit' applies to tables, not line charts",
            ])
            #expect(error.diagnostics.first?.hint == "remove `bar`, or make the block a table with `type: table`")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func unknownColumnsAreErrorsAtTheirNameWithASuggestion() throws {
        let chart = try #require(parse("""
            columns: [country, gold]
            titles: {contry: Delegation, total: Total}
            formats: {gld: integer}
            bar: totl
            """).chart)
        let problems = ChartBlockParser.check(chart, against: Self.medals).map { String($0.description.split(separator: "\n")[0]) }
        #expect(problems == [
            "pages/p.md:11:10: error: table 't': titles names column 'contry', which is not in the query's result; did you mean 'country'?",
            "pages/p.md:11:30: error: table 't': titles names column 'total', which `columns` does not show",
            "pages/p.md:12:11: error: table 't': formats names column 'gld', which is not in the query's result; did you mean 'gold'?",
            "pages/p.md:13:6: error: table 't': bar names column 'totl', which is not in the query's result; did you mean 'total'?",
        ])
        #expect(ChartBlockParser.check(try #require(parse("columns: [country, gold]").chart), against: Self.medals).isEmpty)
    }

    @Test func textBarAndMismatchedFormatsAreErrors() throws {
        let chart = try #require(parse("bar: country\nformats: {country: integer}").chart)
        let problems = ChartBlockParser.check(chart, against: Self.medals).map { String($0.description.split(separator: "\n")[0]) }
        #expect(problems == [
            "pages/p.md:10:6: error: table 't': bar column 'country' holds text ('United States'); a bar draws numbers",
            "pages/p.md:11:11: error: table 't': column 'country', row 1: integer expects a number, found 'United States'",
        ])
    }

    @Test func rendersFormatsAlignmentBarsAndTheLimitNote() throws {
        let chart = try #require(parse("""
            columns: [rank, country, total, share]
            titles: {country: Delegation}
            formats: {rank: ordinal, share: percent(1)}
            align: {rank: left}
            bar: total
            limit: 2
            """).chart)
        let html = TableBlock.html(chart, Self.medals)
        #expect(html.contains("<caption>T (showing 2 of 3 rows)</caption>"))
        #expect(html.contains("<th scope=\"col\">rank</th>"))  // `align: left`: no class
        #expect(html.contains("<th scope=\"col\">Delegation</th>"))
        #expect(html.contains("<th scope=\"col\" class=\"num\">total</th>"))
        #expect(html.contains("<td>1st</td>"))
        #expect(html.contains("<th scope=\"row\">United States</th>"))  // the first text column heads the row
        #expect(html.contains("<td class=\"num\">10.5%</td>"))
        #expect(html.contains("<td class=\"num podium-bar-cell\">113<svg class=\"podium-cell-bar\" viewBox=\"0 0 100 10\" "
            + "preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"100\" height=\"10\"></rect></svg></td>"))
        // 88 of the largest shown or not (113): the bar scale is the whole result's.
        #expect(html.contains(">88<svg") && html.contains("<rect width=\"77.88\" height=\"10\">"))
        #expect(!html.contains("Japan"))
        #expect(html.contains("<p class=\"podium-table-note\">Showing 2 of 3 rows: the CSV and JSON files have them all.</p>"))
        // Every column in query order when `columns` is absent; no note without a cut.
        let all = TableBlock.html(try #require(parse("").chart), Self.medals)
        #expect(all.components(separatedBy: "<th scope=\"col\"").count == 6)
        #expect(all.contains("<caption>T</caption>") && !all.contains("podium-table-note"))
        #expect(all.contains("<td class=\"num\">0.105</td>"))  // a real without a format: automatic
    }

    @Test func yearsAreNotGroupedAndCenterIsAClass() throws {
        let chart = try #require(parse("align: {year: center}").chart)
        let result = QueryResult(columns: ["year", "n"], rows: [[.integer(2021), .integer(11085)], [.integer(2016), .null]])
        let html = TableBlock.html(chart, result)
        #expect(html.contains("<td class=\"podium-align-center\">2021</td>"))
        #expect(html.contains("<td class=\"num\">11,085</td>"))
        #expect(html.contains("<td class=\"num\"></td>"))  // NULL: an empty cell
    }

    @Test func hostileValuesAreEscaped() throws {
        let chart = try #require(parse("titles: {\"<b>\": \"</th><script>x</script>\"}\nbar: n").chart)
        let result = QueryResult(columns: ["<b>", "n"], rows: [[.text("<img src=x onerror=alert(1)> & \"q\""), .integer(-3)]])
        let html = TableBlock.html(chart, result)
        #expect(html.contains("&lt;/th&gt;&lt;script&gt;x&lt;/script&gt;"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;"))
        #expect(!html.contains("<img") && !html.contains("<script"))
        #expect(html.contains("<svg class=\"podium-cell-bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\"></svg>"))  // negative: no bar
    }

    @Test func emptyResultShowsTheEmptyTextAndWarnsUnlessDeclared() throws {
        let empty = QueryResult(columns: ["a"], rows: [])
        let plain = try #require(parse("").chart)
        #expect(TableBlock.html(plain, empty) == "<p class=\"podium-table-empty\">No data</p>")
        #expect(ChartRenderer.hasNothingToDraw(plain, empty))
        #expect(ChartRenderer.nothingToDrawWarning(plain, empty)?.message == "table 't': its query returned no rows, so it shows \"No data\"")
        let said = try #require(parse("empty: \"No <rows> & more\"").chart)
        #expect(TableBlock.html(said, empty) == "<p class=\"podium-table-empty\">No &lt;rows&gt; &amp; more</p>")
        #expect(ChartRenderer.nothingToDrawWarning(said, empty) == nil)
        #expect(!ChartRenderer.hasNothingToDraw(plain, Self.medals))
    }
}
