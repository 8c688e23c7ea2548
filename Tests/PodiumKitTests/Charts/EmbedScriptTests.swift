import Testing
@testable import PodiumKit

@Suite struct EmbedScriptTests {
    @Test func hashSourceMatchesTheCSPSpecExample() {
        // The example of CSP Level 3, §8.3 (script-src 'sha256-…').
        #expect(EmbedScript.cspHashSource("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='")
    }

    @Test func base64AndHex() {
        #expect(EmbedScript.hexBytes("00ff10") == [0, 255, 16])
        #expect(EmbedScript.base64([]) == "")
        #expect(EmbedScript.base64(Array("f".utf8)) == "Zg==")
        #expect(EmbedScript.base64(Array("foob".utf8)) == "Zm9vYg==")
        #expect(EmbedScript.base64(Array("foobar".utf8)) == "Zm9vYmFy")
    }

    @Test func scriptIsShortAndPostsOnlyItsHeightToItsParent() {
        #expect(EmbedScript.script.utf8.count < 500)
        #expect(EmbedScript.templateContext["themeScriptSource"] == EmbedScript.cspHashSource(EmbedScript.script))
        #expect(!EmbedScript.script.contains("</"))
        // One message, to the parent only, holding a number and nothing of the page or its address.
        #expect(EmbedScript.script.components(separatedBy: "postMessage(").count == 2)
        #expect(EmbedScript.script.contains("parent.postMessage({podium:\"height\",height:n},\"*\")"))
        #expect(!EmbedScript.script.contains("top.") && !EmbedScript.script.contains("opener"))
        #expect(!EmbedScript.script.contains("addEventListener(\"message\""))  // it listens to no one
    }
}
