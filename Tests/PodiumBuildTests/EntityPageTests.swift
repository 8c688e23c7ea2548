import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// End-to-end: a page template (`each:`) gives one page per row, in its folder, with a list page;
/// the row's values are bound parameters in SQL and escaped text in the title and prose.
@Suite struct EntityPageTests {
    /// Rows whose slugs collide (`Côte d'Ivoire`, `Cote d'Ivoire`) and a value that would break SQL
    /// spliced into the text.
    private static let medals = """
        Team/NOC,Gold,Silver
        "Hong Kong, China",1,2
        Côte d'Ivoire,0,1
        Cote d'Ivoire,0,0
        <script>alert(1)</script>,2,1
        "'; drop table medal_summary; --",3,0

        """

    private static let template = """
        ---
        title: "Team {{each.country}}"
        description: "How {{each.country}} did"
        order: 5
        each:
          index: Teams <all>
          sql: select country, gold from medal_summary order by country
        ---
        # {{each.country}}

        {{each.country}} won {{each.gold | integer}} gold.

        ```chart
        id: team-medals
        type: bar
        title: Medals
        sql: select country, gold, silver from medal_summary where country = :country and ':country' <> ''
        x: country
        y: [gold, silver]
        ```

        ```chart
        id: team-silver
        type: table
        title: Silver
        sql: select country, silver from medal_summary where country = :country and silver > 0
        empty: "No silver."
        ```

        """

    private func project(_ template: String = Self.template) throws -> URL {
        var files = SmallProject.files
        files["data/medals.csv"] = Self.medals
        files["pages/team.md"] = template
        return try makeTemporaryProject(files)
    }

    private func build(_ project: URL) throws -> BuildReport {
        try Podium.build(BuildOptions(projectRoot: project))
    }

