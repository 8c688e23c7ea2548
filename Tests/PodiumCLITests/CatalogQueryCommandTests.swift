import Foundation
import PodiumTestSupport
import Testing

/// `podium catalog`, `podium query` and `podium build --strict`, run as a user would.
@Suite struct CatalogQueryCommandTests {
    @Test func catalogPrintsTheFiveSourcesWithTheirRowCounts() throws {
        try requireTokyoData()
        let result = try runPodium(["catalog", "--project", repositoryRoot.path], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 0, "\(result.stderr)")
        for (name, path, rows) in [("athletes", "Athletes", 11085), ("coaches", "Coaches", 394),
                                   ("entries_gender", "EntriesGender", 46), ("medals", "Medals", 93), ("teams", "Teams", 743)] {
            #expect(result.stdout.contains("source \(name): data/tokyo2021/\(path).csv → src_\(name)\n  \(rows) rows,"), "\(name)")
        }
        #expect(result.stdout.contains("event       text  yes         145         6"), "\(result.stdout)")
        #expect(result.stdout.contains("fact_medal_tally"))

        let json = try runPodium(["catalog", "--format", "json"], in: repositoryRoot)
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["sources"] as? [[String: Any]])?.count == 5)
    }

    @Test func queryBuildsTheWarehouseWhenMissingAndPrintsEachFormat() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let sql = "select country, gold from src_medals where rank <= 2 order by rank"
        let table = try runPodium(["query", sql], in: project)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout == """
            country                     gold
            --------------------------  ----
            United States of America    39
            People's Republic of China  38
            (2 rows)

            """)
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent(".podium/warehouse.sqlite").path))

        let csv = try runPodium(["query", sql, "--format", "csv"], in: project)
        #expect(csv.stdout == "country,gold\nUnited States of America,39\nPeople's Republic of China,38\n")
        let json = try runPodium(["query", sql, "--format", "json", "--project", project.path], in: FileManager.default.temporaryDirectory)
        #expect(json.stdout == """
            {
              "columns": ["country", "gold"],
              "rows": [
                ["United States of America", 39],
                ["People's Republic of China", 38]
              ]
            }

            """)
    }

    @Test func queryErrorsQuoteSQLiteAndWritesAreRefused() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let missing = try runPodium(["query", "select nope from src_medals"], in: project)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("error: query failed: no such column: nope"), "\(missing.stderr)")
        let write = try runPodium(["query", "delete from src_medals"], in: project)
        #expect(write.status == 1)
        #expect(write.stderr.contains("may only read"), "\(write.stderr)")
        let format = try runPodium(["query", "select 1", "--format", "xml"], in: project)
        #expect(format.status != 0)
    }

    @Test func strictBuildFailsOnAFailedDataTest() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        var yaml = try read("podium.yaml", in: project)
        yaml = yaml.replacingOccurrences(of: "row_count: {min: 206, max: 206}", with: "row_count: {min: 300}")
        try write(yaml, to: "podium.yaml", in: project)
        let lenient = try runPodium(["build"], in: project)
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("warning: data test row_count(dim_country) failed: 206 rows, expected of at least 300"),
                "\(lenient.stderr)")
        let before = try readTree(project.appendingPathComponent("site"))
        let strict = try runPodium(["build", "--strict"], in: project)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("podium.yaml:"), "\(strict.stderr)")
        #expect(strict.stderr.contains("error: data test row_count(dim_country) failed"), "\(strict.stderr)")
        #expect(try readTree(project.appendingPathComponent("site")) == before)
    }
}
