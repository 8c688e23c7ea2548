import Testing
@testable import PodiumKit

@Suite struct KPIRendererTests {
    private let result = QueryResult(columns: ["athletes", "total", "before", "name", "nothing"],
                                     rows: [[.integer(11_085), .integer(20_000), .integer(11_238),
                                             .text("<b>\"Côte d'Ivoire\" & co</b>"), .null]])
    private let series = QueryResult(columns: ["n"], rows: [[.integer(1)], [.null], [.integer(3)], [.integer(2)]])

    private func spec(_ tiles: [KPISpec.Tile], empty: String? = nil) -> KPISpec {
        KPISpec(id: "games", sql: "select …", series: "select …", tiles: tiles, empty: empty)
    }

    @Test func valuesAndComparisonsAreText() {
        let tiles = KPIValues.resolve(spec([
            .init(value: "athletes", label: "Entries", format: .integer, shareOf: "total"),
            .init(value: "athletes", label: "Change", format: .integer, compare: "before"),
            .init(value: "athletes", label: "Change", compare: "before", compareLabel: "Rio 2016"),
            .init(value: "nothing", label: "Missing"),
            .init(value: "nothing", label: "Missing", empty: "none yet"),
        ], empty: "n/a"), result, series: nil)
        #expect(tiles.map(\.value) == ["11,085", "11,085", "11,085", "n/a", "none yet"])
        #expect(tiles.map(\.comparison) == ["55.4% of 20,000", "\u{2212}153 vs 11,238", "\u{2212}153 vs Rio 2016", nil, nil])
        #expect(tiles.map(\.isFallback) == [false, false, false, true, true])
        // Without any `empty:`, a dash.
        #expect(KPIValues.resolve(spec([.init(value: "nothing", label: "M")]), result, series: nil)[0].value == "–")
        // No row at all: every tile falls back.
        #expect(KPIValues.resolve(spec([.init(value: "athletes", label: "A")]), QueryResult(columns: ["athletes"], rows: []),
                                  series: nil)[0].value == "–")
    }

    /// Label, value, comparison, note, then the sparkline hidden from screen readers: the order
    /// a screen reader reads them in; every text escaped.
    @Test func rendersADescriptionListWithEscapedText() {
        let tiles = KPIValues.resolve(spec([
            .init(value: "name", label: "<i>Label</i> & \"quotes\"", compare: nil, note: "</dd><script>x</script>"),
            .init(value: "athletes", label: "Trend", shareOf: "total", sparkline: "n"),
        ]), result, series: series)
        let html = KPIRenderer.figure(KPISpec(id: "games", title: "Title <&>", sql: "", tiles: []), tiles, root: "../")
        #expect(html == """
            <figure class="podium-kpis" id="kpi-games">
              <figcaption class="podium-chart-title">Title &lt;&amp;&gt;</figcaption>
              <dl class="podium-kpi-tiles">
                <div class="podium-kpi">
                  <dt class="podium-kpi-label">&lt;i&gt;Label&lt;/i&gt; &amp; &quot;quotes&quot;</dt>
                  <dd class="podium-kpi-value">&lt;b&gt;&quot;Côte d&#39;Ivoire&quot; &amp; co&lt;/b&gt;</dd>
                  <dd class="podium-kpi-note">&lt;/dd&gt;&lt;script&gt;x&lt;/script&gt;</dd>
                </div>
                <div class="podium-kpi">
                  <dt class="podium-kpi-label">Trend</dt>
                  <dd class="podium-kpi-value">11,085</dd>
                  <dd class="podium-kpi-compare">55.4% of 20,000</dd>
                  <dd class="podium-kpi-spark" aria-hidden="true">
                    <svg viewBox="0 0 120 28" preserveAspectRatio="none" focusable="false">
                      <polyline points="2,26 60,2 118,14" vector-effect="non-scaling-stroke"/>
                    </svg>
                  </dd>
                </div>
              </dl>
              <p class="podium-chart-links">
                <a href="../embed/games.html">Embed page</a>
                <a href="../data/games.csv">CSV</a>
                <a href="../data/games.json">JSON</a>
              </p>
            </figure>

            """)
    }

    @Test func sparklineOfOnePointIsALevelLine() {
        #expect(KPIRenderer.sparkline([5])?.render() == """
            <svg viewBox="0 0 120 28" preserveAspectRatio="none" focusable="false">
              <polyline points="2,14 118,14" vector-effect="non-scaling-stroke"/>
            </svg>
            """)
        #expect(KPIRenderer.sparkline([]) == nil)
    }

    @Test func checkReportsUnknownColumnsMismatchesAndMissingValues() {
        let at = Diagnostic.Location(file: "pages/index.md", line: 9, column: 12)
        let block = KPISpec(id: "games", sql: "", series: "", tiles: [
            .init(value: "athlets", label: "A", locations: ["value": at]),
            .init(value: "name", label: "N", format: .integer),
            .init(value: "nothing", label: "M", locations: ["value": at]),
            .init(value: "athletes", label: "S", sparkline: "m", locations: ["sparkline": at]),
        ])
        #expect(KPIValues.check(block, result, series: series).map { String($0.description.split(separator: "\n")[0]) } == [
            "pages/index.md:9:12: error: kpi 'games': value column 'athlets' is not in the sql query's result; did you mean 'athletes'?",
            "error: kpi 'games': tile 'N': integer expects a number, found '<b>\"Côte d'Ivoire\" & co</b>'",
            "pages/index.md:9:12: warning: kpi 'games': tile 'M' shows \"–\": its value is NULL",
            "pages/index.md:9:12: error: kpi 'games': sparkline column 'm' is not in the series query's result; did you mean 'n'?",
        ])
    }
}
