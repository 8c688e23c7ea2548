import Foundation
import Testing
@testable import PodiumKit

@Suite struct DataExportTests {
    private let chart = ChartSpec(id: "medals", kind: .bar, title: "Gold \"& <b>\"", sql: "select *\nfrom t -- \"x\"",
                                  x: "country", y: ["gold"])
    private let result = QueryResult(
        columns: ["country", "gold", "share, %"],
        rows: [
            [.text("Hong Kong, China"), .integer(1), .real(0.1)],
            [.text("People's Republic of \"China\""), .integer(38), .real(2)],
            [.text("Côte d'Ivoire\nline two"), .null, .real(-1.25e-7)],
            [.text("<script>alert(1)</script>"), .integer(-3), .real(.nan)],
            [.text(" padded "), .integer(Int64.max), .text("Trinidad & Tobago 🇹🇹\u{2028}\t")],
        ])

    @Test func csvQuotesWhatNeedsQuoting() {
        #expect(DataExport.csv(result) == #"""
            country,gold,"share, %"
            "Hong Kong, China",1,0.1
            "People's Republic of ""China""",38,2
            "Côte d'Ivoire
            line two",,-1.25e-07
            <script>alert(1)</script>,-3,NaN
            " padded ",9223372036854775807,Trinidad & Tobago 🇹🇹\#u{2028}\#t

            """#)
    }

    @Test func jsonIsDeterministicAndTyped() throws {
        let json = DataExport.json(chart, result)
        #expect(json == #"""
            {
              "id": "medals",
              "title": "Gold \"\u0026 \u003cb\u003e\"",
              "sql": "select *\nfrom t -- \"x\"",
              "columns": ["country", "gold", "share, %"],
              "rows": [
                ["Hong Kong, China", 1, 0.1],
                ["People's Republic of \"China\"", 38, 2],
                ["Côte d'Ivoire\nline two", null, -1.25e-07],
                ["\u003cscript\u003ealert(1)\u003c/script\u003e", -3, null],
                [" padded ", 9223372036854775807, "Trinidad \u0026 Tobago 🇹🇹\u2028\t"]
              ]
            }

            """#)
        // It is valid JSON that reads back to the same values.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let rows = try #require(object["rows"] as? [[Any]])
        #expect(rows[2][0] as? String == "Côte d'Ivoire\nline two")
        #expect(rows[4][2] as? String == "Trinidad & Tobago 🇹🇹\u{2028}\t")
        #expect(rows[3][0] as? String == "<script>alert(1)</script>")
        #expect(object["title"] as? String == "Gold \"& <b>\"")
    }

    @Test func emptyResult() {
        let empty = QueryResult(columns: ["a"], rows: [])
        #expect(DataExport.csv(empty) == "a\n")
        #expect(DataExport.json(chart, empty).hasSuffix("\"columns\": [\"a\"],\n  \"rows\": []\n}\n"))
    }
}
