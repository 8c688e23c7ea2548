import Foundation
import Testing
@testable import PodiumKit
import PodiumTestSupport

private let medalsSource = SourceSpec(
    name: "medals", path: "data/Medals.csv",
    columns: [
        ColumnSpec(header: "Team/NOC", name: "country", type: .text, required: true),
        ColumnSpec(header: "Gold", name: "gold", type: .integer),
    ],
    key: ["country"])

private let project: [String: String] = [
    "data/Medals.csv": "Team/NOC,Gold\nJapan,27\n\"Hong Kong, China\",1\nCôte d'Ivoire,0\n",
    "models/dim_country.sql": "select row_number() over (order by country) as country_id, country from src_medals",
    "models/fact_gold.sql": "select c.country_id, m.gold\nfrom src_medals m join dim_country c using (country);\n",
]

private func builder(_ root: URL, sources: [SourceSpec] = [medalsSource]) -> WarehouseBuilder {
    WarehouseBuilder(
        projectRoot: root, sources: sources, modelsDirectory: root.appendingPathComponent("models"),
        modelsDisplayDirectory: "models")
}

private func files(in directory: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
}

@Suite struct WarehouseBuilderTests {
    @Test func buildsStagingTablesAndModels() throws {
        let root = try makeTemporaryProject(project)
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent(".podium/warehouse.sqlite")
        let summary = try builder(root).build(to: target)

        #expect(summary.tables.map(\.name) == ["src_medals"])
        #expect(summary.tables.map(\.rowCount) == [3])
        #expect(summary.models == [
            .init(name: "dim_country", path: "models/dim_country.sql", dependencies: ["src_medals"], rowCount: 3),
            .init(name: "fact_gold", path: "models/fact_gold.sql", dependencies: ["dim_country", "src_medals"], rowCount: 3),
        ])
        #expect(try files(in: target.deletingLastPathComponent()) == ["warehouse.sqlite"])
        let database = try SQLiteDatabase(path: target.path, mode: .readOnly)
        #expect(try database.tableNames() == ["dim_country", "fact_gold", "src_medals"])
        #expect(try database.query("select country, gold from fact_gold join dim_country using (country_id) order by country_id").rows == [
            [.text("Côte d'Ivoire"), .integer(0)], [.text("Hong Kong, China"), .integer(1)], [.text("Japan"), .integer(27)],
        ])
    }

    @Test func failedBuildLeavesTheExistingWarehouseUntouched() throws {
        let root = try makeTemporaryProject(project)
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent(".podium/warehouse.sqlite")
        _ = try builder(root).build(to: target)
        let before = try Data(contentsOf: target)

        try Data("Team/NOC,Gold\nJapan,n/a\n".utf8).write(to: root.appendingPathComponent("data/Medals.csv"))
        try Data("select nope from src_medals".utf8).write(to: root.appendingPathComponent("models/broken.sql"))
        let found = headlines { _ = try builder(root).build(to: target) }
        #expect(found == ["data/Medals.csv:2:7: error: column 'Gold' expects an integer, found \"n/a\""])

        try Data("Team/NOC,Gold\nJapan,27\n".utf8).write(to: root.appendingPathComponent("data/Medals.csv"))
        let modelFailure = headlines { _ = try builder(root).build(to: target) }
        #expect(modelFailure == ["models/broken.sql:1:8: error: model 'broken' failed: no such column: nope"])

        #expect(try Data(contentsOf: target) == before)
        #expect(try files(in: target.deletingLastPathComponent()) == ["warehouse.sqlite"])
        #expect(try SQLiteDatabase(path: target.path, mode: .readOnly).scalar("select count(*) from src_medals") == .integer(3))
    }

    @Test func reportsSourceAndModelProblemsTogether() throws {
        var files = project
        files["models/a.sql"] = "select * from b"
        files["models/b.sql"] = "select * from a"
        files["models/c.sql"] = "delete from src_medals"
        let root = try makeTemporaryProject(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("w.sqlite")
        let found = headlines {
            _ = try builder(root, sources: [medalsSource, SourceSpec(name: "teams", path: "data/Teams.csv")]).build(to: target)
        }
        #expect(found == [
            "data/Teams.csv: error: cannot find source file",
            "models/c.sql:1:1: error: a model must be one SELECT or WITH query, found 'delete'",
        ])
        #expect(!FileManager.default.fileExists(atPath: target.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["data", "models"])
    }

    @Test func buildsWithoutModels() throws {
        let root = try makeTemporaryProject(project)
        defer { try? FileManager.default.removeItem(at: root) }
        let summary = try WarehouseBuilder(
            projectRoot: root, sources: [medalsSource], modelsDirectory: nil, modelsDisplayDirectory: "models"
        ).build(to: root.appendingPathComponent("w.sqlite"))
        #expect(summary.models.isEmpty)
        #expect(summary.tables.count == 1)
    }

    @Test func buildsTheTokyoDataWithReferences() throws {
        let root = try makeTemporaryProject([:])
        defer { try? FileManager.default.removeItem(at: root) }
        try requireTokyoData()
        let data = repositoryRoot.appendingPathComponent("data/tokyo2021")
        let sources = [
            SourceSpec(name: "athletes", path: "Athletes.csv", columns: [ColumnSpec(header: "NOC", name: "country")]),
            SourceSpec(name: "medals", path: "Medals.csv", columns: [ColumnSpec(header: "Team/NOC", name: "country")],
                       key: ["country"], references: [.init(column: "country", targetSource: "athletes", targetColumn: "country")]),
            SourceSpec(name: "entries_gender", path: "EntriesGender.csv", key: ["discipline"]),
            SourceSpec(name: "coaches", path: "Coaches.csv"),
            SourceSpec(name: "teams", path: "Teams.csv", references: [.init(column: "noc", targetSource: "athletes", targetColumn: "country")]),
        ]
        let summary = try WarehouseBuilder(
            projectRoot: data, sources: sources, modelsDirectory: nil, modelsDisplayDirectory: "models"
        ).build(to: root.appendingPathComponent("w.sqlite"))
        #expect(summary.tables.map(\.rowCount) == [11085, 93, 46, 394, 743])
        #expect(summary.tables[1].columns.map(\.type) == [.integer, .text, .integer, .integer, .integer, .integer, .integer])
        let database = try SQLiteDatabase(path: root.appendingPathComponent("w.sqlite").path, mode: .readOnly)
        #expect(try database.query("select sum(gold), sum(silver), sum(bronze), sum(total) from src_medals").rows
            == [[.integer(340), .integer(338), .integer(402), .integer(1080)]])
        #expect(try database.scalar("select count(*) from src_coaches where event is null") == .integer(145))
    }
}
