import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// End-to-end: a result too large to hold in memory (over `ChartQueries.heldCells`) is left in
/// the result cache and read back by its page, and by its data files when they are published.
@Suite struct LargeResultBuildTests {
    private static let rows = 3000  // × 2 columns: over the 4,096 cells held

    private static let page = """
        ---
        title: Large
        order: 3
        ---
        ```chart
        id: big
        type: line
        title: Many points
        sql: with recursive n(x) as (select 1 union all select x + 1 from n where x < \(rows)) select x, x * 2 as y from n
        x: x
        y: y
        ```

        """

    private func csv() -> String {
        "x,y\n" + (1...Self.rows).map { "\($0),\($0 * 2)\n" }.joined()
    }

    @Test func aLargeResultIsReadBackForItsPageAndItsDataFiles() throws {
        #expect(Self.rows * 2 > ChartQueries.heldCells)
        var files = SmallProject.files
        files["pages/large.md"] = Self.page
        let project = try makeTemporaryProject(files)
        defer { try? FileManager.default.removeItem(at: project) }
        let site = project.appendingPathComponent("site")
        _ = try Podium.build(BuildOptions(projectRoot: project))
        #expect(try String(contentsOf: site.appendingPathComponent("data/big.csv"), encoding: .utf8) == csv())
        let json = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: site.appendingPathComponent("data/big.json"))) as? [String: Any])
        let rows = try #require(json["rows"] as? [[Int]])
        #expect(rows.count == Self.rows)
        #expect(rows.last == [Self.rows, Self.rows * 2])
        let html = try String(contentsOf: site.appendingPathComponent("large.html"), encoding: .utf8)
        #expect(html.contains("id=\"chart-big\""))
        let svg = try Data(contentsOf: site.appendingPathComponent("charts/big.svg"))

        // An edit of the prose: the chart's result is fresh, read back from the cache, not queried.
        try (Self.page + "More words.\n").write(to: project.appendingPathComponent("pages/large.md"), atomically: true, encoding: .utf8)
        let report = try Podium.build(BuildOptions(projectRoot: project))
        #expect(report.queriesRun == 0)
        #expect(try String(contentsOf: site.appendingPathComponent("data/big.csv"), encoding: .utf8) == csv())
        #expect(try Data(contentsOf: site.appendingPathComponent("charts/big.svg")) == svg)
        let edited = try String(contentsOf: site.appendingPathComponent("large.html"), encoding: .utf8)
        #expect(edited.contains("More words."))
        #expect(edited.contains("id=\"chart-big\""))
    }
}
