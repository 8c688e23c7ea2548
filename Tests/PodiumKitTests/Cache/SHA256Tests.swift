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
}
