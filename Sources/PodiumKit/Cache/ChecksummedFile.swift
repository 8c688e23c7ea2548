import Foundation
import Synchronization

/// Cache files that detect their own corruption. Each file is a header line
/// `podium-cache 1 <sha256 of the body>` and the body. A file whose checksum does not match —
/// truncated by a crash, a full disk or a hand edit — reads as absent, so it is rebuilt, never served.
/// Writes go to a temporary file beside the target and are renamed into place.
enum ChecksummedFile {
    private static let magic = "podium-cache 1 "

    /// The body of the file at `url`, or nil if it is missing or fails its checksum.
    static func read(_ url: URL) -> Data? {
        guard let data = FileManager.default.contents(atPath: url.path),
              let newline = data.firstIndex(of: 0x0A) else { return nil }
        let header = String(decoding: data[data.startIndex..<newline], as: UTF8.self)
        guard header.hasPrefix(magic) else { return nil }
        let body = data[(newline + 1)...]
        let expected = String(header.dropFirst(magic.count))
        var hasher = SHA256()
        body.withUnsafeBytes { hasher.update($0) }
        return hasher.finalize() == expected ? Data(body) : nil
    }

    /// Removes the temporary files that writes killed half-way left in `folder` (not below it).
    /// Call it under the build lock, when no write can be under way.
    static func removeTemporaries(in folder: URL) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where name.hasPrefix(".") && name.contains(".tmp-") {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// Numbers the temporary files of this process's writes.
    private static let writes = Atomic<Int>(0)

    /// Writes `body` to `url` atomically with its checksum.
    /// - Parameter checksum: the SHA-256 (hex) of `body` when the caller has it already.
    static func write(_ body: Data, checksum: String? = nil, to url: URL) throws {
        let checksum = checksum ?? {
            var hasher = SHA256()
            body.withUnsafeBytes { hasher.update($0) }
            return hasher.finalize()
        }()
        var data = Data((magic + checksum + "\n").utf8)
        data.append(body)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Unique per write, not only per process: files are written on several threads.
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(writes.add(1, ordering: .relaxed).oldValue)")
        try FileSystem.write(data, toFile: temporary.path)
        try FileSystem.replaceItem(at: url, with: temporary)
    }
}
