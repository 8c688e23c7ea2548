import Foundation
import Synchronization
import Testing
@testable import PodiumKit

private struct InjectedFailure: Error {}

/// A fresh folder that holds the output folder `site` (not yet created).
private func makeParent() throws -> URL {
    let parent = FileManager.default.temporaryDirectory.appendingPathComponent("podium-writer-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    return parent
}

/// Every file under `folder` as `path: text`, sorted.
/// The site's files and contents, without the marker file every published folder holds.
private func tree(_ folder: URL) throws -> [String] {
    let base = folder.resolvingSymlinksInPath().path
    let enumerator = try #require(FileManager.default.enumerator(atPath: base))
    return enumerator.compactMap { $0 as? String }.filter { $0 != SiteWriter.markerName }.sorted().compactMap { path in
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory)
        if isDirectory.boolValue { return nil }
        return "\(path): " + ((try? String(contentsOfFile: base + "/" + path, encoding: .utf8)) ?? "?")
    }
}

private func entries(_ parent: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted()
}

@Suite struct SiteWriterTests {
    @Test func writesANewSite() throws {
        let parent = try makeParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let site = parent.appendingPathComponent("site")
        let changes = try SiteWriter.publish([
            OutputFile(path: "index.html", text: "home"), OutputFile(path: "embed/a.html", text: "a"),
        ], to: site)
        #expect(changes.added == [SiteWriter.markerName, "embed/a.html", "index.html"])
        #expect(try tree(site) == ["embed/a.html: a", "index.html: home"])
        #expect(try entries(parent) == ["site"])
        let mode = try FileManager.default.attributesOfItem(atPath: site.path)[.posixPermissions] as? Int
        #expect(mode == 0o755)
    }

