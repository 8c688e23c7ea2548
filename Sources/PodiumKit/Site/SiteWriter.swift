import CPosix
import Foundation

/// Publishes the rendered site to disk: a few changed files in place, anything larger as one swap
/// of the whole folder.
///
/// **In place** (a few files changed: at most ``inPlaceLimit``, and at most a tenth of the site):
/// each added or changed file is written to a hidden temporary file in the output folder
/// (`.podium-tmp-…`); only when all are written are they renamed over their paths one by one
/// (`rename(2)`: each file is always whole), then removed files are deleted. Unchanged files are
/// not touched at all. A failure while writing the temporaries removes them and leaves the old
/// site untouched; a reader (or a kill) between the renames may see some files new and some old,
/// which the next build completes. It is used only when the output folder holds Podium's marker
/// and no added file would replace a folder or need a file to be a folder.
///
/// **Whole folder** (the first build, larger changes): the files are written into a temporary
/// folder beside the output (`site.tmp-XXXXXX`), which is then swapped into place in one atomic exchange (`renameat2(RENAME_EXCHANGE)`), and the old one
/// deleted. Where the file system cannot exchange, the old folder is renamed away
/// (`site.old-XXXXXX`) and the new one renamed to the output; `recover(_:)` puts the old one back if
/// a build was killed between the two. Every published folder holds a marker file
/// (`.podium-site`), and a non-empty folder without one is never replaced: it is not Podium's. If anything fails before the swap, the old
/// site is untouched and the temporary folder removed. When the new files equal the old site
/// byte for byte, nothing on disk is touched; otherwise unchanged files are hard-linked into the
/// new folder, so they keep their modification time.
public struct SiteWriter {
    /// What publishing changed, by path.
    public struct Changes: Equatable, Sendable {
        /// Paths that did not exist in the old site.
        public var added: [String] = []
        /// Paths whose contents changed.
        public var changed: [String] = []
        /// Paths of the old site that the new one no longer has.
        public var removed: [String] = []

        /// Whether the files were renamed into the old output folder one by one (a few changes),
        /// rather than the whole folder swapped.
        public var inPlace = false

        /// Whether the new site equals the old one (nothing was written).
        public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }

        /// How many files were added, changed or removed.
        public var count: Int { added.count + changed.count + removed.count }
        /// Every file of the new site → the SHA-256 of its contents (hex), computed while comparing,
        /// so that the build state records them without making the files again.
        var hashes: [String: String] = [:]
        /// Paths found unchanged by their stamp (stat data and hash as the last build left them).
        var unchangedByStamp: Set<String> = []

