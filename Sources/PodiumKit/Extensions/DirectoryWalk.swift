import Foundation

/// The regular files under a folder, listed with `readdir(3)` and one `fstatat(2)` each.
///
/// The no-change build lists the input folders and the whole site on every run; Foundation's
/// directory enumerator costs several times as much for the same answer.
enum DirectoryWalk {
    struct File {
        /// The path below the folder, with `/` between components.
        var relative: String
        var size: Int64
        /// The mtime in nanoseconds since 1970.
        var modified: Int64
        var inode: UInt64
        /// The ctime in nanoseconds since 1970.
        var changed: Int64
    }

    /// Every regular file under `root`, recursively (symbolic links are followed to files, not
    /// into folders), in no particular order; names starting with `.` are skipped, and folders so
    /// named not entered, when `skipHidden`. Nil if `root` cannot be opened as a folder.
    static func files(under root: String, skipHidden: Bool) -> [File]? {
        let descriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var found: [File] = []
        walk(descriptor, prefix: "", skipHidden: skipHidden, into: &found)
        return found
    }

    /// Lists the folder open as `descriptor` (and closes it).
    private static func walk(_ descriptor: Int32, prefix: String, skipHidden: Bool, into found: inout [File]) {
        guard let folder = fdopendir(descriptor) else {
            close(descriptor)
            return
        }
        defer { closedir(folder) }
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." || skipHidden && name.hasPrefix(".") { continue }
            var info = stat()
            let type = Int32(entry.pointee.d_type)
            if type == DT_DIR || type == DT_UNKNOWN {
                guard fstatat(dirfd(folder), name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                if (info.st_mode & S_IFMT) == S_IFDIR {
                    let child = openat(dirfd(folder), name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
                    if child >= 0 { walk(child, prefix: prefix + name + "/", skipHidden: skipHidden, into: &found) }
                    continue
                }
            }
            guard fstatat(dirfd(folder), name, &info, 0) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            found.append(File(relative: prefix + name, size: Int64(info.st_size),
                              modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                              inode: UInt64(info.st_ino),
                              changed: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)))
        }
    }
}
