import Foundation
import Testing
@testable import PodiumKit

/// The chart queries hold only small results in memory: a large one is stored as soon as it is
/// queried, and read back by whoever needs it (see `ResultShelf`).
@Suite struct ChartQueriesHoldTests {
    private static let points = 3000  // × 2 columns: over the 4,096 cells held

    private func chart(_ id: String, _ sql: String) -> ChartSpec {
        ChartSpec(id: id, kind: .line, title: id, sql: sql, x: "x", y: ["y"])
    }

    @Test func onlySmallResultsAreHeld() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("podium-hold-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = ResultStore(folder: folder)
        let database = try SQLiteDatabase.inMemory()
        func queries(previous: [String: ResultStamp] = [:]) -> ChartQueries {
            ChartQueries(connect: { _ in WarehouseWorkers(engines: [database]) }, store: store, tables: [:], tool: "test",
                         previous: previous)
        }
        let charts = [
            chart("big", "with recursive n(x) as (select 1 union all select x + 1 from n where x < \(Self.points)) select x, x * 2 as y from n"),
            chart("small", "select 1 as x, 2 as y"),
            chart("none", "select 1 as x, 2 as y where 0"),
        ]
        let first = try queries().run(charts)
        #expect(first.queriesRun == 3)
        #expect(Set(first.results.keys) == ["small", "none"])
        let bigKey = try #require(first.stamps["big"]).key
        let big = try #require(store.result(for: bigKey))
        #expect(big.rows.count == Self.points && big.rows.last == [.integer(Int64(Self.points)), .integer(Int64(Self.points * 2))])
        let smallKey = try #require(first.stamps["small"]).key
        #expect(store.result(for: smallKey) == first.results["small"])
        // Nothing to draw is known from the result as it went by, held or not.
        #expect(Set(first.empty.keys) == ["none"])

        // Read back from the cache: the same results held, none queried.
        let again = try queries(previous: first.stamps).run(charts)
        #expect(again.queriesRun == 0)
        #expect(again.results == first.results)
        #expect(again.stamps == first.stamps)

        // The page templates' rows are held whatever their size.
        let all = try queries().run(charts, holdAll: true)
        #expect(all.results["big"] == big)
    }
}
