import Synchronization
import Foundation
import Testing
@testable import PodiumKit

/// Jobs on several read-only connections come back in job order, each with its own outcome.
@Suite struct WarehouseWorkersTests {
    @Test func twoConnectionsReturnResultsInJobOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("podium-workers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("w.sqlite").path
        let writer = try SQLiteDatabase(path: path)
        try writer.execute("""
            CREATE TABLE n (i INTEGER);
            WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 2000) INSERT INTO n SELECT i FROM s;
            """)
        try writer.close()

        let workers = try WarehouseWorkers.sqlite(path: path, count: 2)
        defer { workers.close() }
        #expect(workers.engines.count == 2)
        for engine in workers.engines {  // a small warehouse is read through a memory map
            #expect(try engine.readScalar("PRAGMA mmap_size") == .integer(WarehouseWorkers.mapLimit))
        }
        let jobs: [@Sendable (any WarehouseEngine) throws -> Int] = (1...60).map { limit in
            { engine in
                if limit == 30 { _ = try engine.readQuery("SELECT nope FROM n") }
                return Int(try engine.readScalar("SELECT sum(i) FROM (SELECT i FROM n LIMIT \(limit * 30))").number ?? 0)
            }
        }
        let outcomes = workers.run(jobs)
        #expect(outcomes.count == 60)
        for (index, outcome) in outcomes.enumerated() {
            let rows = (index + 1) * 30
            if index == 29 {
                #expect(throws: SQLiteError.self) { try outcome.get() }
            } else {
                #expect(try outcome.get() == rows * (rows + 1) / 2)
            }
        }
    }

    @Test func theLargestJobsStartFirstAndResultsStayInJobOrder() throws {
        let workers = WarehouseWorkers(engines: [try SQLiteDatabase.inMemory()])  // one connection: one job at a time
        let log = StartLog()
        let sizes = [5, 40, 0, 40, 12]
        let outcomes = workers.run(sizes.indices.map { index in
            { _ in log.order.withLock { $0.append(index) }; return index * 10 }
        }, sizes: sizes)
        #expect(log.order.withLock { $0 } == [1, 3, 4, 0, 2])  // by size, ties in job order
        #expect(try outcomes.map { try $0.get() } == [0, 10, 20, 30, 40])
    }
}

private final class StartLog: Sendable { let order = Mutex<[Int]>([]) }
