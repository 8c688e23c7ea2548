import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

@Suite struct QuickCheckTests {
    /// Lines split at spaces and newlines; `%XX` decoded; a lone `%` is the empty field.
    @Test func fieldsAreSplitAndUnescaped() {
        let text = "input a%20b %25x % 12\nfolder p%0Aq%0D%09r -\nodd 50%zz %25 %\n"
        let lines = Array(text.utf8).withUnsafeBytes { LineFields.fields(of: $0) }
        #expect(lines == [["input", "a b", "%x", "", "12"], ["folder", "p\nq\r\tr", "-"], ["odd", "50%zz", "%", ""]])
        let unterminated = Array("key abc %".utf8).withUnsafeBytes { LineFields.fields(of: $0) }
        #expect(unterminated == [["key", "abc", ""]])
    }
}

@Suite struct DirectoryWalkTests {
    /// Regular files at any depth; hidden names skipped on request; links followed to files only.
    @Test func listsRegularFilesWithTheirStatData() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("walk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = ["a.csv": "1", "sub/b.csv": "22", "sub/deeper/c.md": "333", ".hidden": "x", "sub/.git/d": "y"]
        for (path, body) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(body.utf8).write(to: url)
        }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("link.csv").path, withDestinationPath: "a.csv")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("loop").path, withDestinationPath: ".")

        let visible = try #require(DirectoryWalk.files(under: root.path, skipHidden: true))
        #expect(visible.map(\.relative).sorted() == ["a.csv", "link.csv", "sub/b.csv", "sub/deeper/c.md"])
        let all = try #require(DirectoryWalk.files(under: root.path, skipHidden: false))
        #expect(all.map(\.relative).sorted() == [".hidden", "a.csv", "link.csv", "sub/.git/d", "sub/b.csv", "sub/deeper/c.md"])
        let deep = try #require(all.first { $0.relative == "sub/deeper/c.md" })
        let stamp = try #require(FileStamp.stat(root.appendingPathComponent("sub/deeper/c.md").path))
        #expect(deep.size == 3 && deep.size == stamp.size && deep.modified == stamp.modified && deep.inode == stamp.inode)
        #expect(DirectoryWalk.files(under: root.appendingPathComponent("a.csv").path, skipHidden: true) == nil)
        #expect(DirectoryWalk.files(under: root.appendingPathComponent("missing").path, skipHidden: true) == nil)
    }
}

/// `QuickCheck.freshReport` on a real build's check, with one recorded value changed at a time:
/// any stat field of an input or output that differs, an input modified as late as the check was
/// written, or another project folder, sends the build to the full check.
@Suite struct QuickCheckFreshnessTests {
    private static let project: [String: String] = [
        "podium.yaml": "title: Quick\nsources:\n  medals:\n    path: data/medals.csv\npages: pages/\noutput: site/\n",
        "data/medals.csv": "team,gold\nKenya,4\nNorway,4\n",
        "pages/index.md": "---\ntitle: Home\n---\nHello.\n",
    ]
    private static let sourceLine = "input data/medals.csv "
    private static let outputLine = "out index.html "

    /// A built project and its cache folder.
    private func built() throws -> (project: URL, cache: URL) {
        let project = try makeTemporaryProject(Self.project)
        _ = try Podium.build(BuildOptions(projectRoot: project))
        return (project, project.appendingPathComponent(".podium"))
    }

