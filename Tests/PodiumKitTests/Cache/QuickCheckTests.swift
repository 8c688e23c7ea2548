import Foundation
import Testing
@testable import PodiumKit

@Suite struct QuickCheckTests {
    /// Lines split at spaces and newlines; `%XX` decoded; a lone `%` is the empty field.
    @Test func fieldsAreSplitAndUnescaped() {
        let text = "input a%20b %25x % 12\nfolder p%0Aq%0D%09r -\nodd 50%zz %25 %\n"
        let lines = Array(text.utf8).withUnsafeBytes { QuickCheck.fields(of: $0) }
        #expect(lines == [["input", "a b", "%x", "", "12"], ["folder", "p\nq\r\tr", "-"], ["odd", "50%zz", "%", ""]])
        let unterminated = Array("key abc %".utf8).withUnsafeBytes { QuickCheck.fields(of: $0) }
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
