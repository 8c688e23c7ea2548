import PodiumTestSupport
import Testing
@testable import PodiumKit

/// The data table under a chart shows every column the query selected, not only x and y.
@Suite struct DataTableTests {
    @Test func showsEveryColumnDrawnFirstThenTheRestInQueryOrder() {
        let spec = ChartFixtures.spec("t", .bar, x: "country", y: ["gold"])
        let result = QueryResult(columns: ["rank", "country", "note", "gold"], rows: [
            [.integer(1), .text("Japan"), .text("<host>"), .integer(27)],
            [.integer(2), .text("Kenya"), .null, .integer(4)],
        ])
        let html = DataTable.element(spec, result).render(.html)
        let headers = html.components(separatedBy: "<th scope=\"col\"").dropFirst().map { $0.prefix { $0 != "<" } }
        #expect(headers.map { String($0.drop { $0 != ">" }.dropFirst()) } == ["country", "gold", "rank", "note"])
        #expect(html.contains("&lt;host&gt;") && !html.contains("<host>"))
        #expect(html.contains("<td class=\"num\">1</td>"))  // rank: a number column, right-aligned
    }
}
