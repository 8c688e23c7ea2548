import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// The corpus of bad projects in `Cases/`: one folder per case, holding `input/` (files copied
/// over the valid project `Cases/_base/`) and `expected-diagnostics.txt` (the exact diagnostics,
/// with the project folder written `<project>`).
///
/// For each case: build the base project, copy the case's files over it, build again and check
/// that the build throws `DiagnosticsError` with exactly the expected text, that `site/` and the
/// warehouse are byte for byte as before, that nothing was left behind, and that the `podium`
/// command exits with status 1 printing the same diagnostics.
///
/// - `RECORD_CORPUS=1 swift test --filter CorpusTests` rewrites the expected files (never on
///   CI); review the diff and commit.
/// - A case that Podium does not handle yet holds `known-issue.txt` (the reason) and the
///   diagnostics it should give: its failures are reported as a known issue (never recorded),
///   and the test fails once the case passes, so the file is removed.
@Suite struct CorpusTests {
    static let casesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Cases")

    /// Every case folder, by name.
    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: casesFolder.path)) ?? []
        return names.filter { !$0.hasPrefix("_") && !$0.hasPrefix(".") }.sorted()
    }()

    @Test func corpusIsPresent() {
        #expect(Self.cases.count >= 30, "found \(Self.cases)")
    }

    @Test(arguments: cases) func badProjectFailsCleanly(_ name: String) throws {
        let folder = Self.casesFolder.appendingPathComponent(name)
        let knownIssue = try? String(contentsOf: folder.appendingPathComponent("known-issue.txt"), encoding: .utf8)
        let expectedURL = folder.appendingPathComponent("expected-diagnostics.txt")
        let sandbox = try CorpusSandbox()
        defer { sandbox.remove() }

        let before = try sandbox.buildBase()
        let input = folder.appendingPathComponent("input")
        try sandbox.overlay(input)
        let check = {
            let text = sandbox.failingBuild()
            if knownIssue == nil, recordExpectation(text, at: expectedURL) { return }
            let expected = (try? String(contentsOf: expectedURL, encoding: .utf8)) ?? ""
            #expect(text == expected, "diagnostics differ:\n\(lineDiff(expected: expected, actual: text))")
            let command = try sandbox.runCommand()
            #expect(command.status == 1)
            #expect(command.diagnostics == expected, "podium printed:\n\(command.diagnostics)")
            try sandbox.expectUnchanged(since: before)
            try sandbox.expectInputsUnchanged(input)
        }
        if let knownIssue {
            withKnownIssue(Comment(rawValue: knownIssue.trimmingCharacters(in: .whitespacesAndNewlines))) { try check() }
        } else {
            try check()
        }
    }

    /// A 100 MB field is refused with a clear message while memory stays small; nothing changes.
    @Test func hundredMegabyteFieldIsRefusedInBoundedMemory() throws {
        let sandbox = try CorpusSandbox()
        defer { sandbox.remove() }
        let before = try sandbox.buildBase()
        let url = sandbox.project.appendingPathComponent("data/medals.csv")
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data("Team,Gold,Silver\nJapan,27,14\n\"".utf8))
        let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<100 { try handle.write(contentsOf: block) }
        try handle.write(contentsOf: Data("\",1,2\n".utf8))
        try handle.close()

        let text = sandbox.failingBuild()
        #expect(text.hasPrefix("data/medals.csv:3: error: row is too large: more than 16 MiB"), "\(text)")
        try sandbox.expectUnchanged(since: before)

        let run = try spawnMeasuringMemory(podiumExecutable().path, ["build", "--project", sandbox.project.path])
        #expect(run.status == 1)
        #expect(run.maxResidentMegabytes < 150, "podium used \(run.maxResidentMegabytes) MB for a 100 MB field")
        try sandbox.expectUnchanged(since: before)
    }

    /// Writes `text` as the expected diagnostics when recording (or when the file is missing,
    /// outside CI). Returns whether it did (and recorded an issue saying so).
    private func recordExpectation(_ text: String, at url: URL) -> Bool {
        let environment = ProcessInfo.processInfo.environment
        let onCI = environment["CI"].map { !$0.isEmpty && $0 != "0" && $0.lowercased() != "false" } ?? false
        let exists = FileManager.default.fileExists(atPath: url.path)
        guard !onCI, environment["RECORD_CORPUS"] == "1" || !exists else { return false }
        if exists, (try? String(contentsOf: url, encoding: .utf8)) == text { return false }
        try? Data(text.utf8).write(to: url)
        Issue.record("recorded \(url.path); review and commit it")
        return true
    }
}

