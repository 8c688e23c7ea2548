import Testing
@testable import PodiumKit

@Suite struct StringQuotingTests {
    @Test func quotesAreDoubledAndEverythingElseKept() {
        #expect("plain".doublingQuotes == "plain")
        #expect("a\"b\"".doublingQuotes == "a\"\"b\"\"")
        #expect("\"🇯🇵\" é\"".doublingQuotes == "\"\"🇯🇵\"\" é\"\"")
        #expect(SQLText.quote("Team/\"NOC\"") == "\"Team/\"\"NOC\"\"\"")
    }

    @Test func pageStemsAreAsciiWords() {
        for stem in ["index", "medals-by-country", "2021_results", "A"] { #expect(ReportLoader.isAllowedStem(stem), "\(stem)") }
        for stem in ["", ".hidden", "-x", "_x", "a page", "médailles", "a/b", "a.b"] { #expect(!ReportLoader.isAllowedStem(stem), "\(stem)") }
    }
}
