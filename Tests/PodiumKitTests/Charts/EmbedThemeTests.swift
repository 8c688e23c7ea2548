import Testing
@testable import PodiumKit

@Suite struct EmbedThemeTests {
    @Test func hashSourceMatchesTheCSPSpecExample() {
        // The example of CSP Level 3, §8.3 (script-src 'sha256-…').
        #expect(EmbedTheme.cspHashSource("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='")
    }

    @Test func base64AndHex() {
        #expect(EmbedTheme.hexBytes("00ff10") == [0, 255, 16])
        #expect(EmbedTheme.base64([]) == "")
        #expect(EmbedTheme.base64(Array("f".utf8)) == "Zg==")
        #expect(EmbedTheme.base64(Array("foob".utf8)) == "Zm9vYg==")
        #expect(EmbedTheme.base64(Array("foobar".utf8)) == "Zm9vYmFy")
    }

    @Test func scriptIsShortAndOnlySetsTheTheme() {
        #expect(EmbedTheme.script.utf8.count < 200)
        #expect(EmbedTheme.templateContext["themeScriptSource"] == EmbedTheme.cspHashSource(EmbedTheme.script))
        #expect(!EmbedTheme.script.contains("</"))
    }
}
