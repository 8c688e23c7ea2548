import Foundation
import Testing
@testable import PodiumKit

/// Stages a large CSV named by `PODIUM_BENCH_CSV` and reports rows per second and peak memory.
/// Skipped unless the variable is set; run in release:
/// `PODIUM_BENCH_CSV=/tmp/big.csv swift test -c release -Xswiftc -enable-testing --filter StagingBenchmark`
@Suite struct StagingBenchmarkTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PODIUM_BENCH_CSV"] != nil))
    func stagesALargeFile() throws {
        let path = URL(fileURLWithPath: ProcessInfo.processInfo.environment["PODIUM_BENCH_CSV"]!)
        let clock = ContinuousClock()
        var records = 0
        let read = try clock.measure {
            try CSVReader(path: path.path, displayPath: path.lastPathComponent).read { _ in records += 1 }
        }
        let database = try SQLiteDatabase.inMemory()
        var tables: [StagedTable] = []
        let staged = try clock.measure {
            tables = try Staging(
                projectRoot: path.deletingLastPathComponent(),
                sources: [SourceSpec(name: "big", path: path.lastPathComponent)]
            ).load(into: database)
        }
        let seconds = { (d: Duration) in Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        // Peak resident memory, from /proc on Linux.
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM") } ?? "VmHWM: unknown"
        print("read \(records) records in \(seconds(read)) s; staged \(tables[0].rowCount) rows in \(seconds(staged)) s "
            + "(\(Int(Double(tables[0].rowCount) / seconds(staged))) rows/s); types \(tables[0].columns.map(\.type.rawValue)); "
            + "\(peak)")
        #expect(records == tables[0].rowCount + 1)
    }
}
