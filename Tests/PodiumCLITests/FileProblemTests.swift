import Foundation
import PodiumTestSupport
import Testing

/// File-system failures are the user's to fix: each is a diagnostic naming the path and what to
/// do, never an "internal error". (The tests run as root, which ignores permissions, so each puts
/// a file where Podium needs a folder.)
@Suite struct FileProblemTests {
    /// A new project (`podium new`) in a temporary folder.
    private func newProject() throws -> (parent: URL, project: URL) {
        let parent = try makeTemporaryProject([:])
        let created = try runPodium(["new", "project"], in: parent)
        #expect(created.status == 0, "\(created.stderr)")
        return (parent, parent.appendingPathComponent("project"))
    }

    private func expectUserError(_ result: CommandResult, naming path: String, hint: String,
                                 sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 1, sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("internal error"), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("NSCocoaErrorDomain"), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains("\(path): error: "), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains("hint: \(hint)"), "\(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test func newUnderAFileNamesTheFile() throws {
        let parent = try makeTemporaryProject(["notes.txt": "mine"])
        defer { try? FileManager.default.removeItem(at: parent) }
        let result = try runPodium(["new", "notes.txt/dashboard"], in: parent)
        expectUserError(result, naming: parent.appendingPathComponent("notes.txt/dashboard").path,
                        hint: "'\(parent.appendingPathComponent("notes.txt").path)' is a file, not a folder")
        #expect(try read("notes.txt", in: parent) == "mine")
    }

    @Test func outputFolderThatIsAFile() throws {
        let (parent, project) = try newProject()
        defer { try? FileManager.default.removeItem(at: parent) }
        try write("mine", to: "site", in: project)
        let result = try runPodium(["build"], in: project)
        expectUserError(result, naming: project.appendingPathComponent("site").path,
                        hint: "remove that file or choose another output folder")
        #expect(try read("site", in: project) == "mine")
    }

    @Test func outputUnderAFile() throws {
        let (parent, project) = try newProject()
        defer { try? FileManager.default.removeItem(at: parent) }
        try write("mine", to: "public", in: project)
        let yaml = try read("podium.yaml", in: project).replacingOccurrences(of: "output: site/", with: "output: public/site/")
        try write(yaml, to: "podium.yaml", in: project)
        let result = try runPodium(["build"], in: project)
        expectUserError(result, naming: project.appendingPathComponent("public/site").path,
                        hint: "'\(project.appendingPathComponent("public").path)' is a file")
    }

    @Test func cacheFolderThatIsAFile() throws {
        let (parent, project) = try newProject()
        defer { try? FileManager.default.removeItem(at: parent) }
        try write("mine", to: ".podium", in: project)
        let cache = project.appendingPathComponent(".podium").path
        for command in [["build"], ["clean"]] {
            let result = try runPodium(command, in: project)
            expectUserError(result, naming: cache, hint: "'\(cache)' is a file where Podium needs a folder")
        }
        #expect(try read(".podium", in: project) == "mine")
    }

    @Test func warehouseFolderThatIsAFile() throws {
        let (parent, project) = try newProject()
        defer { try? FileManager.default.removeItem(at: parent) }
        try write("mine", to: "build", in: project)
        try write(try read("podium.yaml", in: project) + "warehouse: build/w.sqlite\n", to: "podium.yaml", in: project)
        let result = try runPodium(["build"], in: project)
        expectUserError(result, naming: project.appendingPathComponent("build").path,
                        hint: "'\(project.appendingPathComponent("build").path)' is a file")
    }
}
