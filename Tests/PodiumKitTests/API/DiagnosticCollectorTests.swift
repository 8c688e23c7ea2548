import Dispatch
import Testing
@testable import PodiumKit

/// `DiagnosticCollector` is shared between the build's threads (pages are read on one while
/// sources are staged on another).
@Suite struct DiagnosticCollectorTests {
    @Test func emitsFromManyThreadsAtOnceLoseNothing() {
        let collector = DiagnosticCollector()
        let threads = 8, each = 5_000
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for index in 0..<each {
                if index.isMultiple(of: 2) {
                    collector.emit(.warning("w\(thread)-\(index)", at: nil))
                } else {
                    collector.emit(contentsOf: [.error("e\(thread)-\(index)", at: nil)])
                }
                _ = collector.hasErrors
            }
        }
        let all = collector.diagnostics
        #expect(all.count == threads * each)
        #expect(Set(all.map(\.message)).count == threads * each)
        #expect(throws: DiagnosticsError.self) { try collector.throwIfErrors() }
    }

    @Test func throwsOnlyTheErrorsInTheOrderTheyCame() throws {
        let collector = DiagnosticCollector()
        collector.emit(.warning("first", at: nil))
        #expect(throws: Never.self) { try collector.throwIfErrors() }
        collector.emit(contentsOf: [.error("second", at: nil), .warning("third", at: nil), .error("fourth", at: nil)])
        let error = try #require(throws: DiagnosticsError.self) { try collector.throwIfErrors() }
        #expect(error.diagnostics.map(\.message) == ["second", "fourth"])
        #expect(collector.diagnostics.map(\.message) == ["first", "second", "third", "fourth"])
    }
}
