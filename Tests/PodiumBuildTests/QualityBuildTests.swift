import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// End-to-end: data tests, the catalog and quality pages, and `--strict` on broken data.
@Suite(.serialized) struct QualityBuildTests {
    /// The rendered diagnostics a build throws (empty if it succeeds).
    private func failures(_ project: URL, strict: Bool = true) -> [String] {
        do {
            _ = try Podium.build(BuildOptions(projectRoot: project, strict: strict))
            return []
        } catch let error as DiagnosticsError {
            return error.diagnostics.map(\.description)
        } catch {
            return ["unexpected: \(error)"]
        }
    }

    @Test func tokyoTestsAllPassAndPagesAreLinkedFromEveryPage() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let report = try Podium.build(BuildOptions(projectRoot: project, strict: true))
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        let json = try read("site/data/quality.json", in: project)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary["failed"] == 0)
        #expect((summary["tests"] ?? 0) >= 70)
        let names = (object["tests"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        for check in ["medals per delegation equal Medals.csv", "athletes per delegation equal Athletes.csv",
                      "entries by gender per discipline equal EntriesGender.csv", "medal totals equal Medals.csv"] {
            #expect(names.contains(check), "\(check)")
        }
        for page in ["index.html", "medals.html", "catalog.html", "quality.html"] {
            let html = try read("site/\(page)", in: project)
            #expect(html.contains("<a href=\"catalog.html\">Data catalog</a>"), "\(page)")
            #expect(html.contains("<a href=\"quality.html\">Data tests</a>"), "\(page)")
        }
        let catalog = try read("site/catalog.html", in: project)
        #expect(catalog.contains("<svg") && !catalog.contains("<script"))
        #expect(catalog.contains("11,085 rows"))
    }

    // MARK: - Broken Tokyo data: staging's declared keys, references and types catch it

    private func brokenTokyo(_ edit: (inout [String]) -> Void) throws -> (URL, [String]) {
        let project = try copyTokyoProject()
        _ = try Podium.build(BuildOptions(projectRoot: project))
        var lines = try read("data/tokyo2021/Medals.csv", in: project).split(separator: "\n").map(String.init)
        edit(&lines)
        try write(lines.joined(separator: "\n") + "\n", to: "data/tokyo2021/Medals.csv", in: project)
        return (project, failures(project))
    }

    @Test func medalRowForADelegationWithoutAthletesFailsAndKeepsTheSite() throws {
        let (project, problems) = try brokenTokyo { $0.append("94,Atlantis,1,0,0,1,78") }
        defer { try? FileManager.default.removeItem(at: project) }
        #expect(problems.contains {
            $0.hasPrefix("data/tokyo2021/Medals.csv:95: error: \"Atlantis\" in column 'country' is not a 'country' of source 'athletes'")
                && $0.contains("references.country")
        }, "\(problems)")
        // The previous site is untouched: its medal table still has 93 delegations.
        #expect(try read("site/data/quality.json", in: project).contains("\"failed\": 0"))
    }

    @Test func duplicatedKeyFails() throws {
        let (project, problems) = try brokenTokyo { $0.append($0[3]) }
        defer { try? FileManager.default.removeItem(at: project) }
        #expect(problems.contains {
            $0.hasPrefix("data/tokyo2021/Medals.csv:95: error: duplicate key country = \"Japan\" in source 'medals'")
                && $0.contains("note: data/tokyo2021/Medals.csv:4: the first row with this key")
        }, "\(problems)")
    }

    @Test func nonIntegerMedalCountFails() throws {
        let (project, problems) = try brokenTokyo { $0[10] = $0[10].replacingOccurrences(of: ",10,", with: ",10.5,") }
        defer { try? FileManager.default.removeItem(at: project) }
        #expect(problems.contains {
            $0.hasPrefix("data/tokyo2021/Medals.csv:11:") && $0.contains("column 'Gold' expects an integer, found \"10.5\"")
        }, "\(problems)")
    }

    // MARK: - The same breakages caught by data tests alone (no staging declarations)

    static let files: [String: String] = [
        "podium.yaml": """
            title: Small
            sources:
              athletes: {path: data/athletes.csv}
              medals: {path: data/medals.csv}
            tests:
              src_medals:
                country: [unique, {references: src_athletes.country}]
                gold: [{range: {min: 0}}]
            pages: pages/

            """,
        "data/athletes.csv": "name,country\nA,Japan\nB,France\n",
        "data/medals.csv": "country,gold\nJapan,27\nFrance,10\n",
        "pages/index.md": "---\ntitle: Home\n---\n# Home\n",
    ]

    @Test func dataTestsCatchBrokenRowsAsWarningsOrStrictErrors() throws {
        let project = try makeTemporaryProject(Self.files)
        defer { try? FileManager.default.removeItem(at: project) }
        #expect(try Podium.build(BuildOptions(projectRoot: project, strict: true)).warnings.isEmpty)
        let published = try readTree(project.appendingPathComponent("site"))

        try write("country,gold\nJapan,27\nFrance,10\nAtlantis,1\nJapan,3\nItaly,n/a\n", to: "data/medals.csv", in: project)
        let problems = failures(project)
        #expect(problems.count == 3, "\(problems)")
        #expect(problems.contains {
            $0.hasPrefix("podium.yaml:7:15: error: data test unique(src_medals.country) failed: 1 row")
                && $0.contains("note: data/medals.csv:5: value \"Japan\" in row: country=Japan, gold=3")
        }, "\(problems)")
        #expect(problems.contains {
            $0.hasPrefix("podium.yaml:7:23: error: data test references(src_medals.country → src_athletes.country) failed: 2 rows")
                && $0.contains("note: data/medals.csv:4: value \"Atlantis\"")
                && $0.contains("note: data/medals.csv:6: value \"Italy\"")
        }, "\(problems)")
        #expect(problems.contains {
            $0.hasPrefix("podium.yaml:8:12: error: data test range(src_medals.gold) failed: 1 row is not a number of at least 0")
                && $0.contains("note: data/medals.csv:6: value \"n/a\"")
        }, "\(problems)")
        #expect(try readTree(project.appendingPathComponent("site")) == published, "a strict failure must publish nothing")

        // Without --strict: warnings, and the site shows the failures.
        let report = try Podium.build(BuildOptions(projectRoot: project))
        #expect(report.warnings.count == 3)
        #expect(report.warnings.allSatisfy { $0.severity == .warning })
        let quality = try read("site/quality.html", in: project)
        #expect(quality.contains("3 passed, 3 failed") || quality.contains("0 passed, 3 failed"))
        #expect(quality.contains("Atlantis"))
    }

    /// A `--strict` build after a build whose tests failed, with nothing changed since, reports
    /// the failures as errors whose hint does not suggest `--strict` again.
    @Test func strictBuildOfAnUnchangedProjectDoesNotSuggestStrict() throws {
        let project = try makeTemporaryProject(Self.files)
        defer { try? FileManager.default.removeItem(at: project) }
        try write("country,gold\nJapan,27\nFrance,-1\n", to: "data/medals.csv", in: project)
        let warnings = try Podium.build(BuildOptions(projectRoot: project)).warnings
        #expect(warnings.count == 1)
        #expect(warnings.first?.hint?.contains("--strict") == true)
        let strict = try #require(throws: DiagnosticsError.self) {
            try Podium.build(BuildOptions(projectRoot: project, strict: true))
        }
        #expect(strict.diagnostics.count == 1)
        #expect(strict.diagnostics.first?.severity == .error)
        let hint = try #require(strict.diagnostics.first?.hint)
        #expect(!hint.contains("`podium build --strict` makes"), "\(hint)")
        #expect(hint.hasPrefix("fix the data, or the test in podium.yaml"), "\(hint)")
    }
}
