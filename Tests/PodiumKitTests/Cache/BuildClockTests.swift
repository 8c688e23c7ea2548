import Foundation
import Testing
@testable import PodiumKit

/// A build's start is what later builds compare input mtimes with: a file changed after the
/// start must never look older than it, or an edit made while a build ran could be taken as
/// unchanged by the next one (same size, same tick: the racy case git also guards against).
@Suite struct BuildClockTests {
    @Test func aFileWrittenAfterTheStartIsNeverOlderThanIt() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("podium-clock-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        let descriptor = open(file.path, O_CREAT | O_WRONLY, 0o644)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var older = 0
        // With the fine clock (CLOCK_REALTIME) at least one write in 20,000, in every run here, got an mtime before
        // the clock reading that preceded it: the kernel stamps files from a coarser clock.
        for round in 0..<20_000 {
            let start = StageClock.fileClockNanoseconds()
            var byte = UInt8(truncatingIfNeeded: round)
            _ = pwrite(descriptor, &byte, 1, 0)
            let modified = try #require(FileStamp.stat(file.path)).modified
            if modified < start { older += 1 }
        }
        #expect(older == 0, "\(older) of 20,000 writes got an mtime before the clock reading that preceded them")
    }
}
