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

    /// A site of `count` pages, `page-00.html` … (and one in a folder), each saying `text`.
    private func pages(_ count: Int, _ text: (Int) -> String = { "page \($0)" }) -> [OutputFile] {
        (0..<count).map { OutputFile(path: $0 == 0 ? "embed/e.html" : String(format: "page-%02d.html", $0), text: text($0)) }
    }

    /// Inode and mtime of every file under `folder`, by path (the marker included).
    private func identities(_ folder: URL) throws -> [String: String] {
        var found: [String: String] = [:]
        for file in DirectoryWalk.files(under: folder.path, skipHidden: false) ?? [] {
            found[file.relative] = "\(file.inode) \(file.modified)"
        }
        return found
    }

    /// One changed file of thirty: only it is written, renamed into the old folder in place; every
    /// other file keeps its inode and mtime, and no temporary is left.
    @Test func aFewChangesArePublishedInPlace() throws {
        let parent = try makeParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let site = parent.appendingPathComponent("site")
        try SiteWriter.publish(pages(30) + [OutputFile(path: "old/gone.html", text: "gone")], to: site)
        let folderBefore = try #require(FileStamp.stat(site.appendingPathComponent(SiteWriter.markerName).path))
        let before = try identities(site)
        let written = Mutex<[String]>([])
        let changes = try SiteWriter.publish(pages(30) { $0 == 7 ? "edited" : "page \($0)" }
                                             + [OutputFile(path: "new/added.html", text: "new")], to: site, write: { url, bytes in
            written.withLock { $0.append(url.lastPathComponent) }
            try FileSystem.write(bytes, toFile: url.path)
        })
        #expect(changes.inPlace)
        #expect(changes.added == ["new/added.html"] && changes.changed == ["page-07.html"] && changes.removed == ["old/gone.html"])
        #expect(written.withLock { $0 }.allSatisfy { $0.hasPrefix(SiteWriter.temporaryPrefix) })
        #expect(written.withLock { $0.count } == 2)
        let after = try identities(site)
        #expect(after.keys.sorted() == (before.keys.filter { $0 != "old/gone.html" } + ["new/added.html"]).sorted(),
                "no temporary left, the removed file and its empty folder gone")
        #expect(before.filter { after[$0.key] != $0.value }.keys.sorted() == ["old/gone.html", "page-07.html"])
        #expect(try String(contentsOf: site.appendingPathComponent("page-07.html"), encoding: .utf8) == "edited")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("old").path))
        #expect(FileStamp.stat(site.appendingPathComponent(SiteWriter.markerName).path)?.inode == folderBefore.inode)
        #expect(try entries(parent) == ["site"])
    }

    /// The write of a temporary fails after the others were written: nothing was renamed yet, so
    /// the old site is exactly as it was, and the temporaries are removed.
    @Test func failedWriteInPlaceLeavesTheOldSiteIntact() throws {
        let parent = try makeParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let site = parent.appendingPathComponent("site")
        try SiteWriter.publish(pages(40), to: site)
        let before = try identities(site)
        let oldTree = try tree(site)
        let written = Mutex(0)
        let error = try #require(throws: DiagnosticsError.self) {
            try SiteWriter.publish(pages(40) { $0 < 3 ? "edited \($0)" : "page \($0)" } + [OutputFile(path: "a/new.html", text: "n")],
                                   to: site, write: { url, bytes in
                #expect(url.lastPathComponent.hasPrefix(SiteWriter.temporaryPrefix))
                if written.withLock({ $0 += 1; return $0 }) == 4 { throw InjectedFailure() }  // the last one
                try FileSystem.write(bytes, toFile: url.path)
            })
        }
        #expect(written.withLock { $0 } == 4)
        #expect(error.diagnostics.first?.hint?.contains("the previous site is unchanged") == true)
        #expect(try identities(site) == before, "no file replaced, no temporary or folder left")
        #expect(try tree(site) == oldTree)
        #expect(try entries(parent) == ["site"])
    }

    /// More than a tenth of the site changed: the whole folder is swapped, as on a first build.
    @Test func aLargeChangeSwapsTheWholeFolder() throws {
        let parent = try makeParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let site = parent.appendingPathComponent("site")
        try SiteWriter.publish(pages(30), to: site)
        let marker = site.appendingPathComponent(SiteWriter.markerName)
        let markerBefore = try #require(FileStamp.stat(marker.path))
        let changes = try SiteWriter.publish(pages(30) { $0 < 4 ? "edited \($0)" : "page \($0)" }, to: site)
        #expect(!changes.inPlace && changes.changed.count == 4)
        // Unchanged files are hard-linked into the new folder: same inode, same mtime.
        #expect(FileStamp.stat(marker.path)?.inode == markerBefore.inode)
        #expect(try tree(site) == pages(30) { $0 < 4 ? "edited \($0)" : "page \($0)" }.map { "\($0.path): \($0.text!)" }.sorted())
        #expect(try entries(parent) == ["site"])
    }

    /// A file of the old site whose stat data still matches the last build's stamp is known
    /// unchanged without being read; one changed on disk since (same size, other bytes) is read,
    /// found different and rewritten.
    @Test func knownStampsSkipReadingOnlyUntouchedFiles() throws {
        let parent = try makeParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let site = parent.appendingPathComponent("site")
        let files = pages(30)
        try SiteWriter.publish(files, to: site)
        let known = try OutputCheck.stamps(SiteWriter.withMarker(files), in: site)
        #expect(try SiteWriter.publish(files, to: site, known: known).isEmpty)
        usleep(20_000)  // a later mtime and ctime
        try FileSystem.write(Array("page 9".utf8), toFile: site.appendingPathComponent("page-05.html").path)
        let changes = try SiteWriter.publish(files, to: site, known: known)
        #expect(changes.changed == ["page-05.html"] && changes.inPlace)
        #expect(try String(contentsOf: site.appendingPathComponent("page-05.html"), encoding: .utf8) == "page 5")
    }

    /// A new file where the old site has a folder (or the reverse) cannot be renamed in place:
    /// the folder is swapped instead.
    @Test func aFileReplacingAFolderSwapsTheWholeFolder() throws {
        let parent = try makeParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let site = parent.appendingPathComponent("site")
        try SiteWriter.publish(pages(30) + [OutputFile(path: "x/y.html", text: "y")], to: site)
        let changes = try SiteWriter.publish(pages(30) + [OutputFile(path: "x", text: "x")], to: site)
        #expect(!changes.inPlace)
        #expect(try tree(site).contains("x: x"))
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
