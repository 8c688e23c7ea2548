import Testing
@testable import PodiumKit

/// Reading `{{…}}` placeholders; what is not one stays text.
@Suite struct PlaceholderParserTests {
    private func parsed(_ text: String, queries: [String] = ["totals"]) -> [Result<Placeholder, PlaceholderParser.Problem>] {
        PlaceholderParser.scan(text, queries: queries).map(\.parsed)
    }

    private func placeholder(_ text: String) throws -> Placeholder {
        let found = parsed(text)
        try #require(found.count == 1)
        return try found[0].get()
    }

    @Test func readsQueryRowColumnFormatAndFallback() throws {
        #expect(try placeholder("{{totals.athletes}}") == Placeholder(query: "totals", column: "athletes", source: "{{totals.athletes}}"))
        let full = try placeholder("{{ leader#3.country | ordinal | default: \"no \\\"one\\\" | none\" }}")
        #expect(full.query == "leader" && full.row == 3 && full.column == "country")
        #expect(full.format == .ordinal)
        #expect(full.fallback == "no \"one\" | none")
        #expect(try placeholder("{{totals.share|percent(1)}}").format == .percent(1))
        let list = try placeholder("{{totals.country | list | default: \"none\"}}")
        #expect(list.list && list.fallback == "none" && list.row == 1)
        #expect(try !placeholder("{{totals.country}}").list)
    }

    @Test func findsEveryPlaceholderAndItsRange() {
        let text = "A {{totals.a}} and {{totals.b | integer}}."
        let found = PlaceholderParser.scan(text, queries: [])
        #expect(found.map { String(text[$0.range]) } == ["{{totals.a}}", "{{totals.b | integer}}"])
    }

    /// Mustache-like text that names no query stays as written.
    @Test func otherDoubleBracesAreText() {
        #expect(parsed("{{siteTitle}} {{{body}}} {{> footer}} {{ }} {{1.x}} { {a.b} }").isEmpty)
    }

    @Test func problems() {
        func message(_ text: String) -> String? {
            guard case .failure(let problem) = parsed(text).first else { return nil }
            return problem.message
        }
        #expect(message("{{totals}}") == "malformed placeholder '{{totals}}': it names no column (write {{totals.column}})")
        #expect(message("{{totals.athletes") == "placeholder '{{totals.athletes' is not closed with '}}'")
        #expect(message("{{totals#0.a}}") == "malformed placeholder '{{totals#0.a}}': the row after '#' must be a number from 1 (the first row), found '0'")
        // The row as an index in brackets: the 0-based index people bring from code, told as `#`.
        #expect(message("{{totals[0].a}}") == "malformed placeholder '{{totals[0].a}}': choose a row with '#' and its number, counted from 1, like {{totals#1.a}}")
        #expect(message("{{totals.a b}}") == "malformed placeholder '{{totals.a b}}': 'a b' is not a column name (letters, digits and _; alias the column in the query)")
        #expect(message("{{totals.a | intger}}") == "unknown format 'intger' in '{{totals.a | intger}}'; did you mean 'integer'?")
        #expect(message("{{totals.a | integer | date}}") == "malformed placeholder '{{totals.a | integer | date}}': it has two formats")
        #expect(message("{{totals#2.a | list}}") == "malformed placeholder '{{totals#2.a | list}}': '| list' quotes every row; leave out '#2' (or the list)")
        #expect(message("{{totals.a | lst}}") == "unknown format 'lst' in '{{totals.a | lst}}'; did you mean 'list'?")
        #expect(message("{{totals.a | default: no one}}") == "malformed placeholder '{{totals.a | default: no one}}': write the fallback as default: \"text\"")
    }
}