        public static func == (lhs: Changes, rhs: Changes) -> Bool {
            (lhs.added, lhs.changed, lhs.removed, lhs.inPlace) == (rhs.added, rhs.changed, rhs.removed, rhs.inPlace)
        }
    }

    /// The most files (added, changed and removed together) published in place; a change to more
    /// files, or to more than a tenth of the site, swaps the whole folder.
    public static let inPlaceLimit = 64
    /// The prefix of the temporary files of an in-place publish, in the output folder.
    static let temporaryPrefix = ".podium-tmp-"

    /// The marker file of a folder Podium published.
    public static let markerName = ".podium-site"
    static let markerContents = "This folder is published by `podium build`, which replaces all of it on every build.\n"

    /// `files` with the marker file added (once).
    public static func withMarker(_ files: [OutputFile]) -> [OutputFile] {
        if files.contains(where: { $0.path == markerName }) { return files }
        return (files + [OutputFile(path: markerName, text: markerContents)]).sorted { $0.path < $1.path }
    }

    /// Tidies what a killed build left beside `output`: if the output is missing but the old site
    /// was renamed away, it is put back; temporary folders are removed. Call it under the build lock.
    public static func recover(_ output: URL) {
        let fileManager = FileManager.default
        let output = followingLinks(output.standardizedFileURL)
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        guard let siblings = try? fileManager.contentsOfDirectory(atPath: parent.path) else { return }
        let retired = siblings.filter { $0.hasPrefix("\(name).old-") }.sorted()
        if !fileManager.fileExists(atPath: output.path), retired.count == 1 {
            _ = Foundation.rename(parent.appendingPathComponent(retired[0]).path, output.path)
        }
        for sibling in siblings where sibling.hasPrefix("\(name).tmp-") || sibling.hasPrefix("\(name).old-") {
            try? fileManager.removeItem(at: parent.appendingPathComponent(sibling))
        }
    }

    /// Writes the site's files into `output`, replacing its previous contents: a few changed files
    /// in place, more as one swap of the folder.
    /// - Parameters:
    ///   - files: the site's files; paths relative, without `.` or `..` components.
    ///   - output: the output folder (created if missing, with its parents).
    /// - Returns: what changed; empty when the site on disk was already identical (and not rewritten).
    /// - Throws: `DiagnosticsError` for unsafe or conflicting paths and for file system failures.
    @discardableResult
    public static func publish(_ files: [OutputFile], to output: URL) throws -> Changes {
        try publish(files, to: output, known: [:])
    }

    /// ``publish(_:to:)`` knowing how the last build left each file (`known`, by path): a file on
    /// disk with that stamp's stat data, whose new contents hash to the stamp's hash, is taken as
    /// unchanged without being read (as the no-change check trusts the same stamps).
    static func publish(_ files: [OutputFile], to output: URL, known: [String: FileStamp]) throws -> Changes {
        try publish(files, to: output, known: known, write: { url, bytes in try FileSystem.write(bytes, toFile: url.path) })
    }

    /// ``publish(_:to:)`` with the file writing and renaming injected (tests make them fail).
    static func publish(_ files: [OutputFile], to output: URL, known: [String: FileStamp] = [:],
                        write: @escaping @Sendable (URL, [UInt8]) throws -> Void,
                        rename: (URL, URL) throws -> Void = SiteWriter.rename,
                        exchange: (URL, URL) -> Bool = SiteWriter.exchange) throws -> Changes {
        let files = withMarker(files)
        let fileManager = FileManager.default
        let display = output.standardizedFileURL.path
        // An output that is a link (to a folder on another disk, say) stays a link: the site is
        // swapped in beside the folder it names, on that folder's file system.
        let output = followingLinks(output.standardizedFileURL)
        try validate(files, display: display)

        var isDirectory: ObjCBool = false
        let exists = fileManager.fileExists(atPath: output.path, isDirectory: &isDirectory)
        if exists, !isDirectory.boolValue {
            throw DiagnosticsError(.error("the output '\(display)' exists and is not a folder", at: .init(file: display),
                                          hint: "remove that file or choose another output folder"))
        }
        let old = exists ? listTree(output) : [:]
        if exists, !old.isEmpty, old[markerName] == nil {
            throw DiagnosticsError(.error("the output folder exists and was not published by Podium", at: .init(file: display),
                                          hint: "move its files elsewhere or choose another `output:` folder; each build replaces the output folder entirely"))
        }
        let (found, unchanged) = try compare(files, with: old, known: known, in: output)
        var changes = found
        if exists, changes.isEmpty { return changes }
        if exists, old[markerName] != nil, fitsInPlace(changes, siteSize: files.count, old: old) {
            try publishInPlace(files, changes: changes, to: output, display: display, write: write, rename: rename)
            changes.inPlace = true
            return changes
        }

        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let staging: URL
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            staging = try makeUniqueFolder(in: parent, prefix: "\(name).tmp-")
        } catch {
            throw failure("create a temporary folder beside the output", error, display: display)
        }
        do {
            // Folders first, then the files on several threads: creating a file waits on the disk.
            var folders: Set<String> = [""]
            for file in files {
                let folder = file.path.lastIndex(of: "/").map { String(file.path[..<$0]) } ?? ""
                if folders.insert(folder).inserted {
                    try fileManager.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
                }
            }
            try Parallel.forEach(files, threads: Parallel.fileThreads) { file in
                let url = staging.appendingPathComponent(file.path)
                // An unchanged file is hard-linked from the old site: same bytes, same mtime, so
                // deploy tools that compare times upload only what changed.
                if unchanged.contains(file.path),
                   link(output.appendingPathComponent(file.path).path, url.path) == 0 {
                    return
                }
                try write(url, file.bytes())
            }
            try swap(staging, into: output, exists: exists, parent: parent, name: name, rename: rename, exchange: exchange)
        } catch {
            try? fileManager.removeItem(at: staging)
            if let error = error as? DiagnosticsError { throw error }
            throw failure("write the site", error, display: display)
        }
        return changes
    }

    // MARK: - Steps

    private static func validate(_ files: [OutputFile], display: String) throws {
        var diagnostics: [Diagnostic] = []
        var paths: Set<String> = []
        for file in files {
            if !OutputFile.isSafePath(file.path) {
                diagnostics.append(.error("refusing to write '\(file.path)': it would leave the output folder",
                                          at: .init(file: display),
                                          hint: "this is a bug in Podium: output paths are relative, without '..'"))
            } else if !paths.insert(file.path).inserted {
                diagnostics.append(.error("two files would be written to '\(file.path)'", at: .init(file: display),
                                          hint: "give pages and charts distinct names"))
            }
        }
        for path in paths.sorted() {
            var folder = Substring(path)
            while let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) {
                folder = folder[..<slash]
                if paths.contains(String(folder)) {
                    diagnostics.append(.error("'\(folder)' would be both a file and a folder", at: .init(file: display),
                                              hint: "rename the page or chart that produces '\(folder)'"))
                }
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
    }

    /// Every regular file under a folder, by relative path, with its stat data (contents are read
    /// one file at a time when compared, so an old site is never held whole in memory).
    private static func listTree(_ root: URL) -> [String: DirectoryWalk.File] {
        let base = root.resolvingSymlinksInPath().path
        var found: [String: DirectoryWalk.File] = [:]
        for file in DirectoryWalk.files(under: base, skipHidden: false) ?? [] { found[file.relative] = file }
        return found
    }

    /// What differs from the old site, and the paths whose bytes are unchanged.
    private static func compare(_ files: [OutputFile], with old: [String: DirectoryWalk.File], known: [String: FileStamp],
                                in output: URL) throws -> (Changes, unchanged: Set<String>) {
        var changes = Changes()
        var unchanged: Set<String> = []
        var seen: Set<String> = []
        for file in files.sorted(by: { $0.path < $1.path }) {
            seen.insert(file.path)
            let listed = old[file.path]
            // A kept file (a page the last build rendered from the same inputs) is not made again:
            // its hash is known, and the stat data tells it is still on disk as written.
            if let hash = file.knownHash, let listed, let stamp = known[file.path], stamp.sha256 == hash,
               OutputCheck.matches(listed, stamp) {
                changes.hashes[file.path] = hash
                changes.unchangedByStamp.insert(file.path)
                unchanged.insert(file.path)
                continue
            }
            let contents = try file.bytes()
            var hasher = SHA256()
            contents.withUnsafeBytes { hasher.update($0) }
            let hash = hasher.finalize()
            if let expected = file.knownHash, expected != hash {
                throw DiagnosticsError(.error("'\(file.path)' in the output folder changed during the build", at: .init(file: output.lastPathComponent),
                                              hint: "another program is writing to the output folder; build again"))
            }
            changes.hashes[file.path] = hash
            guard let listed else {
                changes.added.append(file.path)
                continue
            }
            if listed.size == Int64(contents.count), let stamp = known[file.path], stamp.sha256 == hash,
               OutputCheck.matches(listed, stamp) {
                changes.unchangedByStamp.insert(file.path)
                unchanged.insert(file.path)
            } else if listed.size == Int64(contents.count),
               let previous = FileManager.default.contents(atPath: output.appendingPathComponent(file.path).path),
               previous.elementsEqual(contents) {
                unchanged.insert(file.path)
            } else {
                changes.changed.append(file.path)
            }
        }
        changes.removed = old.keys.filter { !seen.contains($0) }.sorted()
        return (changes, unchanged)
    }

    /// Moves the staged folder to `output`; the old output, if any, is moved away first and deleted after.
    private static func swap(_ staging: URL, into output: URL, exists: Bool, parent: URL, name: String,
                             rename: (URL, URL) throws -> Void, exchange: (URL, URL) -> Bool) throws {
        guard exists else {
            try rename(staging, output)
            return
        }
        if exchange(staging, output) {
            try? FileManager.default.removeItem(at: staging)  // now the old site
            return
        }
        // No atomic exchange here: a unique empty folder reserves the name; rename(2) replaces an empty folder.
        let retired = try makeUniqueFolder(in: parent, prefix: "\(name).old-")
        do {
            try rename(output, retired)
        } catch {
            try? FileManager.default.removeItem(at: retired)
            throw error
        }
        do {
            try rename(staging, output)
        } catch {
            try? rename(retired, output)  // put the old site back
            throw error
        }
        try? FileManager.default.removeItem(at: retired)
    }

    /// `url` with every symbolic link in its last component followed, even to a target that is
    /// missing (a killed build may have renamed it away); `url` itself when it is not a link.
    static func followingLinks(_ url: URL) -> URL {
        var current = url
        for _ in 0..<32 {  // as the kernel's limit on nested links (ELOOP)
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current.path) else { return current }
            current = target.hasPrefix("/") ? URL(fileURLWithPath: target)
                : current.deletingLastPathComponent().appendingPathComponent(target)
            current = current.standardizedFileURL
        }
        return current
    }

    /// renameat2(RENAME_EXCHANGE): swaps two folders atomically; false where it is not supported.
    static func exchange(_ first: URL, _ second: URL) -> Bool {
        podium_exchange_paths(first.path, second.path) == 0
    }

    /// rename(2): atomic within one file system.
    static func rename(_ from: URL, _ to: URL) throws {
        if Foundation.rename(from.path, to.path) != 0 {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    /// Creates a new empty folder `<prefix>XXXXXX` (mode 0755) in `parent`.
    private static func makeUniqueFolder(in parent: URL, prefix: String) throws -> URL {
        var template = Array(parent.appendingPathComponent(prefix + "XXXXXX").path.utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) != nil }
        guard created else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        let path = String(cString: template)
        chmod(path, 0o755)  // mkdtemp makes it 0700; a published site must be readable
        return URL(fileURLWithPath: path, isDirectory: true)
    }

    static func failure(_ action: String, _ error: any Error, display: String) -> DiagnosticsError {
        var diagnostic = Diagnostic(fileError: error, action: action)
            ?? .error("cannot \(action): \(error.localizedDescription)",
                      hint: "check that the output's folder exists, is writable and has free space")
        diagnostic.location = .init(file: display)
        diagnostic.hint = (diagnostic.hint ?? "") + "; the previous site is unchanged"
        return DiagnosticsError(diagnostic)
    }
}