/// A temporary folder holding `project/` (a copy of `Cases/_base`), so that a case writing
/// "outside the project" still writes inside the sandbox, where it is seen.
struct CorpusSandbox {
    /// What a successful build left: the site's files and the warehouse's bytes.
    struct Snapshot {
        var site: [String: Data]
        var warehouse: Data
    }

    let root: URL
    var project: URL { root.appendingPathComponent("project") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("podium-corpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CorpusTests.casesFolder.appendingPathComponent("_base"), to: project)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Builds the base project and returns what it published.
    func buildBase() throws -> Snapshot {
        _ = try Podium.build(BuildOptions(projectRoot: project))
        let snapshot = try snapshot()
        #expect(snapshot.site.count > 5)
        return snapshot
    }

    private func snapshot() throws -> Snapshot {
        Snapshot(site: try readTree(project.appendingPathComponent("site")),
                 warehouse: try Data(contentsOf: project.appendingPathComponent(".podium/warehouse.sqlite")))
    }

    /// Copies every file under `input` into the project, replacing files of the same path.
    func overlay(_ input: URL) throws {
        for (path, data) in try readTree(input) {
            let target = project.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: target)
        }
    }

    /// Builds, expecting failure; returns the diagnostics with the project folder as `<project>`.
    func failingBuild(sourceLocation: SourceLocation = #_sourceLocation) -> String {
        do {
            _ = try Podium.build(BuildOptions(projectRoot: project))
            Issue.record("the broken project built", sourceLocation: sourceLocation)
            return ""
        } catch let error as DiagnosticsError {
            return normalized(error.description) + "\n"
        } catch {
            Issue.record("expected DiagnosticsError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
            return ""
        }
    }

    /// Runs `podium build --project <project>`: its exit status and the diagnostics it printed
    /// (stderr without the closing "build failed" line).
    func runCommand() throws -> (status: Int32, diagnostics: String) {
        let result = try runPodium(["build", "--project", project.path], in: root)
        var lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        if lines.last?.hasPrefix("build failed:") == true { lines.removeLast() }
        return (result.status, normalized(lines.joined(separator: "\n")) + "\n")
    }

    private func normalized(_ text: String) -> String {
        var text = text
        for path in [project.path, project.resolvingSymlinksInPath().path] {
            text = text.replacingOccurrences(of: path, with: "<project>")
        }
        return text
    }

    /// Checks that every file of `input` is still in the project, unchanged.
    func expectInputsUnchanged(_ input: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for (path, data) in try readTree(input) {
            let now = FileManager.default.contents(atPath: project.appendingPathComponent(path).path)
            #expect(now == data, "\(path) was changed or deleted", sourceLocation: sourceLocation)
        }
    }

    /// Checks that site/ and the warehouse are as in `before`, and that nothing else was written:
    /// no temporary or retired folders, nothing outside the project.
    func expectUnchanged(since before: Snapshot, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let now = try snapshot()
        #expect(now.site == before.site, "site/ changed", sourceLocation: sourceLocation)
        #expect(now.warehouse == before.warehouse, "the warehouse changed", sourceLocation: sourceLocation)
        let outside = try FileManager.default.contentsOfDirectory(atPath: root.path)
        #expect(outside == ["project"], "written outside the project: \(outside)", sourceLocation: sourceLocation)
        for folder in [project, project.appendingPathComponent(".podium")] {
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.contains(".tmp") || $0.contains(".old") || $0.hasSuffix(".next") }
            #expect(leftovers.isEmpty, "left behind in \(folder.lastPathComponent): \(leftovers)", sourceLocation: sourceLocation)
        }
        for source in ["data/medals.csv", "data/athletes.csv", "pages/index.md", "podium.yaml"] {
            #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent(source).path),
                    "\(source) was deleted", sourceLocation: sourceLocation)
        }
    }
}
