import Foundation
import Testing
import PodiumTestSupport
@testable import PodiumKit

/// The catalog of the Tokyo project agrees with data/tokyo2021/SOURCE.md.
@Suite struct CatalogTests {
    /// Built once: `Podium.catalog` stages into a temporary warehouse and leaves the repository alone.
    /// A failure (the data set missing, a build error) fails each test that reads it, not the run.
    private static let built = Result { () throws -> Catalog in
        try requireTokyoData()
        return try Podium.catalog(BuildOptions(projectRoot: repositoryRoot))
    }
    static func tokyo() throws -> Catalog { try built.get() }

    private func source(_ name: String) throws -> Catalog.Source {
        try #require(try Self.tokyo().sources.first { $0.name == name })
    }

    private func column(_ source: String, _ name: String) throws -> Catalog.ColumnProfile {
        try #require(try self.source(source).columns.first { $0.name == name })
    }

    @Test func rowCountsSizesAndFingerprintsMatchSourceMD() throws {
        let expected: [(String, Int, Int, String)] = [
            ("athletes", 11085, 407425, "6e390c6f2b93cb42f99ee9c554d8e120efab1ffb0e1731828844f7e227003b91"),
            ("coaches", 394, 16495, "6c51c283897b5d7a4c947d1870ca3edce9ba47831d6ef27a8517328c4185ac66"),
            ("entries_gender", 46, 1076, "2c0d18cfe475341d29098e559cc24e6511155938392a78a0db357fe55f4c6821"),
            ("medals", 93, 2317, "e1f7a2cf6db33f8672fb187950bc16c90667192dac24a3091489ecc9c6e8d61c"),
            ("teams", 743, 34556, "35ab9cbbd9eb506e1aaec5ffaf6bd936d951a17b8507a279bbfa00d0c215b56b"),
        ]
        #expect(try Self.tokyo().sources.map(\.name) == expected.map(\.0))
        for (name, rows, bytes, sha) in expected {
            let source = try source(name)
            #expect(source.rowCount == rows, "\(name)")
            #expect(source.bytes == bytes, "\(name)")
            #expect(source.sha256 == sha, "\(name)")
            #expect(source.table == "src_\(name)")
        }
    }

    @Test func profilesMatchSourceMD() throws {
        // Blanks: only Coaches.Event, 145 of 394.
        #expect(try column("coaches", "event").nulls == 145)
        #expect(try column("coaches", "event").nullable)
        for source in try Self.tokyo().sources {
            for column in source.columns where !(source.name == "coaches" && column.name == "event") {
                #expect(column.nulls == 0, "\(source.name).\(column.name)")
            }
        }
        #expect(try column("athletes", "country").distinct == 206)
        #expect(try column("athletes", "discipline").distinct == 46)
        #expect(try column("athletes", "name").distinct == 11062)
        #expect(try column("coaches", "name").distinct == 381)
        #expect(try column("coaches", "country").distinct == 61)
        #expect(try column("coaches", "discipline").distinct == 9)
        #expect(try column("teams", "country").distinct == 84)
        #expect(try column("teams", "discipline").distinct == 20)
        #expect(try column("teams", "event").distinct == 36)
        #expect(try column("teams", "team_name").distinct == 146)
        #expect(try column("medals", "country").distinct == 93)
        #expect(try column("entries_gender", "discipline").distinct == 46)
    }

