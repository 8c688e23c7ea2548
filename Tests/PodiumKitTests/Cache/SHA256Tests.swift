import Foundation
import Testing
@testable import PodiumKit

@Suite struct SHA256Tests {
    @Test func knownDigests() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func streamingEqualsOneShot() {
        var hasher = SHA256()
        hasher.update("a")
        hasher.update("bc")
        #expect(hasher.finalize() == SHA256.hex("abc"))
    }

    /// A file longer than one read buffer hashes as its whole contents do.
    @Test func fileInSeveralChunksEqualsItsBytes() throws {
        let text = String(repeating: "Tokyo 2020, \"quoted\" é\n", count: 30_000)  // ~750 KB: three reads
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(text.utf8).write(to: url)
        #expect(try SHA256.hex(fileAt: url.path) == SHA256.hex(text))
        #expect(throws: DiagnosticsError.self) { try SHA256.hex(fileAt: url.path + ".missing") }
    }
}
