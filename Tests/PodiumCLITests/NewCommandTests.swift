import Foundation
import PodiumTestSupport
import Testing

/// `podium new DIR` makes a project that builds as it is, outside this repository.
@Suite struct NewCommandTests {
    @Test func newProjectBuildsOutsideTheRepository() throws {
        let parent = try makeTemporaryProject([:])
        defer { try? FileManager.default.removeItem(at: parent) }
        let created = try runPodium(["new", "my-dashboard"], in: parent)
        #expect(created.status == 0, "\(created.stderr)")
        let project = parent.appendingPathComponent("my-dashboard")
        for path in ["podium.yaml", "data/sales.csv", "models/monthly_sales.sql", "pages/index.md", "templates/footer.mustache"] {
            #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent(path).path), "\(path)")
        }
        // Only the footer: a copied layout or stylesheet would freeze this version's defaults.
        for path in ["templates/layout.mustache", "templates/assets/podium.css"] {
            #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent(path).path), "\(path)")
        }
        let built = try runPodium(["build", "--project", "my-dashboard", "--strict"], in: parent)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stderr.contains("built site/: 1 page, 1 chart, 11 files; data tests: 2 passed, 0 failed"), "\(built.stderr)")
        let csv = try read("site/data/units-by-month.csv", in: project)
        #expect(csv.hasPrefix("month,north,south\n2024-01-01,120,95\n"), "\(csv)")
    }

    /// `--all-templates` copies every default, and the project builds the same site with them.
    @Test func allTemplatesCopiesEveryDefault() throws {
        let parent = try makeTemporaryProject([:])
        defer { try? FileManager.default.removeItem(at: parent) }
        #expect(try runPodium(["new", "plain"], in: parent).status == 0)
        #expect(try runPodium(["new", "all", "--all-templates"], in: parent).status == 0)
        for path in ["templates/layout.mustache", "templates/chart.mustache", "templates/embed.mustache",
                     "templates/assets/podium.css"] {
            #expect(FileManager.default.fileExists(atPath: parent.appendingPathComponent("all/" + path).path), "\(path)")
        }
        #expect(try runPodium(["build", "--project", "plain"], in: parent).status == 0)
        #expect(try runPodium(["build", "--project", "all"], in: parent).status == 0)
        #expect(try read("plain/site/index.html", in: parent) == read("all/site/index.html", in: parent))
    }

    @Test func newRefusesAFolderThatHasFiles() throws {
        let parent = try makeTemporaryProject(["taken/notes.txt": "mine"])
        defer { try? FileManager.default.removeItem(at: parent) }
        let result = try runPodium(["new", "taken"], in: parent)
        #expect(result.status == 1)
        #expect(result.stderr.contains("is not empty"), "\(result.stderr)")
        #expect(try read("taken/notes.txt", in: parent) == "mine")
    }
}
