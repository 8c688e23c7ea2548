import Foundation

/// Checks that files are exactly as a build left them, by their stat data, without reading them.
enum OutputCheck {
    /// The stat stamp of a file (its hash left empty: files podium wrote are compared by stat).
    static func stamp(_ path: String, sha256: String = "") -> FileStamp? {
        FileStamp.stat(path).map {
            FileStamp(sha256: sha256, size: $0.size, modified: $0.modified, inode: $0.inode, changed: $0.changed)
        }
    }

    /// Whether the file at `path` has the size, mtime, inode and ctime recorded in `stamp`.
    static func matches(_ path: String, _ stamp: FileStamp) -> Bool {
        guard let info = FileStamp.stat(path) else { return false }
        return stamp.hasStat(size: info.size, modified: info.modified, inode: info.inode, changed: info.changed)
    }

    /// Whether a listed file has the stat data recorded in `stamp`.
    static func matches(_ file: DirectoryWalk.File, _ stamp: FileStamp) -> Bool {
        stamp.hasStat(size: file.size, modified: file.modified, inode: file.inode, changed: file.changed)
    }

    /// Whether `folder` holds exactly the files of `outputs`, each unchanged since it was written.
    static func folderMatches(_ folder: URL, _ outputs: [String: FileStamp]) -> Bool {
        guard let files = DirectoryWalk.files(under: folder.path, skipHidden: false),
              files.count == outputs.count else { return false }
        for file in files {
            guard let stamp = outputs[file.relative], matches(file, stamp) else { return false }
        }
        return true
    }

    /// The stamps of the site's files as now on disk, with the hash of their contents (taken from
    /// `hashes` by path when there, as publishing computed them; else made and hashed).
    /// - Parameter reusing: stamps known to be current (files publishing left untouched), by path.
    static func stamps(_ files: [OutputFile], in folder: URL, hashes: [String: String] = [:],
                       reusing current: [String: FileStamp] = [:]) throws -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        for file in files {
            if let stamp = current[file.path] {
                stamps[file.path] = stamp
                continue
            }
            let hash = try hashes[file.path] ?? {
                var hasher = SHA256()
                try file.bytes().withUnsafeBytes { hasher.update($0) }
                return hasher.finalize()
            }()
            guard let stamp = stamp(folder.appendingPathComponent(file.path).path, sha256: hash) else {
                throw DiagnosticsError(.error("the published file '\(file.path)' is missing", at: .init(file: folder.lastPathComponent),
                                              hint: "another program may be writing to the output folder; build again"))
            }
            stamps[file.path] = stamp
        }
        return stamps
    }
}
