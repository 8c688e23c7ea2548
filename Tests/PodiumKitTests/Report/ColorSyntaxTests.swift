import Testing
@testable import PodiumKit

/// The hand-written colour check accepts what its regular expressions did, including their `$`
/// allowing one final line terminator.
@Suite struct ColorSyntaxTests {
    @Test func acceptsTheDocumentedForms() {
        for color in ["#fff", "#ffff", "#E69F00", "#E69F00cc", "teal", "RebeccaPurple", "rgb(1, 2, 3)",
                      "rgba(1,2,3,0.5)", "hsl(10deg 20% 30% / 50%)", "hsla()", "var(--brand_1-a)", "#fff\n", "red\r\n"] {
            #expect(ChartBlockParser.isValidColor(color), "\(color.debugDescription)")
        }
    }

    @Test func rejectsEverythingElse() {
        for color in ["", "#", "#ff", "#fffff", "#fffffff", "#ggg", "ré", "red1", "red;}", "RGB(1)", "rgb(A)",
                      "rgb(1))", "rgb(1", "var(--)", "var(-a)", "var(--a b)", "url(x)", " red", "red\n\n", "red\t"] {
            #expect(!ChartBlockParser.isValidColor(color), "\(color.debugDescription)")
        }
    }
}

@Suite struct ByteSearchTests {
    @Test func findsExactBytes() {
        let text = "<p>podium-1-</p><p>podium-12-</p>"
        let range = text.firstRange(ofBytes: "podium-12-")
        #expect(range.map { String(text[$0]) } == "podium-12-")
        #expect(text[text.startIndex..<range!.lowerBound] == "<p>podium-1-</p><p>")
        #expect(text.firstRange(ofBytes: "podium-3-") == nil)
        #expect(text.firstRange(ofBytes: "") == nil)
        #expect(!"é".containsBytes("e"))
        #expect(Substring("abcabd").dropFirst().firstRange(ofBytes: "abd") != nil)
    }
}
