import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// End-to-end: a table block gets the chart's files but the SVG, an empty one warns unless the
/// block says what to show, and a column its query does not return stops the build at its name.
@Suite struct TableBlockBuildTests {
    private static let page = """
        ---
        title: Tables
        order: 3
        ---
        ```chart
        id: medal-table
        type: table
        title: Medal table
        sql: select country, gold, silver, medals from medal_summary order by medals desc, country
        columns: [country, medals, gold]
        titles: {country: Delegation, medals: Medals}
        bar: medals
        limit: 3
        ```

        ```chart
        id: nobody
        type: table
        title: Over a hundred golds
        sql: select country, gold from medal_summary where gold > 100
        ```

        ```chart
        id: gone
        type: table
        title: Over a hundred medals
        sql: select country from medal_summary where medals > 100
        empty: hide
        ```

        """

    private func project(page: String = Self.page) throws -> URL {
        var files = SmallProject.files
        files["pages/tables.md"] = page
        return try makeTemporaryProject(files)
    }

    @Test func aTableHasItsEmbedPageAndDataFilesButNoSVG() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(at: project) }
        let report = try Podium.build(BuildOptions(projectRoot: project))
        #expect(report.warnings.map { String($0.description.split(separator: "\n")[0]) }
            == ["pages/tables.md:16:1: warning: table 'nobody': its query returned no rows, so it shows \"No data\""])
        let site = try readTree(project.appendingPathComponent("site"))
        for id in ["medal-table", "nobody", "gone"] {
            #expect(site["embed/\(id).html"] != nil && site["data/\(id).csv"] != nil && site["data/\(id).json"] != nil, "\(id)")
            #expect(site["charts/\(id).svg"] == nil, "\(id)")
        }
        let html = String(decoding: site["tables.html"]!, as: UTF8.self)
        #expect(html.contains("<caption>Medal table (showing 3 of 5 rows)</caption>"))
        #expect(html.contains("<th scope=\"col\">Delegation</th>"))
        #expect(html.contains("<th scope=\"row\">People&#39;s Republic of China</th>")
            || html.contains("<th scope=\"row\">People's Republic of China</th>"))
        #expect(html.contains("<td class=\"num podium-bar-cell\">70<svg class=\"podium-cell-bar\""))
        #expect(html.contains("Showing 3 of 5 rows: the CSV and JSON files have them all."))
        #expect(!html.contains("charts/medal-table.svg") && !html.contains("Data table"))
        #expect(html.contains("<p class=\"podium-table-empty\">No data</p>"))
        #expect(!html.contains("chart-gone") && !html.contains("Over a hundred medals"))
        let embed = String(decoding: site["embed/medal-table.html"]!, as: UTF8.self)
        #expect(embed.contains("<caption>Medal table (showing 3 of 5 rows)</caption>"))
        // The CSV holds every row and column of the query, whatever the table shows.
        let csv = String(decoding: site["data/medal-table.csv"]!, as: UTF8.self)
        #expect(csv.hasPrefix("country,gold,silver,medals\n") && csv.split(separator: "\n").count == 6)
    }

    @Test func anUnknownColumnStopsTheBuildAtItsName() throws {
        let page = Self.page.replacingOccurrences(of: "bar: medals", with: "bar: medal")
        let project = try project(page: page)
        defer { try? FileManager.default.removeItem(at: project) }
        #expect {
            try Podium.build(BuildOptions(projectRoot: project))
        } throws: { error in
            (error as? DiagnosticsError)?.diagnostics.map { String($0.description.split(separator: "\n")[0]) }
                == ["pages/tables.md:12:6: error: table 'medal-table': bar names column 'medal', which is not in the query's result; did you mean 'medals'?"]
        }
    }
}