    @Test func numbersHaveMinMaxAndTextHasLongestAndTopValues() throws {
        let gold = try column("medals", "gold")
        #expect(gold.type == .integer && gold.isDeclared)
        #expect(gold.min == .integer(0) && gold.max == .integer(39))
        #expect(try column("medals", "total").max == .integer(113))
        #expect(try column("entries_gender", "male").min == .integer(0))  // Artistic Swimming, Rhythmic Gymnastics
        #expect(try column("entries_gender", "total").max == .integer(2041))  // Athletics
        #expect(gold.longest == nil)

        let country = try column("athletes", "country")
        #expect(country.min == nil && country.max == nil)
        #expect(country.top.map(\.value.text) == [
            "United States of America", "Japan", "Australia", "People's Republic of China", "Germany"])
        #expect(country.top.map(\.count) == [615, 586, 470, 401, 400])
        #expect(try column("athletes", "discipline").top.map(\.count) == [2068, 743, 567, 496, 406])
        #expect(try column("coaches", "country").top.first == Catalog.Frequency(value: .text("Japan"), count: 35))
        #expect(country.longest == "Democratic Republic of Timor-Leste")
    }

    @Test func modelsAndChartsCarryTheirLineage() throws {
        let models = Dictionary(uniqueKeysWithValues: try Self.tokyo().models.map { ($0.name, $0) })
        #expect(models["dim_country"]?.rowCount == 206)
        #expect(models["dim_country"]?.reads == ["src_athletes"])
        #expect(models["fact_medal_tally"]?.reads == ["dim_country", "src_medals"])
        #expect(models["fact_medal_tally"]?.rowCount == 93)
        #expect(models["fact_athlete_entry"]?.rowCount == 11085)
        #expect(models["fact_medal_tally"]?.columns.map(\.name) == [
            "country_id", "rank", "gold", "silver", "bronze", "total", "rank_by_total"])
        let chart = try #require(try Self.tokyo().charts.first { $0.id == "medals-top15" })
        #expect(chart.page == "medals.html")
        #expect(chart.reads == ["dim_country", "fact_medal_tally"])
        // 6 charts and the medal table; 2 KPI blocks; 4 pages' prose values; delegation.md's chart, table and KPI block.
        let blocks = try Self.tokyo().charts
        #expect(blocks.count == 15)
        #expect(Dictionary(grouping: blocks, by: \.kind).mapValues(\.count) == ["chart": 7, "table": 2, "kpi": 2, "prose": 4])
        let prose = try #require(blocks.first { $0.id == "medals prose" })
        #expect(prose.href == "medals.html" && prose.reads == ["dim_country", "fact_delegation_discipline", "fact_medal_tally"])
        #expect(blocks.first { $0.id == "games-in-numbers" }?.href == "index.html#kpi-games-in-numbers")
        // A template's blocks are on each entity's page: the catalog links its list page.
        #expect(blocks.first { $0.id == "delegation-figures" }?.href == "delegation.html")
    }

    @Test func lineageIsLayeredLeftToRight() throws {
        let layers = LineageGraph.layers(try Self.tokyo())
        #expect(layers.map { $0.first?.kind } == ["file", "table", "model", "model", "model", "chart"])
        #expect(Set(layers[2].map(\.id)) == ["dim_country", "dim_discipline"])
        #expect(layers[4].map(\.id) == ["fact_delegation_discipline"])
        #expect(layers[5].count == 15)
        let svg = LineageGraph.svg(try Self.tokyo())
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>"))
        #expect(!svg.lowercased().contains("<script"))
        #expect(svg.contains("href=\"medals.html#chart-medals-top15\""))
        #expect(svg.contains("<title>fact_medal_tally reads dim_country, src_medals</title>"))
    }

    @Test func pageEscapesValuesAndLinksSections() throws {
        let html = CatalogPage.body(try Self.tokyo())
        #expect(html.contains("People&#39;s Republic of China") || html.contains("People&#x27;s Republic of China"))
        #expect(!html.contains("People's Republic"))
        #expect(html.contains("id=\"source-medals\""))
        #expect(html.contains("11,085 rows"))
    }

    @Test func textAndJSONRenderings() throws {
        let text = try Self.tokyo().rendered(as: .table)
        #expect(text.contains("source athletes: data/tokyo2021/Athletes.csv → src_athletes"))
        #expect(text.contains("11085 rows, 407425 bytes"))
        let json = try Self.tokyo().rendered(as: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let sources = try #require(object["sources"] as? [[String: Any]])
        #expect(sources.map { $0["rows"] as? Int } == [11085, 394, 46, 93, 743])
        #expect(try Self.tokyo().rendered(as: .json) == json)
    }
}
