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
        for path in ["podium.yaml", "data/sales.csv", "models/monthly_sales.sql", "pages/index.md",
                     "templates/layout.mustache", "templates/assets/podium.css"] {
            #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent(path).path), "\(path)")
        }
        let built = try runPodium(["build", "--project", "my-dashboard", "--strict"], in: parent)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stderr.contains("built site/: 1 page, 1 chart, 10 files; data tests: 2 passed, 0 failed"), "\(built.stderr)")
        let csv = try read("site/data/units-by-month.csv", in: project)
        #expect(csv.hasPrefix("month,north,south\n2024-01-01,120,95\n"), "\(csv)")
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
