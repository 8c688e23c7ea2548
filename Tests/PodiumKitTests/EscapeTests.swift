import Testing
@testable import PodiumKit

@Suite struct EscapeTests {
    @Test func escapesMarkupCharacters() {
        #expect(Escape.html("<script>alert('x') & \"y\"</script>") ==
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
    }

    @Test func dropsControlCharactersButKeepsWhitespace() {
        #expect(Escape.html("a\u{0}b\tc\n") == "ab\tc\n")
    }

    @Test func numberFormatIsLocaleFree() {
        #expect(NumberFormat.plain(2.0) == "2")
        #expect(NumberFormat.plain(0.125) == "0.125")
        #expect(NumberFormat.fixed(-1.5, digits: 1) == "-1.5")
        #expect(NumberFormat.fixed(-0.04, digits: 1) == "0")
        // Past Int64 (a workbook's 1.5e20 made the catalog page trap): the shortest form.
        #expect(NumberFormat.plain(1.5e20) == "1.5e+20")
        #expect(NumberFormat.fixed(-1e19, digits: 2) == "-1e+19")
    }
}

@Suite struct SuggestionTests {
    @Test func suggestsCloseKey() {
        #expect("colums".closestMatch(in: ["path", "columns", "key"]) == "columns")
        #expect("zzz".closestMatch(in: ["path", "columns"]) == nil)
    }

    /// `ytitle` is one edit from `title` and from `y_title`: every candidate is compared, and the
    /// one that differs only by a separator wins, wherever it is listed.
    @Test func separatorsAreTheNearestMiss() {
        #expect("ytitle".closestMatch(in: ChartBlockParser.keys) == "y_title")
        #expect("xtitle".closestMatch(in: ChartBlockParser.keys) == "x_title")
        #expect("maxpoints".closestMatch(in: ChartBlockParser.keys) == "max_points")
        #expect("max-points".closestMatch(in: ChartBlockParser.keys) == "max_points")
        #expect("titel".closestMatch(in: ChartBlockParser.keys) == "title")
    }
}