    @Test func onePagePerRowWithSlugsAListPageAndBoundValues() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(at: project) }
        let report = try build(project)
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        let folder = project.appendingPathComponent("site/team")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count == 5)
        // Distinct values that slug alike each get a hash of their own text.
        #expect(names.contains("hong-kong-china.html"))
        #expect(names.contains("script-alert-1-script.html"))
        #expect(names.contains("drop-table-medal-summary.html"))
        #expect(names.filter { $0.hasPrefix("cote-d-ivoire-") }.count == 2)
        #expect(!names.contains("cote-d-ivoire.html"))

        // The hostile value is data: bound, its row found, and escaped on its page.
        let drop = try read("site/team/drop-table-medal-summary.html", in: project)
        #expect(drop.contains("<h1>&#39;; drop table medal_summary; --</h1>") || drop.contains("<h1>&apos;; drop table medal_summary; --</h1>")
                || drop.contains("<h1>'; drop table medal_summary; --</h1>"))
        #expect(drop.contains("won 3 gold"))
        #expect(try read("site/data/team-medals--drop-table-medal-summary.csv", in: project).contains(",3,0"))
        let script = try read("site/team/script-alert-1-script.html", in: project)
        #expect(!script.contains("<script>alert"))
        // The description quotes the row too, escaped; the list page, which has no row, does not.
        #expect(script.contains("<meta name=\"description\" content=\"How &lt;script&gt;alert(1)&lt;/script&gt; did\">"))
        #expect(script.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        // Relative links from the subfolder; ids unique site-wide.
        #expect(script.contains("href=\"../assets/podium.css?v="))
        #expect(script.contains("href=\"../embed/team-medals--script-alert-1-script.html\""))
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("site/embed/team-silver--hong-kong-china.html").path))
        // `empty:` with no rows: the sentence, and no warning.
        let emptySilver = try names.filter { $0.hasPrefix("cote-d-ivoire-") }.map { try read("site/team/\($0)", in: project) }
            .filter { $0.contains("<h1>Cote d") }
        #expect(emptySilver.count == 1 && emptySilver[0].contains("No silver."))

        // The list page links every page, its names escaped; it alone is in the navigation.
        let list = try read("site/team.html", in: project)
        #expect(list.contains("<h1>Teams &lt;all&gt;</h1>"))
        #expect(!list.contains("{{each"))
        #expect(list.contains("<a href=\"team/script-alert-1-script.html\">Team &lt;script&gt;alert(1)&lt;/script&gt;</a>"))
        #expect(list.components(separatedBy: "href=\"team/").count - 1 == 5)
        let index = try read("site/index.html", in: project)
        #expect(index.contains(">Teams &lt;all&gt;</a>"))
        #expect(!index.contains("team/hong-kong-china.html"))
    }

    @Test func rebuildsRunOnlyWhatChanged() throws {
        let project = try project()
        defer { try? FileManager.default.removeItem(at: project) }
        let cold = try build(project)
        #expect(cold.queriesRun >= 1 + 5 * 2)
        #expect(try build(project).queriesRun == 0)
        // A prose edit of the template runs no query.
        try write(Self.template.replacingOccurrences(of: "won {{each.gold", with: "took {{each.gold"), to: "pages/team.md", in: project)
        let edited = try build(project)
        #expect(edited.queriesRun == 0)
        #expect(try read("site/team/hong-kong-china.html", in: project).contains("took 1 gold"))
    }

    /// A query that fails on every page of the template is one error at the block, naming a few
    /// of its entities; a problem of one entity's page names that entity.
    @Test func aFailingQueryIsReportedOnceAndNamesItsEntities() throws {
        let project = try project(Self.template.replacingOccurrences(of: "and silver > 0", with: "and nosuch > 0"))
        defer { try? FileManager.default.removeItem(at: project) }
        #expect {
            try build(project)
        } throws: { error in
            let diagnostics = (error as? DiagnosticsError)?.diagnostics ?? []
            return diagnostics.map(\.description) == ["""
                pages/team.md:22:1: error: chart 'team-silver': query failed: no such column: nosuch \
                (on 5 pages of team: ''; drop table medal_summary; --', '<script>alert(1)</script>', 'Cote d'Ivoire' and 2 more)
                  hint: fix the chart's `sql:`; try it with `podium query`
                """]
        }
        // Text in `gold` for one team only: that page's problem, naming it.
        let one = try self.project(Self.template.replacingOccurrences(
            of: "select country, gold, silver from medal_summary where",
            with: "select country, case when country = 'Côte d''Ivoire' then 'many' else gold end as gold, silver from medal_summary where"))
        defer { try? FileManager.default.removeItem(at: one) }
        #expect {
            try build(one)
        } throws: { error in
            let diagnostics = (error as? DiagnosticsError)?.diagnostics ?? []
            return diagnostics.count == 1
                && diagnostics[0].message.hasPrefix("chart 'team-medals--cote-d-ivoire")  // its slug carries a hash: two teams collide
                && diagnostics[0].message.contains("y column 'gold' is a text column (its value is 'many')")
        }
    }

    /// `:name` on a page that is no template has nothing to bind: an error, not a silent NULL.
    @Test func aParameterOutsideATemplateIsAnError() throws {
        var files = SmallProject.files
        files["pages/index.md"] = """
            ---
            title: Medals
            ---
            # Medals

            ```chart
            id: gold
            type: bar
            title: Gold
            sql: select country, gold from medal_summary where country <> :country and country <> ':literal'
            x: country
            y: gold
            ```

            """
        let project = try makeTemporaryProject(files)
        defer { try? FileManager.default.removeItem(at: project) }
        #expect {
            try build(project)
        } throws: { error in
            let diagnostics = (error as? DiagnosticsError)?.diagnostics ?? []
            return diagnostics.map(\.message) == ["chart 'gold': parameter ':country' has no value: only a page template binds parameters"]
                && diagnostics[0].location?.file == "pages/index.md" && diagnostics[0].location?.line == 6
        }
    }

    @Test func anUnknownParameterOrSlugColumnIsAnError() throws {
        let project = try project(Self.template.replacingOccurrences(of: "country = :country and silver", with: "country = :countyr and silver"))
        defer { try? FileManager.default.removeItem(at: project) }
        #expect {
            try build(project)
        } throws: { error in
            let diagnostics = (error as? DiagnosticsError)?.diagnostics ?? []
            return diagnostics.count == 1 && diagnostics[0].location?.file == "pages/team.md"
                && diagnostics[0].message == "chart 'team-silver': parameter ':countyr' is no column of the `each` query; did you mean ':country'?"
        }
        // `{{each.<unknown>}}` in prose: one error (not one per page), at its line and column.
        let prose = try self.project(Self.template.replacingOccurrences(of: "won {{each.gold", with: "won {{each.golds"))
        defer { try? FileManager.default.removeItem(at: prose) }
        #expect {
            try build(prose)
        } throws: { error in
            let diagnostics = (error as? DiagnosticsError)?.diagnostics ?? []
            return diagnostics.count == 1 && diagnostics[0].location?.file == "pages/team.md"
                && diagnostics[0].location?.line == 11 && diagnostics[0].location?.column != nil
                && diagnostics[0].message.contains("golds")
        }
        let slug = try self.project(Self.template.replacingOccurrences(of: "  index: Teams <all>", with: "  slug: nation"))
        defer { try? FileManager.default.removeItem(at: slug) }
        #expect {
            try build(slug)
        } throws: { error in
            let diagnostics = (error as? DiagnosticsError)?.diagnostics ?? []
            return diagnostics.first?.message == "each: the query has no column 'nation'"
                && diagnostics.first?.location?.line == 7
        }
    }
}
