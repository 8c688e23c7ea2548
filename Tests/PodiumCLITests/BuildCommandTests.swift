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
        #expect(result.stderr.contains("built 4 pages, 6 charts"), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("site/index.html").path))
    }

    /// The summary line tells a build that redid nothing from one that redid work and wrote the same files.
    @Test func summarySaysWhetherAnythingWasRedone() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        #expect(try runPodium(["build"], in: project).stderr.contains("33 written, 0 removed; 6 of 6 queries run"))
        let again = try runPodium(["build"], in: project)
        #expect(again.stderr.contains("everything was fresh; 0 of 6 queries run"), "\(again.stderr)")
        #expect(try runPodium(["clean"], in: project).status == 0)
        let afterClean = try runPodium(["build"], in: project)
        #expect(afterClean.stderr.contains("no file changed; 6 of 6 queries run"), "\(afterClean.stderr)")
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