    /// An output that is a link to a folder elsewhere (another disk) stays a link: each build
    /// swaps the new site in beside the folder the link names, which holds the new files.
    @Test func outputThatIsALinkStaysALink() throws {
        let parent = try makeParent(), elsewhere = try makeParent()
        defer { for folder in [parent, elsewhere] { try? FileManager.default.removeItem(at: folder) } }
        let target = elsewhere.appendingPathComponent("public")
        let site = parent.appendingPathComponent("site")
        try FileManager.default.createSymbolicLink(atPath: site.path, withDestinationPath: target.path)
        for text in ["first", "second"] {
            try SiteWriter.publish([OutputFile(path: "index.html", text: text)], to: site)
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: site.path) == target.path)
            #expect(try tree(target) == ["index.html: \(text)"])
        }
        #expect(try entries(parent) == ["site"])
        #expect(try entries(elsewhere) == ["public"])
        SiteWriter.recover(site)
        #expect(try tree(site) == ["index.html: second"])
    }

    @Test func replacesTheOldSiteCompletely() throws {
        let parent = try makeParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let site = parent.appendingPathComponent("site")
        try SiteWriter.publish([OutputFile(path: "index.html", text: "v1"), OutputFile(path: "old.html", text: "x")], to: site)
        let changes = try SiteWriter.publish([
            OutputFile(path: "index.html", text: "v2"), OutputFile(path: "data/a.csv", text: "a\n"),
        ], to: site)
        #expect(changes == SiteWriter.Changes(added: ["data/a.csv"], changed: ["index.html"], removed: ["old.html"]))
        #expect(try tree(site) == ["data/a.csv: a\n", "index.html: v2"])
        #expect(try entries(parent) == ["site"])  // no temporary or retired folder left
    }

    @Test func identicalSiteIsNotRewritten() throws {
        let parent = try makeParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let site = parent.appendingPathComponent("site")
        let files = [OutputFile(path: "index.html", text: "same")]
        try SiteWriter.publish(files, to: site)
        let changes = try SiteWriter.publish(files, to: site, write: { _, _ in
            Issue.record("nothing should be written")
        })
        #expect(changes.isEmpty)
    }

    /// The write fails on the last file, after the others were written: a writer that wrote into
    /// the output folder in place would have changed the old site by then.
    @Test func failedWriteLeavesTheOldSiteIntact() throws {
        let parent = try makeParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let site = parent.appendingPathComponent("site")
        try SiteWriter.publish([OutputFile(path: "index.html", text: "old"), OutputFile(path: "a/b.html", text: "b")], to: site)

        let newFiles = [
            OutputFile(path: "index.html", text: "new"), OutputFile(path: "a/b.html", text: "new b"),
            OutputFile(path: "c.html", text: "c"), OutputFile(path: "d/e.html", text: "e"),
        ]
        // Files are written on several threads: the last call fails, after the others began.
        let written = Mutex(0)
        let error = try #require(throws: DiagnosticsError.self) {
            try SiteWriter.publish(newFiles, to: site, write: { url, bytes in
                if written.withLock({ $0 += 1; return $0 }) == newFiles.count { throw InjectedFailure() }  // the last one
                try Data(bytes).write(to: url)
            })
        }
        #expect(written.withLock { $0 } == newFiles.count, "every file but the last was written before the failure")
        #expect(try tree(site) == ["a/b.html: b", "index.html: old"])
        #expect(error.diagnostics.first?.message.hasPrefix("cannot write the site:") == true)
        #expect(error.diagnostics.first?.hint?.contains("the previous site is unchanged") == true)
        #expect(try entries(parent) == ["site"])
    }

    @Test func refusesToReplaceAFolderItDidNotPublish() throws {
        let parent = try makeParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let docs = parent.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: docs.appendingPathComponent("notes.txt"))
        #expect(throws: DiagnosticsError.self) {
            try SiteWriter.publish([OutputFile(path: "index.html", text: "new")], to: docs)
        }
        #expect(try tree(docs) == ["notes.txt: mine"])
    }

    @Test func recoverPutsBackASiteRenamedAwayByAKilledBuild() throws {
        let parent = try makeParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let site = parent.appendingPathComponent("site")
        try SiteWriter.publish([OutputFile(path: "index.html", text: "old")], to: site)
        // As if killed between the two renames of the fallback swap.
        try SiteWriter.rename(site, parent.appendingPathComponent("site.old-abc123"))
        try FileManager.default.createDirectory(at: parent.appendingPathComponent("site.tmp-def456"), withIntermediateDirectories: true)
        SiteWriter.recover(site)
        #expect(try tree(site) == ["index.html: old"])
        #expect(try entries(parent) == ["site"])
    }

    @Test func failedSwapPutsTheOldSiteBack() throws {
        let parent = try makeParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let site = parent.appendingPathComponent("site")
        try SiteWriter.publish([OutputFile(path: "index.html", text: "old")], to: site)
        #expect(throws: DiagnosticsError.self) {
            try SiteWriter.publish([OutputFile(path: "index.html", text: "new")], to: site,
                                   write: { url, bytes in try Data(bytes).write(to: url) },
                                   rename: { from, to in
                                       // The new site cannot move into place; everything else works.
                                       if from.lastPathComponent.hasPrefix("site.tmp-") { throw InjectedFailure() }
                                       try SiteWriter.rename(from, to)
                                   },
                                   exchange: { _, _ in false })  // as on a file system without RENAME_EXCHANGE
        }
        #expect(try tree(site) == ["index.html: old"])
        #expect(try entries(parent) == ["site"])
    }

    @Test func refusesPathsThatEscape() throws {
        let parent = try makeParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let site = parent.appendingPathComponent("site")
        for path in ["../evil.html", "/etc/passwd", "a/../../b", "a//b", "./a", "", "a\\b"] {
            #expect(throws: DiagnosticsError.self, "\(path)") {
                try SiteWriter.publish([OutputFile(path: path, text: "x")], to: site)
            }
        }
        #expect(try entries(parent) == [])
    }

    @Test func refusesConflictingPaths() throws {
        let parent = try makeParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let error = try #require(throws: DiagnosticsError.self) {
            try SiteWriter.publish([
                OutputFile(path: "a", text: "x"), OutputFile(path: "a/b.html", text: "y"), OutputFile(path: "a", text: "z"),
            ], to: parent.appendingPathComponent("site"))
        }
        #expect(error.diagnostics.map(\.message) == [
            "two files would be written to 'a'", "'a' would be both a file and a folder",
        ])
    }

    @Test func refusesAnOutputThatIsAFile() throws {
        let parent = try makeParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let site = parent.appendingPathComponent("site")
        try Data("not a folder".utf8).write(to: site)
        #expect(throws: DiagnosticsError.self) {
            try SiteWriter.publish([OutputFile(path: "index.html", text: "x")], to: site)
        }
        #expect(try String(contentsOf: site, encoding: .utf8) == "not a folder")
    }
}
