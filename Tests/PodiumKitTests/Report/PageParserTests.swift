import Testing
@testable import PodiumKit

/// The first lines (`file:line:col: error: message`) of every diagnostic a page produces.
private func problems(_ text: String, path: String = "pages/medals.md") -> [String] {
    do {
        _ = try PageParser.parse(text: text, path: path, name: "medals")
        return []
    } catch let error as DiagnosticsError {
        return error.diagnostics.map { String($0.description.split(separator: "\n")[0]) }
    } catch {
        return ["unexpected \(error)"]
    }
}

/// A page with one chart block whose YAML body is `chart` (fence on line 5).
private func pageWithChart(_ chart: String) -> String {
    "---\ntitle: Medals\n---\n\n```chart\n\(chart)\n```\n"
}

@Suite struct PageParserTests {
    @Test func parsesFrontMatterAndCharts() throws {
        let page = try PageParser.parse(text: """
            ---
            title: Who won Tokyo?
            order: 2
            description: Medals by delegation
            ---
            # Medals

            ```chart
            id: medals-top15
            type: bar
            title: Gold, silver and bronze
            subtitle: Top 15
            sql: |
              select country, gold, silver, bronze
              from fact_medal_tally
            x: country
            y: [gold, silver, bronze]
            colors: {gold: "#E69F00", silver: silver}
            x_title: Delegation
            y_title: Medals
            ```

            ```chart
            id: athletes_by_day
            type: line
            title: Athletes
            sql: select day, n from t
            x: day
            y: n
            ```
            """, path: "pages/medals.md", name: "medals")
        #expect(page.name == "medals")
        #expect(page.title == "Who won Tokyo?")
        #expect(page.order == 2)
        #expect(page.description == "Medals by delegation")
        #expect(page.markdownLine == 6)
        #expect(page.charts == [
            ChartSpec(id: "medals-top15", kind: .bar, title: "Gold, silver and bronze", subtitle: "Top 15",
                      sql: "select country, gold, silver, bronze\nfrom fact_medal_tally\n", x: "country",
                      y: ["gold", "silver", "bronze"], colors: ["gold": "#E69F00", "silver": "silver"],
                      xTitle: "Delegation", yTitle: "Medals",
                      location: .init(file: "pages/medals.md", line: 8, column: 1),
                      yLocations: ["gold": .init(file: "pages/medals.md", line: 17, column: 5),
                                   "silver": .init(file: "pages/medals.md", line: 17, column: 11),
                                   "bronze": .init(file: "pages/medals.md", line: 17, column: 19)],
                      xLocation: .init(file: "pages/medals.md", line: 16, column: 4)),
            ChartSpec(id: "athletes_by_day", kind: .line, title: "Athletes", sql: "select day, n from t",
                      x: "day", y: ["n"], location: .init(file: "pages/medals.md", line: 23, column: 1),
                      yLocations: ["n": .init(file: "pages/medals.md", line: 29, column: 4)],
                      xLocation: .init(file: "pages/medals.md", line: 28, column: 4)),
        ])
    }

    @Test func typeDefaultsToBarAndOtherCodeBlocksAreIgnored() throws {
        let page = try PageParser.parse(text: """
            ---
            title: T
            ---
            ```sql
            select 1
            ```
            ```chart
            id: a
            title: A
            sql: select 1 as x, 2 as y
            x: x
            y: y
            ```
            """, path: "pages/t.md", name: "t")
        #expect(page.charts.map(\.id) == ["a"])
        #expect(page.charts[0].kind == .bar)
        #expect(page.order == nil && page.description == nil)
    }

    @Test func acceptsCRLFAndByteOrderMark() throws {
        let page = try PageParser.parse(text: "\u{FEFF}---\r\ntitle: T\r\n---\r\nHello\r\n", path: "pages/t.md", name: "t")
        #expect(page.title == "T")
        #expect(page.markdown == "Hello\n")
    }

    @Test func missingFrontMatter() {
        #expect(problems("# Hello\n") == ["pages/medals.md:1:1: error: page has no front matter"])
    }

    @Test func unclosedFrontMatter() {
        #expect(problems("---\ntitle: T\n# Hello\n") == ["pages/medals.md:1:1: error: front matter is not closed"])
    }

    @Test func brokenFrontMatterYAML() {
        #expect(problems("---\ntitle: T\norder: [1\n---\n").first?
            .hasPrefix("pages/medals.md:4:1: error: front matter is not valid YAML:") == true)
    }

    @Test func missingTitle() {
        #expect(problems("---\norder: 1\n---\n") == ["pages/medals.md:1:1: error: page has no title"])
        #expect(problems("---\n---\n") == ["pages/medals.md:1:1: error: page has no title"])
    }

    @Test func frontMatterKeyErrors() throws {
        let text = "---\ntitel: T\norder: first\n---\n"
        #expect(problems(text) == [
            "pages/medals.md:2:1: error: unknown key 'titel' in front matter; did you mean 'title'?",
            "pages/medals.md:1:1: error: page has no title",
            "pages/medals.md:3:8: error: 'order' must be an integer, found 'first'",
        ])
        let error = try #require(throws: DiagnosticsError.self) {
            try PageParser.parse(text: text, path: "pages/medals.md", name: "medals")
        }
        #expect(error.diagnostics[0].hint == "rename it to 'title'; valid keys are title, description, order, queries, each")
    }

    @Test func chartMissingKeys() {
        #expect(problems(pageWithChart("id: a\ntitle: A")) == [
            "pages/medals.md:5:1: error: chart block is missing 'sql'",
            "pages/medals.md:5:1: error: chart block is missing 'x'",
            "pages/medals.md:5:1: error: chart block is missing 'y'",
        ])
        #expect(problems(pageWithChart("title: A\nsql: s\nx: a\ny: b")) ==
            ["pages/medals.md:5:1: error: chart block is missing 'id'"])
    }

    @Test func chartBadID() {
        for id in ["../x", "a/b", "\"a b\"", "-a", "Medals", "x.svg"] {
            let lines = problems(pageWithChart("id: \(id)\ntitle: A\nsql: s\nx: a\ny: b"))
            #expect(lines.count == 1)
            #expect(lines.first?.hasPrefix("pages/medals.md:6:5: error: chart id '") == true, "\(id)")
        }
    }

    @Test func chartUnknownTypeAndKey() {
        #expect(problems(pageWithChart("id: a\ntype: pie\ntitle: A\nsql: s\nx: a\ny: b\nsubtitel: s")) == [
            "pages/medals.md:12:1: error: unknown key 'subtitel' in chart block; did you mean 'subtitle'?",
            "pages/medals.md:7:7: error: unknown chart type 'pie'; did you mean 'line'?",
        ])
    }

    @Test func chartWrongTypes() {
        #expect(problems(pageWithChart("id: a\ntitle: [A]\nsql: s\nx: {a: 1}\ny: {b: 1}\ncolors: [red]")) == [
            "pages/medals.md:7:8: error: 'title' must be text, found a list",
            "pages/medals.md:9:4: error: 'x' must be text, found a mapping",
            "pages/medals.md:10:4: error: 'y' must be a column name or a list of column names, found a mapping",
            "pages/medals.md:11:9: error: 'colors' must map series to colours, found a list",
        ])
    }

    @Test func chartBadColors() {
        #expect(problems(pageWithChart("id: a\ntitle: A\nsql: s\nx: a\ny: [gold, silver]\ncolors:\n  glod: red\n  silver: \"red;}\"")) == [
            "pages/medals.md:12:3: error: 'colors' names 'glod', which is not a y column; did you mean 'gold'?",
            "pages/medals.md:13:11: error: the colour of 'silver' must be a CSS colour, found 'red;}'",
        ])
    }

    @Test func chartBrokenYAMLAndEmptyBlock() {
        #expect(problems(pageWithChart("id: a\ntitle: [A\nsql: s")).first?
            .hasPrefix("pages/medals.md:8:4: error: chart block is not valid YAML:") == true)
        #expect(problems("---\ntitle: T\n---\n```chart\n```\n") == ["pages/medals.md:4:1: error: chart block is empty"])
    }

    @Test func reportsEveryProblemOfAPage() {
        let text = """
            ---
            title: T
            colour: red
            ---
            ```chart
            id: ok
            title: A
            sql: s
            x: a
            y: b
            ```

            - In a list:

              ```chart
              id: ../etc
              title: B
              sql: s
              x: a
              y: b
              ```

            ```chart
            id: ok
            title: C
            sql: s
            x: a
            y: b
            ```
            """
        #expect(problems(text) == [
            "pages/medals.md:3:1: error: unknown key 'colour' in front matter",
            "pages/medals.md:16:7: error: chart id '../etc' is not allowed",
            "pages/medals.md:23:1: error: chart id 'ok' is used twice in this page",
        ])
    }

    @Test func duplicateIDsAcrossPages() throws {
        let chart = "```chart\nid: a\ntitle: A\nsql: s\nx: a\ny: b\n```\n"
        let one = try PageParser.parse(text: "---\ntitle: One\n---\n" + chart, path: "pages/one.md", name: "one")
        let two = try PageParser.parse(text: "---\ntitle: Two\n---\n\n" + chart, path: "pages/two.md", name: "two")
        #expect(PageParser.duplicateChartIDs(in: [one, two]).map(\.description) == ["""
            pages/two.md:5:1: error: chart id 'a' is already used
              note: pages/one.md:4:1: first used here
              hint: chart ids are unique across the site: they name its embed, SVG and data files
            """])
    }

    @Test func navigationOrder() {
        let pages = [
            Page(name: "zeta", path: "", title: "Z"), Page(name: "beta", path: "", title: "B", order: 2),
            Page(name: "alpha", path: "", title: "A"), Page(name: "index", path: "", title: "I"),
            Page(name: "gamma", path: "", title: "G", order: 1),
        ]
        #expect(PageParser.sortedForNavigation(pages).map(\.name) == ["gamma", "beta", "index", "alpha", "zeta"])
    }

    @Test func rendersBodyWithChartsSpliced() throws {
        let page = try PageParser.parse(text: """
            ---
            title: T
            ---
            # Medals <script>x</script>

            ```chart
            id: medals
            title: M
            sql: s
            x: a
            y: b
            ```

            ```python
            print(1)
            ```
            """, path: "pages/t.md", name: "t")
        let html = PageParser.renderBody(page) { "<figure id=\"\($0.id)\"><svg/></figure>" }
        #expect(html == """
            <h1>Medals <!-- raw HTML omitted -->x<!-- raw HTML omitted --></h1>
            <figure id="medals"><svg/></figure>
            <pre><code class="language-python">print(1)
            </code></pre>

            """)
    }

    @Test func checksColumnsAgainstResult() {
        let chart = ChartSpec(id: "m", kind: .bar, title: "M", sql: "s", x: "country", y: ["gold", "slver"],
                              location: .init(file: "pages/m.md", line: 5, column: 1))
        let result = QueryResult(columns: ["country", "gold", "silver"], rows: [])
        #expect(ChartBlockParser.check(chart, against: result).map(\.description) == ["""
            pages/m.md:5:1: error: chart 'm': y column 'slver' is not in the query's result; did you mean 'silver'?
              hint: the query returns 'country', 'gold', 'silver'; name one of them or change the sql
            """])
    }
}