    /// Rewrites the check's lines (checksum included, so it reads as podium wrote it).
    private func rewrite(_ cache: URL, _ change: ([String]) -> [String]) throws {
        let file = cache.appendingPathComponent("quick")
        let text = String(decoding: try #require(ChecksummedFile.read(file)), as: UTF8.self)
        let lines = change(text.split(separator: "\n").map(String.init))
        try ChecksummedFile.write(Data((lines.joined(separator: "\n") + "\n").utf8), to: file)
    }

    /// Replaces field `index` (0-based, fields split at spaces) of the line starting with `prefix`.
    private func rewriteField(_ cache: URL, line prefix: String, field index: Int, _ change: @escaping (Int64) -> Int64) throws {
        try rewrite(cache) { lines in
            #expect(lines.contains { $0.hasPrefix(prefix) }, "no line \(prefix)")
            return lines.map { line in
                guard line.hasPrefix(prefix) else { return line }
                var fields = line.split(separator: " ").map(String.init)
                fields[index] = String(change(Int64(fields[index])!))
                return fields.joined(separator: " ")
            }
        }
    }

    @Test func buildIsFreshAsWritten() throws {
        let (project, cache) = try built()
        defer { try? FileManager.default.removeItem(at: project) }
        let report = try #require(QuickCheck.freshReport(cacheFolder: cache))
        #expect(report.output == "site" && report.files > 0)
        try rewrite(cache) { $0 }  // rewriting alone changes nothing
        #expect(QuickCheck.freshReport(cacheFolder: cache) != nil)
    }

    /// An input modified at or after the moment the check's build started may have changed again
    /// in the same clock tick: not fresh, although its stat data matches.
    @Test func inputModifiedAsLateAsTheBuildIsNotFresh() throws {
        let (project, cache) = try built()
        defer { try? FileManager.default.removeItem(at: project) }
        let modified = try #require(FileStamp.stat(project.appendingPathComponent("data/medals.csv").path)).modified
        let newest = try Self.newestInput(in: project)
        try rewrite(cache) { $0.map { $0.hasPrefix("written ") ? "written \(newest + 1)" : $0 } }
        #expect(QuickCheck.freshReport(cacheFolder: cache) != nil)
        try rewrite(cache) { $0.map { $0.hasPrefix("written ") ? "written \(modified)" : $0 } }
        #expect(QuickCheck.freshReport(cacheFolder: cache) == nil)
    }

    /// Fields of `input <name> <path> <size> <mtime> <inode> <ctime> <sha256>`: each one changed
    /// alone makes the check stale. The mtime goes back a second, so only the stat comparison sees it.
    @Test(arguments: [(3, "size"), (4, "mtime"), (5, "inode"), (6, "ctime")])
    func inputWithOneStatFieldChangedIsNotFresh(field: Int, name: String) throws {
        let (project, cache) = try built()
        defer { try? FileManager.default.removeItem(at: project) }
        try rewriteField(cache, line: Self.sourceLine, field: field) { name == "mtime" ? $0 - 1_000_000_000 : $0 + 1 }
        #expect(QuickCheck.freshReport(cacheFolder: cache) == nil, "a changed \(name) went unnoticed")
    }

    /// Fields of `out <path> <size> <mtime> <inode> <ctime> <sha256>`.
    @Test(arguments: [(2, "size"), (3, "mtime"), (4, "inode"), (5, "ctime")])
    func outputWithOneStatFieldChangedIsNotFresh(field: Int, name: String) throws {
        let (project, cache) = try built()
        defer { try? FileManager.default.removeItem(at: project) }
        try rewriteField(cache, line: Self.outputLine, field: field) { name == "mtime" ? $0 - 1_000_000_000 : $0 + 1 }
        #expect(QuickCheck.freshReport(cacheFolder: cache) == nil, "a changed \(name) went unnoticed")
    }

    /// A source edited in place with its mtime put back (`touch -d`): only the ctime tells.
    @Test func sourceEditedWithItsMtimeRestoredIsNotFresh() throws {
        let (project, cache) = try built()
        defer { try? FileManager.default.removeItem(at: project) }
        let path = project.appendingPathComponent("data/medals.csv").path
        let before = try #require(FileStamp.stat(path))
        let descriptor = open(path, O_WRONLY | O_TRUNC)
        let body = Array("team,gold\nKenya,5\nNorway,4\n".utf8)
        #expect(body.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } == body.count)
        close(descriptor)
        let time = timespec(tv_sec: Int(before.modified / 1_000_000_000), tv_nsec: Int(before.modified % 1_000_000_000))
        var times = [time, time]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        let after = try #require(FileStamp.stat(path))
        #expect(after.size == before.size && after.modified == before.modified && after.inode == before.inode)
        #expect(QuickCheck.freshReport(cacheFolder: cache) == nil)
    }

    /// The check of another folder (a copy's `.podium` still holds the original's) is not used.
    @Test func checkWrittenForAnotherFolderIsNotUsed() throws {
        let (project, cache) = try built()
        let copy = project.deletingLastPathComponent().appendingPathComponent(project.lastPathComponent + "-copy")
        defer {
            try? FileManager.default.removeItem(at: project)
            try? FileManager.default.removeItem(at: copy)
        }
        let cp = try Process.run(URL(fileURLWithPath: "/bin/cp"), arguments: ["-a", project.path, copy.path])
        cp.waitUntilExit()
        #expect(cp.terminationStatus == 0)
        // Every path in the copy's check names the original, whose files are all as it says.
        #expect(QuickCheck.freshReport(cacheFolder: copy.appendingPathComponent(".podium")) == nil)
        #expect(QuickCheck.freshReport(cacheFolder: cache) != nil)
        try rewrite(cache) { $0.filter { !$0.hasPrefix("root ") } }  // as an older podium wrote it
        #expect(QuickCheck.freshReport(cacheFolder: cache) == nil)
    }

    /// The latest mtime among the project's files.
    /// The newest mtime among the inputs the check recorded (`input <name> <path> <size> <mtime> …`):
    /// the project's files, the default theme and the podium binary.
    private static func newestInput(in project: URL) throws -> Int64 {
        let file = project.appendingPathComponent(".podium/quick")
        let text = String(decoding: try #require(ChecksummedFile.read(file)), as: UTF8.self)
        let times = text.split(separator: "\n").compactMap { line -> Int64? in
            let fields = line.split(separator: " ")
            return fields.first == "input" && fields.count > 4 ? Int64(fields[4]) : nil
        }
        return try #require(times.max())
    }
}
