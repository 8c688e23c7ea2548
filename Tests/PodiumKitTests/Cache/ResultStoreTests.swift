import Foundation
import Testing
@testable import PodiumKit

/// A stored result reads back exactly as it was, whatever its text holds.
@Suite struct ResultStoreTests {
    @Test func resultsRoundTripWithEveryKindOfValue() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("podium-results-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = ResultStore(folder: folder)
        let tricky = ["", "plain", "quote \" and backslash \\", "line\nbreak\ttab\r", "\u{0}\u{1}\u{1F}\u{7F}",
                      "caf\u{E9} / cafe\u{301} 🏅", "</script>", "i:42", "null"]
        let result = QueryResult(
            columns: ["text", "number", "col \"2\""],
            rows: tricky.enumerated().map { index, text in [.text(text), .integer(Int64(index) - 4), .null] } + [
                [.real(0.1), .integer(.max), .integer(.min)],
                [.real(1e300), .real(-2.5e-308), .real(123456789.125)],
            ])
        try store.store(result, for: "k1")
        #expect(store.result(for: "k1") == result)
        let empty = QueryResult(columns: ["a"], rows: [])
        try store.store(empty, for: "k2")
        #expect(store.result(for: "k2") == empty)
        #expect(store.result(for: "missing") == nil)
    }
}
