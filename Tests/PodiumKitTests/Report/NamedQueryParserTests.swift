import Testing
@testable import PodiumKit

/// A page's `queries:` and the placeholders of its prose, read with the page.
@Suite struct NamedQueryParserTests {
    private func problems(_ text: String) -> [String] {
        do {
            _ = try PageParser.parse(text: text, path: "pages/index.md", name: "index")
            return []
        } catch let error as DiagnosticsError {
            return error.diagnostics.map { String($0.description.split(separator: "\n")[0]) }
        } catch {
            return ["unexpected \(error)"]
        }
    }

    @Test func readsQueriesAndPlaceholdersInDocumentOrder() throws {
        let page = try PageParser.parse(text: """
            ---
            title: Home
            queries:
              totals: select count(*) as n from t
              leader: |
                select name from t
                limit 1
            ---
            # {{leader.name}}

            *{{totals.n | integer}}* [{{leader.name}}](x.html?q={{leader.name}}) `{{totals.n}}`

                {{totals.n}}

            """, path: "pages/index.md", name: "index")
        #expect(page.queries == [
            NamedQuery(name: "totals", sql: "select count(*) as n from t", page: "index",
                       location: .init(file: "pages/index.md", line: 4, column: 3)),
            NamedQuery(name: "leader", sql: "select name from t\nlimit 1", page: "index",
                       location: .init(file: "pages/index.md", line: 5, column: 3)),
        ])
        #expect(page.queries.map(\.id) == ["index.totals", "index.leader"])
        // Code spans and code blocks are not prose; the destination's comes after the link text.
        #expect(page.placeholders.map(\.source) == ["{{leader.name}}", "{{totals.n | integer}}", "{{leader.name}}", "{{leader.name}}"])
        #expect(page.placeholders.map(\.inDestination) == [false, false, false, true])
        #expect(page.placeholders.map { $0.location?.description } == [
            "pages/index.md:9:3", "pages/index.md:11:2", "pages/index.md:11:27", "pages/index.md:11:53",
        ])
    }

    @Test func queriesMustBeAMappingOfNamesToSQL() {
        #expect(problems("---\ntitle: T\nqueries: select 1\n---\n") == [
            "pages/index.md:3:10: error: 'queries' must be a mapping from names to SQL, found 'select 1'",
        ])
        #expect(problems("---\ntitle: T\nqueries:\n  top-10: select 1\n  empty:\n---\n") == [
            "pages/index.md:4:3: error: query name 'top-10' is not a name",
            "pages/index.md:5:3: error: query 'empty' must be one SELECT as text, found nothing",
        ])
    }

    @Test func unknownQueryWithoutQueries() {
        #expect(problems("---\ntitle: T\n---\nText {{totals.n}}.\n") == [
            "pages/index.md:4:6: error: '{{totals.n}}' names unknown query 'totals'",
        ])
    }
}
