import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// End-to-end: a chart whose query gives nothing to draw is a warning at its block, unless the
/// block says what to show (`empty:` text, or `hide`); with `--strict` the warning is an error.
@Suite struct EmptyChartTests {
    private static let page = """
        ---
        title: Empty
        order: 3
        ---
        ```chart
        id: nobody
        title: Over a hundred golds
        sql: select country, gold from medal_summary where gold > 100
        x: country
        y: gold
        ```

        ```chart
        id: said
        title: Over a hundred silvers
        sql: select country, silver from medal_summary where silver > 100
        x: country
        y: silver
        empty: "No <team> won a hundred & more."
        ```

        ```chart
        id: gone
        title: Over a hundred medals
        sql: select country, medals from medal_summary where medals > 100
        x: country
        y: medals
        empty: hide
        ```

        """

    private func project() throws -> URL {
        var files = SmallProject.files
        files["pages/empty.md"] = Self.page
        return try makeTemporaryProject(files)
    }

    @Test func nothingToDrawWarnsUnlessTheBlockSaysWhatToShow() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(at: project) }
        let report = try Podium.build(BuildOptions(projectRoot: project))
        #expect(report.warnings.map(\.description) == ["""
            pages/empty.md:5:1: warning: chart 'nobody': its query returned no rows, so it shows "No data"
              hint: check the sql with `podium query`; if an empty result is expected, say what to show in the chart block: `empty: "Nothing to show yet."`, or `empty: hide` to leave the chart out
            """])
        let html = try String(contentsOf: project.appendingPathComponent("site/empty.html"), encoding: .utf8)
        #expect(html.contains("id=\"chart-nobody\""))
        #expect(html.contains(">No data</text>"))
        // The author's text replaces "No data", escaped.
        #expect(html.contains("id=\"chart-said\""))
        #expect(html.contains(">No &lt;team&gt; won a hundred &amp; more.</text>"))
        #expect(html.contains(": no data. No &lt;team&gt; won a hundred &amp; more.</desc>"))
        // `hide`: nothing on the page.
        #expect(!html.contains("chart-gone"))
        #expect(!html.contains("Over a hundred medals"))

        // The warning is repeated by a build with nothing to do.
        #expect(try Podium.build(BuildOptions(projectRoot: project)).warnings.count == 1)
    }

    @Test func strictMakesItAnError() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(at: project) }
        #expect {
            try Podium.build(BuildOptions(projectRoot: project, strict: true))
        } throws: { error in
            (error as? DiagnosticsError)?.diagnostics.map(\.description).first?
                .hasPrefix("pages/empty.md:5:1: error: chart 'nobody': its query returned no rows") == true
        }
    }
}
