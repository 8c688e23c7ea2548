import Foundation
import PodiumTestSupport
import Testing

/// Runs the `podium` binary as a user would and checks its exit status and messages.
@Suite struct BuildCommandTests {
    @Test func buildSucceedsAndSaysWhatItBuilt() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let result = try runPodium(["build"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("built site/: 211 pages, 212 charts, 207 table blocks, 207 KPI blocks"), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("site/index.html").path))
    }

    @Test func brokenProjectExitsWithStatusOneAndALocatedMessage() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        try write("Rank,Team/NOC,Gold,Silver,Bronze,Total,Rank by Total\n1,Japan,n/a,1,1,2,1\n",
                  to: "data/tokyo2021/Medals.csv", in: project)
        let result = try runPodium(["build", "--project", project.path], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("data/tokyo2021/Medals.csv:2:9: error:"), "\(result.stderr)")
        #expect(result.stderr.contains("hint:"))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site").path))
    }

    @Test func missingProjectFileIsExplained() throws {
        let empty = try makeTemporaryProject([:])
        defer { try? FileManager.default.removeItem(at: empty) }
        let result = try runPodium(["build"], in: empty)
        #expect(result.status == 1)
        #expect(result.stderr.contains("podium.yaml"), "\(result.stderr)")
        #expect(result.stderr.contains("podium new"), "\(result.stderr)")
    }

    @Test func unknownOptionPrintsUsage() throws {
        let result = try runPodium(["build", "--nope"], in: FileManager.default.temporaryDirectory)
        #expect(result.status != 0)
        #expect(result.stderr.contains("Usage"), "\(result.stderr)")
    }
}
