import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// End-to-end: the Tokyo project builds, matches the committed site/ and the reference figures.
@Suite(.serialized) struct TokyoBuildTests {
    @Test func buildReproducesCommittedSiteByteForByte() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try Podium.build(BuildOptions(projectRoot: project))
        let built = try readTree(project.appendingPathComponent("site"))
        let committed = try readTree(repositoryRoot.appendingPathComponent("site"))
        let missing = Set(committed.keys).subtracting(built.keys).sorted()
        let unexpected = Set(built.keys).subtracting(committed.keys).sorted()
        #expect(missing.isEmpty, "committed files the build did not produce: \(missing)")
        #expect(unexpected.isEmpty, "built files not committed (rebuild and commit site/): \(unexpected)")
        let differing = built.keys.filter { committed[$0] != nil && committed[$0] != built[$0] }.sorted()
        #expect(differing.isEmpty, "site/ is out of date; run `swift build -c release --static-swift-stdlib --product podium && .build/release/podium build` and commit: \(differing)")
    }

    @Test func twoBuildsGiveIdenticalOutput() throws {
        let first = try copyTokyoProject(), second = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }
        _ = try Podium.build(BuildOptions(projectRoot: first))
        _ = try Podium.build(BuildOptions(projectRoot: second))
        _ = try Podium.build(BuildOptions(projectRoot: second))
        #expect(try readTree(first.appendingPathComponent("site")) == readTree(second.appendingPathComponent("site")))
    }

    @Test func chartDataEqualsReferenceFigures() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let report = try Podium.build(BuildOptions(projectRoot: project))
        #expect(report.charts >= 6)
        func rows(_ id: String) throws -> [String] {
            try read("site/data/\(id).csv", in: project).split(separator: "\n").map(String.init)
        }
        let medals = try rows("medals-top15")
        try #require(medals.count == 16, "\(medals)")
        #expect(medals[0] == "country,gold,silver,bronze")
        #expect(Array(medals[1...10]) == [
            "United States of America,39,41,33", "People's Republic of China,38,32,18", "Japan,27,14,17",
            "Great Britain,22,21,22", "ROC,20,28,23", "Australia,17,7,22", "Netherlands,10,12,14",
            "France,10,12,11", "Germany,10,11,16", "Italy,10,10,20",
        ])
        #expect(medals[15] == "Hungary,6,7,7")

        let athletes = try rows("athletes-by-country")
        try #require(athletes.count == 21, "\(athletes)")
        #expect(Array(athletes[1...12]) == [
            "United States of America,615", "Japan,586", "Australia,470", "People's Republic of China,401",
            "Germany,400", "France,377", "Canada,368", "Great Britain,366", "Italy,356", "Spain,324",
            "ROC,318", "Brazil,291",
        ])

        let gender = try rows("gender-by-discipline")
        try #require(gender.count == 21, "\(gender)")
        #expect(gender[1] == "Athletics,969,1072")

        let versus = try rows("medals-vs-athletes")
        try #require(versus.count > 1, "\(versus)")
        #expect(versus[1] == "United States of America,615,113")
        #expect(versus.contains("ROC,318,71"))

        let disciplines = try rows("disciplines-per-country")
        try #require(disciplines.count == 21, "\(disciplines)")
        #expect(disciplines[1] == "Japan,46")

        let coaches = try rows("coaches-by-country")
        try #require(coaches.count == 16, "\(coaches)")
        #expect(Array(coaches[1...4]) == ["Japan,35", "Spain,28", "United States of America,28", "Australia,22"])
    }

    @Test func warehouseHoldsTheStarSchemaWithSourceRowCounts() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try Podium.build(BuildOptions(projectRoot: project))
        let database = try SQLiteDatabase(path: project.appendingPathComponent(".podium/warehouse.sqlite").path, mode: .readOnly)
        func count(_ sql: String) throws -> Value? { try database.query(sql, readOnly: true).rows.first?.first }
        #expect(try count("select count(*) from src_athletes") == .integer(11085))
        #expect(try count("select count(*) from src_coaches") == .integer(394))
        #expect(try count("select count(*) from src_entries_gender") == .integer(46))
        #expect(try count("select count(*) from src_medals") == .integer(93))
        #expect(try count("select count(*) from src_teams") == .integer(743))
        #expect(try count("select count(*) from dim_country") == .integer(206))
        #expect(try count("select count(*) from dim_discipline") == .integer(46))
        #expect(try count("select count(*) from fact_athlete_entry") == .integer(11085))
        #expect(try count("select count(*) from fact_coach") == .integer(394))
        #expect(try count("select count(*) from fact_team_entry") == .integer(743))
        #expect(try count("select sum(gold) || '/' || sum(silver) || '/' || sum(bronze) || '/' || sum(total) from fact_medal_tally") == .text("340/338/402/1080"))
        #expect(try count("select sum(female) || '/' || sum(male) || '/' || sum(total) from fact_gender_entries") == .text("5432/5884/11316"))
    }
}
