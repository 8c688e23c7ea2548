import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// Keys and references declared `severity: warn` publish the site with a warning instead of
/// failing the build; the warning comes back on every build that reuses the warehouse, and
/// `--strict` makes it an error.
@Suite struct IntegritySeverityTests {
    /// SmallProject with a lookup of regions that lacks one country (twice) and repeats a key.
    private func project(severity: String) throws -> URL {
        var files = SmallProject.files
        files["podium.yaml"] = files["podium.yaml"]!.replacingOccurrences(of: "\nmodels: models/", with: """

              regions:
                path: data/regions.csv
                key: {columns: [country], severity: \(severity)}
              visits:
                path: data/visits.csv
                references:
                  country: {to: regions.country, severity: \(severity)}
            models: models/
            """)
        files["data/regions.csv"] = "Country,Region\nJapan,Asia\nKenya,Africa\nKenya,East Africa\n"
        files["data/visits.csv"] = "Country,Day\nJapan,1\nAtlantis,2\nKenya,3\nAtlantis,4\n"
        return try makeTemporaryProject(files)
    }

    private func build(_ project: URL, strict: Bool = false) throws -> BuildReport {
        try Podium.build(BuildOptions(projectRoot: project, strict: strict))
    }

    @Test func warnPublishesWithTheWarningsAndKeepsThemOnLaterBuilds() throws {
        let project = try project(severity: "warn")
        defer { try? FileManager.default.removeItem(at: project) }
        let first = try build(project)
        #expect(first.warnings.map { $0.description.split(separator: "\n")[0] } == [
            "data/regions.csv:4: warning: duplicate key country = \"Kenya\" in source 'regions'",
            "data/visits.csv:3: warning: \"Atlantis\" in column 'country' (2 rows, first at lines 3, 5) is not a 'country' of source 'regions'",
        ])
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("site/index.html").path))
        // A page edit reuses the warehouse: the same warnings, from the kept tables.
        let page = try read("pages/index.md", in: project)
        try write(page + "\nMore.\n", to: "pages/index.md", in: project)
        let second = try build(project)
        #expect(second.tables == first.tables)
        #expect(second.warnings.map(\.description) == first.warnings.map(\.description))
        // --strict: errors, and nothing published.
        try write(page + "\nMore again.\n", to: "pages/index.md", in: project)
        #expect(throws: DiagnosticsError.self) { try build(project, strict: true) }
        #expect(!(try read("site/index.html", in: project)).contains("More again."))
    }

    @Test func errorIsTheDefault() throws {
        let project = try project(severity: "error")
        defer { try? FileManager.default.removeItem(at: project) }
        #expect(throws: DiagnosticsError.self) { try build(project) }
    }

    @Test func anUnknownSeverityIsReportedAtItsLine() throws {
        let project = try project(severity: "sometimes")
        defer { try? FileManager.default.removeItem(at: project) }
        do {
            _ = try build(project)
            Issue.record("built")
        } catch let error as DiagnosticsError {
            #expect(error.diagnostics.map(\.message) == ["unknown severity 'sometimes'", "unknown severity 'sometimes'"])
            #expect(error.diagnostics.allSatisfy { $0.location?.file == "podium.yaml" })
        }
    }
}
