import PodiumTestSupport
import Testing
@testable import PodiumKit

@Suite struct ColourValidationTests {
    @Test func acceptsPlainCSSColours() {
        #expect(Palette.validated("#abc") == "#abc")
        #expect(Palette.validated("#C9A227") == "#C9A227")
        #expect(Palette.validated("#11223344") == "#11223344")
        #expect(Palette.validated("rgb(140, 146, 153)") == "rgb(140, 146, 153)")
        #expect(Palette.validated("rgba(0,0,0,.5)") == "rgba(0,0,0,.5)")
        #expect(Palette.validated("hsl(120deg 50% 40% / 0.5)") == "hsl(120deg 50% 40% / 0.5)")
        #expect(Palette.validated("teal") == "teal")
        #expect(Palette.validated(" Crimson ") == "crimson")
    }

    @Test func rejectsAnythingElse() {
        for bad in ["", "#ab", "#abcd1", "#ggg", "red;}</style><script>", "url(#x)", "var(--x)", "expression(alert(1))",
                    "rgb(1,2,3);x", "rgb(calc(1))", "\"red\"", "red blue", "#fff;", "javascript:alert(1)"] {
            #expect(Palette.validated(bad) == nil, "\(bad)")
        }
    }

    @Test func invalidColourFallsBackToThePalette() {
        let spec = ChartFixtures.spec("c", .bar, x: "country", y: ["gold", "silver"],
                                      colors: ["gold": "url(javascript:alert(1))", "silver": "#8C9299"])
        let svg = ChartRenderer.svg(spec, ChartFixtures.medals)
        #expect(!svg.contains("javascript"))
        #expect(svg.contains("fill=\"#0072B2\""))          // gold: palette colour 1
        #expect(svg.contains(".podium-chart.pc-c{--pc-s2:#8C9299;}"))  // silver: custom, scoped to this chart
    }
}

@Suite struct ChartEscapingTests {
    static let hostile = "</svg><script>alert(1)</script>"

    @Test func svgTreeEscapesTextAndAttributes() {
        var element = SVGElement("text", ["data-x": "\"><script>"])
        element.append(text: Self.hostile)
        #expect(element.render() == "<text data-x=\"&quot;&gt;&lt;script&gt;\">&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;</text>")
    }

    @Test func svgTreeSyntaxes() {
        let cell = SVGElement("td", text: "")
        #expect(cell.render(.html) == "<td></td>")
        #expect(SVGElement("rect", ["x": "1", "y": nil]).render() == "<rect x=\"1\"/>")
    }

    @Test func hostileValuesComeOutAsTextEverywhere() {
        let result = QueryResult(columns: ["name", "v"], rows: [[.text(Self.hostile), .integer(1)], [.text("b"), .integer(2)]])
        for kind in ChartKind.allCases {
            let spec = ChartFixtures.spec("h", kind, title: Self.hostile, x: "name", y: ["v"], xTitle: Self.hostile, yTitle: Self.hostile)
            for output in [ChartRenderer.svg(spec, result), ChartRenderer.standaloneSVG(spec, result),
                           ChartRenderer.dataTable(spec, result)] {
                #expect(!output.contains("<script"))
                #expect(!output.contains("</svg><"))
                #expect(output.contains("&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
            }
        }
    }

    @Test func idsAreSafeAndDistinct() {
        #expect(ChartIdentifier.token("medals-top15") == "medals-top15")
        #expect(ChartIdentifier.token("a b") != ChartIdentifier.token("a-b"))
        #expect(ChartIdentifier.token("x\"><y").allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(ChartIdentifier.token("Medals") == ChartIdentifier.token("Medals"))
    }
}

