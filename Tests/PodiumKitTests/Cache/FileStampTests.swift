import Foundation
import Testing
@testable import PodiumKit

/// `FileStamp.current` reuses a known hash only when every piece of stat data matches and the file
/// is older than the last build: each comparison, removed on its own, fails one of these tests.
@Suite struct FileStampTests {
    /// A temporary file, with helpers to change it the ways editors and tools do.
    private struct Scratch {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stamp-\(UUID().uuidString)")
        var path: String { folder.appendingPathComponent("data.csv").path }
        /// Later than any mtime: no racy file.
        static let farFuture = Int64.max

        init(_ contents: String) throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        }

        /// Rewrites the file in place (same inode), as `>` in a shell does.
        func overwriteInPlace(_ contents: String) throws {
            let descriptor = open(path, O_WRONLY | O_TRUNC)
            #expect(descriptor >= 0)
            defer { close(descriptor) }
            let written = Array(contents.utf8).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            #expect(written == contents.utf8.count)
        }

        /// Writes a new file and renames it over the old one (a new inode), as editors saving atomically do.
        func replace(_ contents: String) throws {
            let temporary = folder.appendingPathComponent("data.csv.tmp")
            try Data(contents.utf8).write(to: temporary)
            #expect(rename(temporary.path, path) == 0)
        }

        /// Sets the mtime (ns since 1970), as `touch -d` does.
        func setModified(_ nanoseconds: Int64) {
            let time = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
            var times = [time, time]
            #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        }

        func stamp(known: FileStamp? = nil, racyBefore: Int64 = farFuture) throws -> FileStamp {
            try FileStamp.current(path, known: known, racyBefore: racyBefore)
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    /// The hash a stale reuse would return: no file has it.
    private static let staleHash = "stale"

    private func reused(_ stamp: FileStamp) -> Bool { stamp.sha256 == Self.staleHash }

    @Test func unchangedFileReusesTheKnownHash() throws {
        let file = try Scratch("a,b\n1,2\n")
        defer { file.remove() }
        var known = try file.stamp()
        #expect(known.sha256 == SHA256.hex("a,b\n1,2\n"))
        known.sha256 = Self.staleHash
        #expect(reused(try file.stamp(known: known)), "the stat shortcut is never taken")
    }

    // MARK: - One field of the known stamp differs from the file's stat

    @Test func differentSizeIsRehashed() throws {
        let file = try Scratch("a,b\n1,2\n")
        defer { file.remove() }
        var known = try file.stamp()
        known.sha256 = Self.staleHash
        known.size += 1
        #expect(!reused(try file.stamp(known: known)))
    }

    @Test func differentModificationTimeIsRehashed() throws {
        let file = try Scratch("a,b\n1,2\n")
        defer { file.remove() }
        var known = try file.stamp()
        known.sha256 = Self.staleHash
        known.modified -= 1_000_000_000
        #expect(!reused(try file.stamp(known: known)))
    }

    @Test func differentInodeIsRehashed() throws {
        let file = try Scratch("a,b\n1,2\n")
        defer { file.remove() }
        var known = try file.stamp()
        known.sha256 = Self.staleHash
        known.inode += 1
        #expect(!reused(try file.stamp(known: known)))
    }

    @Test func differentChangeTimeIsRehashed() throws {
        let file = try Scratch("a,b\n1,2\n")
        defer { file.remove() }
        var known = try file.stamp()
        known.sha256 = Self.staleHash
        known.changed -= 1_000_000_000
        #expect(!reused(try file.stamp(known: known)))
    }

    /// A file modified at or after the moment the last build started may have changed again in
    /// the same clock tick: it is re-hashed even though its stat data matches.
    @Test func racyFileIsRehashed() throws {
        let file = try Scratch("a,b\n1,2\n")
        defer { file.remove() }
        var known = try file.stamp()
        known.sha256 = Self.staleHash
        #expect(!reused(try file.stamp(known: known, racyBefore: known.modified)))
        #expect(!reused(try file.stamp(known: known, racyBefore: known.modified - 1)))
        #expect(reused(try file.stamp(known: known, racyBefore: known.modified + 1)))
    }

    // MARK: - Edits as they happen

    /// An editor saving atomically: same size, a new inode, the old mtime put back.
    @Test func sameSizeEditWithANewInodeAndTheOldMtimeIsRehashed() throws {
        let file = try Scratch("a,b\n1,2\n")
        defer { file.remove() }
        let known = try file.stamp()
        try file.replace("a,b\n1,3\n")
        file.setModified(known.modified)
        let now = try file.stamp(known: known)
        #expect(now.inode != known.inode && now.modified == known.modified && now.size == known.size)
        #expect(now.sha256 == SHA256.hex("a,b\n1,3\n"))
    }

    /// `>` in a shell: same size, same inode, a new mtime.
    @Test func sameSizeEditInPlaceIsRehashed() throws {
        let file = try Scratch("a,b\n1,2\n")
        defer { file.remove() }
        let known = try file.stamp()
        try file.overwriteInPlace("a,b\n1,3\n")
        file.setModified(known.modified - 5_000_000_000)
        let now = try file.stamp(known: known)
        #expect(now.inode == known.inode && now.size == known.size)
        #expect(now.sha256 == SHA256.hex("a,b\n1,3\n"))
    }

    /// Same size, same inode, and the mtime put back with `touch -d`: only the ctime, which no
    /// tool can set, tells (as it does for git).
    @Test func sameSizeEditInPlaceWithTheMtimeRestoredIsRehashed() throws {
        let file = try Scratch("a,b\n1,2\n")
        defer { file.remove() }
        let known = try file.stamp()
        try file.overwriteInPlace("a,b\n1,3\n")
        file.setModified(known.modified)
        let now = try file.stamp(known: known)
        #expect(now.inode == known.inode && now.size == known.size && now.modified == known.modified)
        #expect(now.sha256 == SHA256.hex("a,b\n1,3\n"))
    }
}
