import Foundation
import Synchronization
import Testing
@testable import PodiumKit
import PodiumTestSupport

/// The data tests and profiles that read staging tables only run while the models are built, on
/// a connection of their own to the file the models are being written to (WAL mode meanwhile):
/// their results must be exactly those of running every test after the build, and the file must
/// stand alone again once built.
@Suite struct BesideModelsTests {
    static let project = """
        title: T
        sources:
          people:
            path: data/people.csv
            columns:
              Id: {as: id, type: integer}
              Name: {as: name, type: text}
              NOC: {as: country, type: text, accepted_values: [Japan, France, Kenya]}
        tests:
          src_people:
            id: [unique, not_null]
            name: [not_null]
            row_count: {min: 1}
          by_country:
            country: [unique, not_null]
            people: [{range: {min: 2}}]
          checks:
            - name: names are not repeated
              sql: select name, count(*) as copies from src_people group by name having count(*) > 1
            - name: every person is counted
              sql: select (select count(*) from src_people) = (select sum(people) from by_country)
        """

    /// `count` rows with repeated ids and names, a few empty names and an unknown country.
    private func peopleCSV(_ count: Int) -> String {
        var random = SplitMix64(seed: 7)
        let countries = ["Japan", "France", "Kenya"]
        var text = "Id,Name,NOC\n"
        for row in 0..<count {
            let id = row % 97 == 3 ? row - 1 : row
            let name = row % 89 == 0 ? "" : "N\(random.next() % UInt64(count))"
            let country = row == count / 2 ? "Peru" : countries[Int(random.next() % 3)]
            text += "\(id),\(name),\(country)\n"
        }
        return text
    }

    @Test func testsBesideTheModelsGiveTheResultsOfTestsAfterThem() throws {
        let root = try makeTemporaryProject([
            "data/people.csv": peopleCSV(5000),
            "models/by_country.sql": "select country, count(*) as people from src_people group by country",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let project = try ProjectFile.parse(Self.project)
        let stage = QualityStage(projectRoot: root, project: project, strict: false)
        let beside = BesideModelsQuality()
        var builder = WarehouseBuilder(projectRoot: root, sources: project.sources,
                                       modelsDirectory: root.appendingPathComponent("models"), modelsDisplayDirectory: "models")
        builder.besideModels = beside.work(stage, models: ["by_country"])
        let file = root.appendingPathComponent("w.sqlite")
        let summary = try builder.build(to: file)

        // The file is out of WAL mode, with no log beside it.
        #expect(!FileManager.default.fileExists(atPath: file.path + "-wal"))
        let header = try #require(FileManager.default.contents(atPath: file.path)).prefix(20)
        #expect(Array(header.suffix(2)) == [1, 1])  // file format 1: a rollback journal, not WAL (2)
        #expect(Array(header.dropFirst(16).prefix(2)) == [0x40, 0x00])  // 16 KiB pages

        // What ran beside the models before they were built (with models this small, maybe only
        // what needs no query): the tests on src_people and the check on it alone, never the one
        // reading the model, nor the model's own.
        let expected = project.tests.map(\.name).filter { !$0.contains("by_country") && $0 != "every person is counted" }
        #expect(expected.count == 6)  // with the source's accepted_values
        let during = try #require(beside.results)
        #expect(Set(during.tests.keys.map { project.tests[$0].name }).isSubset(of: expected))

        // Not stopped, it runs them all, and profiles the staging table.
        let readers: (Int) throws -> WarehouseWorkers = { try WarehouseWorkers.sqlite(path: file.path, count: $0) }
        let workers = try readers(1)
        let found = stage.runBesideModels(workers: workers, tables: summary.tables, models: ["by_country"])
        workers.close()
        #expect(found.tests.keys.sorted().map { project.tests[$0].name } == expected)
        #expect(found.profiles["src_people"]?.count == summary.tables.first?.columns.count)
        let failed = found.tests.values.filter { !$0.passed }.map(\.test.name).sorted()
        #expect(failed == ["accepted_values(src_people.country)", "names are not repeated", "not_null(src_people.name)",
                           "unique(src_people.id)"])

        // The stage takes them as they are: the same results and catalog as running every test after.
        let after = try stage.run(readers: readers, summary: summary, pages: [])
        #expect(after.results.count == project.tests.count)
        for ran in [found, during] {
            var taking = stage
            taking.besideModels = ran
            let taken = try taking.run(readers: readers, summary: summary, pages: [])
            #expect(taken.results == after.results)
            #expect(taken.catalog == after.catalog)
        }
    }

    @Test func stoppedBeforeAnyJobItKeepsOnlyWhatNeedsNoQuery() throws {
        let root = try makeTemporaryProject(["data/people.csv": peopleCSV(300)])
        defer { try? FileManager.default.removeItem(at: root) }
        let project = try ProjectFile.parse(Self.project)
        let database = try SQLiteDatabase.inMemory()
        let tables = try Staging(projectRoot: root, sources: project.sources).load(into: database)
        let workers = WarehouseWorkers(engines: [database])
        let stage = QualityStage(projectRoot: root, project: project, strict: false)
        let found = stage.runBesideModels(workers: workers, tables: tables, models: ["by_country"]) { true }
        // The row count and the passing not_null(id) come from the staging counts; no SQL ran.
        #expect(found.tests.values.map(\.test.name).sorted() == ["not_null(src_people.id)", "row_count(src_people)"])
        // The profiles come from the staging counts too.
        #expect(found.profiles["src_people"]?.map(\.name) == tables.first?.columns.map(\.name))
    }

    @Test func aStoppedRunStartsNoOtherJob() throws {
        let workers = WarehouseWorkers(engines: [try SQLiteDatabase.inMemory()])
        let started = Mutex(0)
        let outcomes = workers.run((0..<5).map { index in
            { _ in started.withLock { $0 += 1 }; return index }
        }, stopped: { started.withLock { $0 >= 2 } })
        #expect(try outcomes.prefix(2).map { try $0.get() } == [0, 1])
        for outcome in outcomes.dropFirst(2) {
            #expect(throws: WarehouseWorkers.NotRun.self) { try outcome.get() }
        }
    }

    @Test func aReaderBesideAWALWriterSeesWhatWasCommitted() throws {
        let root = try makeTemporaryProject([:])
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("w.sqlite").path
        let writer = try SQLiteDatabase(path: path)
        try writer.execute("CREATE TABLE a (i INTEGER); INSERT INTO a VALUES (1), (2); PRAGMA journal_mode = WAL")
        let reader = try WarehouseWorkers.sqlite(path: path, count: 1, besideWriter: true)
        defer { reader.close() }
        try writer.execute("BEGIN; CREATE TABLE b AS SELECT i * 10 AS j FROM a")
        #expect(try reader.engines[0].readScalar("SELECT sum(i) FROM a") == .integer(3))  // not blocked by the writer
        try writer.execute("COMMIT")
        #expect(try reader.engines[0].readScalar("SELECT sum(j) FROM b") == .integer(30))
        try writer.close()
    }
}
