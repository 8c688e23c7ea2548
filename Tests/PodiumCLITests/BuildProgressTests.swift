import Foundation
import PodiumTestSupport
import Testing

/// What `podium build` prints while it works and when it ends: a progress line on a terminal
/// only, nothing extra in a log, `--quiet`, and `--explain` naming the data tests run and reused.
@Suite struct BuildProgressTests {
    private func newProject() throws -> (parent: URL, project: URL) {
        let parent = try makeTemporaryProject([:])
        #expect(try runPodium(["new", "project"], in: parent).status == 0)
        return (parent, parent.appendingPathComponent("project"))
    }

    @Test func outputThatIsNotATerminalGetsNoProgressLine() throws {
        let (parent, project) = try newProject()
        defer { try? FileManager.default.removeItem(at: parent) }
        let result = try runPodium(["build"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("\u{1B}"), "\(result.stderr)")
        #expect(!result.stderr.contains("\r"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "only the summary line: \(result.stderr)")
    }

    @Test func quietPrintsOnlyProblems() throws {
        let (parent, project) = try newProject()
        defer { try? FileManager.default.removeItem(at: parent) }
        let quiet = try runPodium(["build", "--quiet"], in: project)
        #expect(quiet.status == 0)
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
        // A failing data test is still reported, once per build, reused or not.
        let yaml = try read("podium.yaml", in: project)
            .replacingOccurrences(of: "units: [not_null, {range: {min: 0}}]", with: "units: [{range: {min: 0, max: 140}}]")
        try write(yaml, to: "podium.yaml", in: project)
        let failing = try runPodium(["build", "--quiet"], in: project)
        #expect(failing.stderr.contains("warning: data test range(monthly_sales.units) failed"), "\(failing.stderr)")
        #expect(!failing.stderr.contains("built site/"), "\(failing.stderr)")
        try write(try read("pages/index.md", in: project) + "\nOne more sentence.\n", to: "pages/index.md", in: project)
        let reused = try runPodium(["build", "--quiet", "--explain"], in: project)
        #expect(reused.stderr.contains("warning: data test range(monthly_sales.units) failed"), "\(reused.stderr)")
        #expect(reused.stderr.contains("[fresh] test range(monthly_sales.units)"), "\(reused.stderr)")
        #expect(!reused.stderr.contains("[rebuilt] test"), "\(reused.stderr)")
    }

    @Test func explainSaysWhichTestsRanAndWhy() throws {
        let (parent, project) = try newProject()
        defer { try? FileManager.default.removeItem(at: parent) }
        _ = try runPodium(["build"], in: project)
        try write(try read("data/sales.csv", in: project) + "2024-12-01,North,5\n", to: "data/sales.csv", in: project)
        let result = try runPodium(["build", "--explain"], in: project)
        #expect(result.stderr.contains("[rebuilt] test not_null(monthly_sales.units): table monthly_sales changed"), "\(result.stderr)")
        #expect(result.stderr.contains("[rebuilt] profile src_sales: table src_sales changed"), "\(result.stderr)")
        #expect(result.stderr.contains("rebuilt: 2 tables, 2 queries, 2 data tests;"), "\(result.stderr)")
    }

    /// Under a pseudo-terminal (`script`), a build of a few hundred thousand rows outlasts the
    /// second after which the line appears: it names the source with rows and rows/s, and is
    /// cleared before the summary line.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func terminalShowsTheStageAndRowsThenClearsTheLine() throws {
        var csv = "day,n\n"
        csv.reserveCapacity(12 << 20)
        for index in 0..<700_000 { csv += "2024-01-\(10 + index % 20),\(index)\n" }
        let project = try makeTemporaryProject([
            "podium.yaml": "title: Big\nsources:\n  big:\n    path: data/big.csv\npages: pages/\n",
            "data/big.csv": csv,
            "pages/index.md": "---\ntitle: Big\n---\n# Big\n",
        ])
        defer { try? FileManager.default.removeItem(at: project) }
        let command = "'\(podiumExecutable().path)' build"
        let result = try runCommand(URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"], in: project)
        #expect(result.status == 0, "\(result.stdout)")
        // script puts the child's terminal output on its stdout.
        let output = result.stdout
        #expect(output.contains("podium: staging big: "), "\(output.debugDescription)")
        #expect(output.contains(" rows/s)"), "\(output.debugDescription)")
        let summary = try #require(output.range(of: "built site/"))
        #expect(output[..<summary.lowerBound].hasSuffix("\r\u{1B}[K"), "the line is cleared first: \(output.suffix(300).debugDescription)")
    }
}
