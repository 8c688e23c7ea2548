import Testing
@testable import PodiumKit

/// The first lines (`file:line:col: error: message`) of every diagnostic a page produces.
private func problems(_ text: String) -> [String] {
    do {
        _ = try PageParser.parse(text: text, path: "pages/index.md", name: "index")
        return []
    } catch let error as DiagnosticsError {
        return error.diagnostics.map { String($0.description.split(separator: "\n")[0]) }
    } catch {
        return ["unexpected \(error)"]
    }
}

/// A page with one KPI block whose YAML body is `block` (fence on line 5, body from line 6).
private func page(_ block: String) -> String {
    "---\ntitle: Overview\n---\n\n```kpi\n\(block)\n```\n"
}

@Suite struct KPIBlockParserTests {
    @Test func parsesABlockWithEveryKey() throws {
        let parsed = try PageParser.parse(text: page("""
            id: games
            title: The Games in numbers
            sql: select 1 as athletes, 2 as total, 3 as before
            series: select n from t order by day
            empty: not yet known
            tiles:
              - value: athletes
                label: Athlete entries
                format: integer
                share_of: total
                sparkline: n
                note: by day
              - value: athletes
                label: Change
                compare: before
                compare_label: Rio 2016
                empty: none
            """), path: "pages/index.md", name: "index")
        #expect(parsed.kpis == [KPISpec(
            id: "games", title: "The Games in numbers", sql: "select 1 as athletes, 2 as total, 3 as before",
            series: "select n from t order by day",
            tiles: [
                .init(value: "athletes", label: "Athlete entries", format: .integer, shareOf: "total", sparkline: "n",
                      note: "by day",
                      locations: ["value": .init(file: "pages/index.md", line: 12, column: 12),
                                  "share_of": .init(file: "pages/index.md", line: 15, column: 15),
                                  "sparkline": .init(file: "pages/index.md", line: 16, column: 16)]),
                .init(value: "athletes", label: "Change", compare: "before", compareLabel: "Rio 2016", empty: "none",
                      locations: ["value": .init(file: "pages/index.md", line: 18, column: 12),
                                  "compare": .init(file: "pages/index.md", line: 20, column: 14)]),
            ],
            empty: "not yet known", location: .init(file: "pages/index.md", line: 5, column: 1))])
        #expect(parsed.kpis[0].resultID == "kpi:games")
        #expect(parsed.kpis[0].seriesResultID == "kpi:games:series")
        #expect(parsed.charts.isEmpty)
    }

    @Test func mistakesAreReportedAtTheirPlaceWithSuggestions() {
        #expect(problems(page("""
            id: Games!
            sql: select 1
            titel: x
            tiles:
              - value: a
                label: A
                format: integr
                sparkline: a
              - value: b
                lable: B
              - just text
            """)) == [
            "pages/index.md:8:1: error: unknown key 'titel' in kpi block; did you mean 'title'?",
            "pages/index.md:6:5: error: kpi id 'Games!' is not allowed",
            "pages/index.md:12:13: error: unknown format 'integr'; did you mean 'integer'?",
            "pages/index.md:13:5: error: 'sparkline' needs the block's 'series' query",
            "pages/index.md:15:5: error: unknown key 'lable' in tile; did you mean 'label'?",
            "pages/index.md:14:5: error: tile is missing 'label'",
            "pages/index.md:16:5: error: a tile must be `key: value` lines, found 'just text'",
        ])
    }

    @Test func requiredKeysAndShapes() {
        #expect(problems(page("")) == ["pages/index.md:5:1: error: kpi block is empty"])
        #expect(problems(page("- a")) == ["pages/index.md:6:1: error: kpi block must be `key: value` lines, found a list"])
        #expect(problems(page("id: a\ntiles: []")) == [
            "pages/index.md:5:1: error: kpi block is missing 'sql'",
            "pages/index.md:7:8: error: 'tiles' must be a list of tiles, found a list",
        ])
        #expect(problems(page("id: a\nsql: s\ntiles:\n  - value: x\n    label: X\n    share_of: t\n    compare: u")) == [
            "pages/index.md:12:5: error: a tile shows one comparison: 'share_of' or 'compare', not both",
        ])
    }

    @Test func idsAreUniqueWithTheCharts() {
        let text = "---\ntitle: O\n---\n\n```chart\nid: a\ntitle: A\nsql: s\nx: x\ny: y\n```\n\n```kpi\nid: a\nsql: s\ntiles:\n  - {value: x, label: X}\n```\n"
        #expect(problems(text) == ["pages/index.md:13:1: error: kpi id 'a' is used twice in this page"])
    }

    /// The block's fence is replaced by the HTML the renderer gives.
    @Test func renderBodyReplacesTheFence() throws {
        let parsed = try PageParser.parse(text: page("id: a\nsql: s\ntiles:\n  - {value: x, label: X}"),
                                          path: "pages/index.md", name: "index")
        #expect(PageParser.renderBody(parsed, kpiHTML: { "<p>tiles \($0.id)</p>\n" }, chartHTML: { _ in "" })
            == "<p>tiles a</p>\n\n")
    }
}
