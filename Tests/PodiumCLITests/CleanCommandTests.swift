import Foundation
import PodiumTestSupport
import Testing

/// `podium clean` removes the cache and the warehouse wherever podium.yaml puts it, and reports a
/// podium.yaml it cannot read instead of skipping the warehouse silently.
@Suite struct CleanCommandTests {
    private func builtProject(warehouse: String) throws -> (parent: URL, project: URL) {
        let parent = try makeTemporaryProject([:])
        #expect(try runPodium(["new", "project"], in: parent).status == 0)
        let project = parent.appendingPathComponent("project")
        try write(try read("podium.yaml", in: project) + "warehouse: \(warehouse)\n", to: "podium.yaml", in: project)
        let built = try runPodium(["build"], in: project)
        #expect(built.status == 0, "\(built.stderr)")
        return (parent, project)
    }

    @Test func cleanRemovesACustomWarehouse() throws {
        let (parent, project) = try builtProject(warehouse: "build/w.sqlite")
        defer { try? FileManager.default.removeItem(at: parent) }
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("build/w.sqlite").path))
        let result = try runPodium(["clean"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("build/w.sqlite"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("build/w.sqlite").path))
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("site/index.html").path))
    }

    @Test func cleanReportsABrokenProjectFile() throws {
        let (parent, project) = try builtProject(warehouse: "build/w.sqlite")
        defer { try? FileManager.default.removeItem(at: parent) }
        let yaml = try read("podium.yaml", in: project)
        try write(yaml + "titel: typo\n", to: "podium.yaml", in: project)
        let line = yaml.split(separator: "\n", omittingEmptySubsequences: false).count
        let result = try runPodium(["clean"], in: project)
        #expect(result.status == 1)
        #expect(result.stderr.contains("podium.yaml:\(line):1: error:"), "\(result.stderr)")
        #expect(!result.stderr.contains("nothing to clean"), "\(result.stderr)")
        // Nothing was removed: the warehouse podium.yaml names could not be known.
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("build/w.sqlite").path))
    }
}