@Suite struct ChartStructureTests {
    @Test func accessibleAndResponsive() {
        let spec = ChartFixtures.spec("medals-top15", .bar, title: "Medals", x: "country", y: ["gold", "silver", "bronze"])
        let svg = ChartRenderer.svg(spec, ChartFixtures.medals)
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("aria-labelledby=\"podium-medals-top15-title podium-medals-top15-desc\""))
        #expect(svg.contains("<title id=\"podium-medals-top15-title\">Medals</title>"))
        #expect(svg.contains("<desc id=\"podium-medals-top15-desc\">Bar chart of gold, silver, bronze for 15 categories. " +
                             "Highest gold: United States of America (39); lowest: Hungary (6)."))
        #expect(svg.contains("viewBox=\"0 0 720 "))
        #expect(svg.contains("style=\"width:100%;height:auto\""))
        let openingTag = svg.prefix { $0 != ">" }
        #expect(!openingTag.contains(" width=") && !openingTag.contains(" height="))
        #expect(svg.contains("@media (prefers-color-scheme:dark){.podium-chart{"))
        #expect(svg.contains("<title>United States of America — gold: 39</title>"))
        #expect(svg.contains("class=\"pc-legend\""))
        // One tooltip per bar: 15 categories × 3 series, and 3 legend swatches, in each drawing:
        // wide; medium and narrow, each upright (fitted to the tier's height) and on its side.
        #expect(svg.components(separatedBy: "<rect ").count - 1 == 5 * (45 + 3))
        for classes in ["pc-wide", "pc-medium pc-tall", "pc-medium pc-short", "pc-narrow pc-tall", "pc-narrow pc-short"] {
            #expect(svg.contains("class=\"podium-chart \(classes) pc-medals-top15\""))
        }
        // All name the first drawing's title and description (hidden, they are still read).
        #expect(svg.components(separatedBy: "aria-labelledby=\"podium-medals-top15-title podium-medals-top15-desc\"").count - 1 == 5)
        #expect(svg.components(separatedBy: "<desc").count - 1 == 1)
    }

    @Test func singleSeriesHasNoLegend() {
        let spec = ChartFixtures.spec("g", .bar, x: "country", y: ["gold"])
        #expect(!ChartRenderer.svg(spec, ChartFixtures.medals).contains("pc-legend"))
    }

    @Test func outputIsDeterministic() {
        let spec = ChartFixtures.spec("d", .line, x: "country", y: ["gold", "silver"], colors: ["gold": "#C9A227", "silver": "gray"])
        #expect(ChartRenderer.svg(spec, ChartFixtures.medals) == ChartRenderer.svg(spec, ChartFixtures.medals))
    }

    /// The description reads the subtitle and the generated summary as sentences: a full stop
    /// after the subtitle, never two.
    @Test func descriptionJoinsSubtitleAndSummaryAsSentences() {
        let medals = QueryResult(columns: ChartFixtures.medals.columns, rows: Array(ChartFixtures.medals.rows.prefix(2)))
        func desc(_ subtitle: String) -> String {
            let spec = ChartFixtures.spec("s", .bar, title: "Gold", x: "country", y: ["gold"], subtitle: subtitle)
            return ChartSummary.text(spec, ChartData(spec, medals))
        }
        #expect(desc("Top 15").hasPrefix("Top 15. Bar chart of gold for 2 categories."))
        #expect(desc("Top 15.").hasPrefix("Top 15. Bar chart"))
        #expect(desc("Who won?  ").hasPrefix("Who won? Bar chart"))
        #expect(desc("As \"ranked.\"").hasPrefix("As \"ranked.\" Bar chart"))
        #expect(desc("Ranked (by gold)").hasPrefix("Ranked (by gold). Bar chart"))
        #expect(!desc("Top 15.").contains(".."))
    }

    @Test func standaloneHasDeclarationAndVisibleTitle() {
        let spec = ChartFixtures.spec("s", .bar, title: "Gold", x: "country", y: ["gold"], subtitle: "Top 15")
        let svg = ChartRenderer.standaloneSVG(spec, ChartFixtures.medals)
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(svg.contains(">Gold</text>"))
        #expect(svg.contains(">Top 15</text>"))
        #expect(svg.contains("<style>"))
    }

    @Test func dataTable() {
        let spec = ChartFixtures.spec("t", .bar, title: "Big & small", x: "country", y: ["n"])
        let result = QueryResult(columns: ["country", "n", "other"], rows: [
            [.text("Trinidad & Tobago"), .integer(12345), .text("shown <too>")],
            [.text("Côte d'Ivoire"), .null, .text("shown")],
        ])
        #expect(ChartRenderer.dataTable(spec, result) == """
            <table class="podium-data">
              <caption>Big &amp; small</caption>
              <thead>
                <tr>
                  <th scope="col">country</th>
                  <th scope="col" class="num">n</th>
                  <th scope="col">other</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">Trinidad &amp; Tobago</th>
                  <td class="num">12,345</td>
                  <td>shown &lt;too&gt;</td>
                </tr>
                <tr>
                  <th scope="row">Côte d&#39;Ivoire</th>
                  <td class="num"></td>
                  <td>shown</td>
                </tr>
              </tbody>
            </table>
            """)
    }

    @Test func aLongTableShowsItsFirstRowsAndSaysSo() {
        let spec = ChartFixtures.spec("long", .line, title: "Entries", x: "block", y: ["n"])
        let rows: [[Value]] = (0..<(DataTable.rowLimit + 250)).map { [.integer(Int64($0)), .integer(Int64($0 % 7))] }
        let table = ChartRenderer.dataTable(spec, QueryResult(columns: ["block", "n"], rows: rows))
        #expect(table.contains("<caption>Entries (the first 1,000 of 1,250 rows: the CSV and JSON files have them all)</caption>"))
        #expect(table.components(separatedBy: "<tr>").count - 1 == 1 + DataTable.rowLimit)  // the header and 1,000 rows
        #expect(table.contains("<th scope=\"row\" class=\"num\">999</th>") && !table.contains(">1,000</th>"))
        let exact = ChartRenderer.dataTable(spec, QueryResult(columns: ["block", "n"], rows: Array(rows.prefix(DataTable.rowLimit))))
        #expect(exact.contains("<caption>Entries</caption>"))
    }

    @Test func yearsInTheTableHaveNoSeparator() {
        let spec = ChartFixtures.spec("y", .line, x: "year", y: ["n"])
        let table = ChartRenderer.dataTable(spec, QueryResult(columns: ["year", "n"], rows: [[.integer(2021), .integer(1500)]]))
        #expect(table.contains("<th scope=\"row\" class=\"num\">2021</th>"))
        #expect(table.contains("<td class=\"num\">1,500</td>"))
    }
}

@Suite struct ChartLayoutTests {
    @Test func labelsThatDoNotFitAreRotatedAndShortened() {
        let long = String(repeating: "Lao People's Democratic Republic ", count: 3)
        let categories = Axis.Categories(labels: Array(repeating: long, count: 20), band: 30, preferThinning: false)
        #expect(categories.rotation == -45)
        #expect(categories.shown[0].hasSuffix("…"))
        #expect(TextMetrics.width(categories.shown[0]) <= Axis.Categories.maxRotatedWidth)
    }

    @Test func shortLabelsStayHorizontalAndMediumOnesWrap() {
        #expect(Axis.Categories(labels: ["Japan", "ROC"], band: 100, preferThinning: false).rotation == 0)
        let wrapped = Axis.Categories(labels: ["United States of America", "Japan"], band: 120, preferThinning: false)
        #expect(wrapped.rotation == 0)
        #expect(wrapped.lines.first == ["United States", "of America"])
    }

    @Test func marginsGrowForRotatedLabels() {
        let names = ["Lao People's Democratic Republic", "People's Republic of China"] + (1...18).map { "Country \($0)" }
        let result = QueryResult(columns: ["c", "v"], rows: names.map { [.text($0), .integer(5)] })
        let layout = ChartLayout(ChartFixtures.spec("m", .bar, x: "c", y: ["v"]), ChartData(ChartFixtures.spec("m", .bar, x: "c", y: ["v"]), result),
                                 standalone: false)
        guard case .bands(let categories) = layout.x else { Issue.record("expected bands"); return }
        #expect(categories.rotation != 0)
        // The first label's rotated text must not reach past the left edge of the canvas.
        #expect(layout.center(0) - categories.leftReach(0) >= 0)
        let canvas = ChartLayout.Canvas.standalone
        #expect(layout.height > canvas.height || layout.plot.height >= canvas.minPlotHeight)
    }

    @Test func goldenDiffIsCompact() {
        let diff = lineDiff(expected: "a\nb\nc\nd", actual: "a\nB\nc\nd")
        #expect(diff == "@@ line 2: -1 +1 @@\n- b\n+ B")
    }
}

@Suite struct NumericXTests {
    @Test func singleNumericXIsCentred() {
        let spec = ChartFixtures.spec("one-year", .line, x: "year", y: ["n"])
        let data = ChartData(spec, QueryResult(columns: ["year", "n"], rows: [[.integer(2021), .integer(39)]]))
        let layout = ChartLayout(spec, data, standalone: false)
        guard case .linear(let axis) = layout.x else { Issue.record("expected a linear x axis"); return }
        #expect(axis.labels.contains("2021"))
        #expect(abs(axis.scale(2021) - (layout.plot.left + layout.plot.right) / 2) < 0.01)
    }

    @Test func numericXIsSortedAndNullXSkipped() {
        let spec = ChartFixtures.spec("sorted", .line, x: "x", y: ["n"])
        let result = QueryResult(columns: ["x", "n"], rows: [[.integer(3), .integer(1)], [.null, .integer(9)],
                                                             [.integer(1), .integer(2)], [.integer(2), .integer(3)]])
        let data = ChartData(spec, result)
        let layout = ChartLayout(spec, data, standalone: false)
        let points = LineChart.segments(data.series[0], data: data, layout: layout).flatMap { $0 }
        #expect(points.map(\.row) == [2, 3, 0])
    }
}
