import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// Each broken project fails with a diagnostic naming the file and line, and leaves the previous
/// site and warehouse exactly as they were.
@Suite struct BuildErrorTests {
    /// Builds the small project, applies `breakIt`, builds again and returns the rendered diagnostics,
    /// checking that the site and warehouse were not touched.
    private func failure(_ breakIt: (URL) throws -> Void,
                         sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let project = try SmallProject.make()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try Podium.build(BuildOptions(projectRoot: project))
        let site = try readTree(project.appendingPathComponent("site"))
        let warehouse = try Data(contentsOf: project.appendingPathComponent(".podium/warehouse.sqlite"))
        #expect(!site.isEmpty, sourceLocation: sourceLocation)
        try breakIt(project)
        var text = ""
        do {
            _ = try Podium.build(BuildOptions(projectRoot: project))
            Issue.record("the broken project built", sourceLocation: sourceLocation)
        } catch let error as DiagnosticsError {
            text = error.description
        }
        #expect(try readTree(project.appendingPathComponent("site")) == site, "site/ changed", sourceLocation: sourceLocation)
        #expect(try Data(contentsOf: project.appendingPathComponent(".podium/warehouse.sqlite")) == warehouse,
                "warehouse changed", sourceLocation: sourceLocation)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.path).filter { $0.contains(".tmp") || $0.contains(".old") }
        #expect(leftovers.isEmpty, "temporary folders left behind: \(leftovers)", sourceLocation: sourceLocation)
        return text
    }

    /// A reference between integer columns with a value the target lacks is reported at the row,
    /// whether the staging counts or SQL check it.
    @Test func danglingIntegerReference() throws {
        let text = try failure { project in
            try write("gold\n1\n38\n0\n2\n", to: "data/golds.csv", in: project)  // no 7
            let yaml = try read("podium.yaml", in: project).replacingOccurrences(of: "    key: [country]\n", with: """
                    key: [country]
                    references:
                      gold: golds.gold
                  golds:
                    path: data/golds.csv
                    columns:
                      gold: {type: integer}

                """)
            try write(yaml, to: "podium.yaml", in: project)
            try write(try read("data/medals.csv", in: project) + "Chad,7,0\n", to: "data/medals.csv", in: project)
        }
        #expect(text.contains("data/medals.csv:7"), "\(text)")
        #expect(text.contains("is not a 'gold' of source 'golds'"), "\(text)")
        #expect(text.components(separatedBy: "error:").count == 2, "one error: \(text)")
    }

    /// `models:` or `templates:` naming a file is said to be one, not a missing folder, nor ignored.
    @Test func modelsOrTemplatesFolderThatIsAFile() throws {
        let models = try failure { project in
            try FileManager.default.removeItem(at: project.appendingPathComponent("models"))
            try write("not a folder\n", to: "models", in: project)
        }
        #expect(models.contains("models: error: the models folder is a file, not a folder"), "\(models)")
        let templates = try failure { project in
            try? FileManager.default.removeItem(at: project.appendingPathComponent("templates"))
            try write("not a folder\n", to: "templates", in: project)
        }
        #expect(templates.contains("templates: error: the templates folder is a file, not a folder"), "\(templates)")
    }

    @Test func missingSourceFile() throws {
        let text = try failure { try FileManager.default.removeItem(at: $0.appendingPathComponent("data/medals.csv")) }
        #expect(text.contains("data/medals.csv"))
        #expect(text.contains("error:"))
    }

    @Test func malformedCSV() throws {
        let text = try failure { try write("Team/NOC,Gold,Silver\nJapan,27,14\n\"Unclosed,1,2\n", to: "data/medals.csv", in: $0) }
        #expect(text.hasPrefix("data/medals.csv:3:"), "\(text)")
    }

    @Test func valueThatDoesNotFitItsType() throws {
        let text = try failure { try write("Team/NOC,Gold,Silver\nJapan,27,14\nFrance,n/a,1\n", to: "data/medals.csv", in: $0) }
        #expect(text.hasPrefix("data/medals.csv:3:"), "\(text)")
        #expect(text.contains("n/a"))
    }

    @Test func unknownYAMLKeySuggestsTheRightOne() throws {
        let text = try failure { project in
            let yaml = try read("podium.yaml", in: project).replacingOccurrences(of: "title:", with: "titel:")
            try write(yaml, to: "podium.yaml", in: project)
        }
        #expect(text.contains("podium.yaml:1:1: error: unknown key 'titel'"), "\(text)")
        #expect(text.contains("did you mean 'title'?"))
    }

    @Test func yamlThatDoesNotParse() throws {
        let text = try failure { try write("title: [unclosed\nsources: {}\n", to: "podium.yaml", in: $0) }
        #expect(text.hasPrefix("podium.yaml:"), "\(text)")
        #expect(text.contains("invalid YAML"))
    }

    @Test func modelThatFails() throws {
        let text = try failure { try write("select nope from src_medals\n", to: "models/broken.sql", in: $0) }
        #expect(text.hasPrefix("models/broken.sql:"), "\(text)")
        #expect(text.contains("no such column: nope"))
    }

    @Test func modelCycleNamesTheFiles() throws {
        let text = try failure { project in
            try write("select * from b_model\n", to: "models/a_model.sql", in: project)
            try write("select * from a_model\n", to: "models/b_model.sql", in: project)
        }
        #expect(text.contains("models/a_model.sql"), "\(text)")
        #expect(text.contains("models/b_model.sql"))
    }

    @Test func chartQueryThatFailsQuotesTheDatabase() throws {
        let text = try failure { project in
            let page = try read("pages/trend.md", in: project).replacingOccurrences(of: "from medal_summary", with: "from no_table")
            try write(page, to: "pages/trend.md", in: project)
        }
        #expect(text.hasPrefix("pages/trend.md:5:"), "\(text)")
        #expect(text.contains("no such table: no_table"))
    }

    @Test func chartNamingAColumnItsQueryDoesNotReturn() throws {
        let text = try failure { project in
            let page = try read("pages/trend.md", in: project).replacingOccurrences(of: "y: medals", with: "y: medal")
            try write(page, to: "pages/trend.md", in: project)
        }
        #expect(text.hasPrefix("pages/trend.md:11:4:"), "at the column's name in the block: \(text)")
        #expect(text.contains("'medal'"))
        #expect(text.contains("did you mean 'medals'?"))
    }

    @Test func twoChartsWithOneID() throws {
        let text = try failure { project in
            let page = try read("pages/trend.md", in: project).replacingOccurrences(of: "id: totals", with: "id: medals")
            try write(page, to: "pages/trend.md", in: project)
        }
        #expect(text.contains("pages/trend.md:5:"), "\(text)")
        #expect(text.contains("pages/index.md:8:"), "\(text)")
    }

    @Test func chartSQLThatWritesIsRefused() throws {
        let text = try failure { project in
            let page = try read("pages/trend.md", in: project)
                .replacingOccurrences(of: "sql: select country, medals from medal_summary order by country",
                                      with: "sql: drop table medal_summary")
            try write(page, to: "pages/trend.md", in: project)
        }
        #expect(text.hasPrefix("pages/trend.md:5:"), "\(text)")
    }

    @Test func everyIndependentProblemIsReported() throws {
        let text = try failure { project in
            try write("Team/NOC,Gold,Silver\nJapan,x,14\nFrance,y,1\n", to: "data/medals.csv", in: project)
        }
        #expect(text.contains("data/medals.csv:2:"), "\(text)")
        #expect(text.contains("data/medals.csv:3:"), "\(text)")
    }
}
