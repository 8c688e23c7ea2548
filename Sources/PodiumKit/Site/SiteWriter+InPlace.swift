import Foundation

/// Publishing a few changed files into the output folder itself, instead of swapping in a whole
/// new tree (see ``SiteWriter/publish(_:to:)``).
extension SiteWriter {
    /// Whether `changes` are few enough to publish in place, and the old folder's layout allows it:
    /// no added file where the old site has a folder, no folder needed where it has a file.
    static func fitsInPlace(_ changes: Changes, siteSize: Int, old: [String: DirectoryWalk.File]) -> Bool {
        guard changes.count <= inPlaceLimit, changes.count * 10 <= siteSize else { return false }
        if changes.added.isEmpty { return true }  // changed and removed files: no new folder or file
        var oldFolders: Set<Substring> = []
        for path in old.keys {
            for folder in parentFolders(of: path) where !oldFolders.insert(folder).inserted { break }
        }
        return changes.added.allSatisfy { path in
            !oldFolders.contains(Substring(path)) && !parentFolders(of: path).contains { old[String($0)] != nil }
        }
    }

    /// Writes the added and changed files to temporaries in `output`, then renames each into place
    /// and deletes the removed files (and folders they leave empty).
    static func publishInPlace(_ files: [OutputFile], changes: Changes, to output: URL, display: String,
                                       write: @escaping @Sendable (URL, [UInt8]) throws -> Void,
                                       rename: (URL, URL) throws -> Void) throws {
        let fileManager = FileManager.default
        let wanted = Set(changes.added + changes.changed)
        let toWrite = files.filter { wanted.contains($0.path) }
        let run = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let temporaries = toWrite.indices.map { output.appendingPathComponent("\(temporaryPrefix)\(run)-\($0)") }
        var createdFolders: [URL] = []
        func removeTemporaries() {
            for temporary in temporaries { unlink(temporary.path) }
        }
        // 1. Every temporary written, and every new folder made, before the first rename.
        do {
            try Parallel.forEach(Array(toWrite.indices), threads: Parallel.fileThreads) { index in
                try write(temporaries[index], toWrite[index].bytes())
            }
            for path in changes.added.sorted() {
                guard let slash = path.lastIndex(of: "/") else { continue }
                let folder = output.appendingPathComponent(String(path[..<slash]))
                var isDirectory: ObjCBool = false
                if fileManager.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue { continue }
                var missing: [URL] = []  // the folder and its missing parents, deepest first
                var current = folder
                while current.path.count > output.path.count, !fileManager.fileExists(atPath: current.path) {
                    missing.append(current)
                    current = current.deletingLastPathComponent()
                }
                try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
                createdFolders += missing
            }
        } catch {
            removeTemporaries()
            for folder in createdFolders { rmdir(folder.path) }
            if let error = error as? DiagnosticsError { throw error }
            throw failure("write the site", error, display: display)
        }
        // 2. Renamed into place, one file at a time: each is whole, old or new.
        do {
            for index in toWrite.indices {
                try rename(temporaries[index], output.appendingPathComponent(toWrite[index].path))
            }
        } catch {
            removeTemporaries()
            var diagnostic = Diagnostic(fileError: error, action: "publish the site in place")
                ?? .error("cannot publish the site in place: \(error.localizedDescription)")
            diagnostic.location = .init(file: display)
            diagnostic.hint = "some files of the output may be new and some old; build again to complete it"
            throw DiagnosticsError(diagnostic)
        }
        // 3. Removed files, and the folders they leave empty (rmdir fails on a folder still in use).
        for path in changes.removed {
            unlink(output.appendingPathComponent(path).path)
            for folder in parentFolders(of: path) where rmdir(output.appendingPathComponent(String(folder)).path) != 0 { break }
        }
    }

    /// The folders above `path`, deepest first: `a/b/c.html` → `a/b`, `a`.
    private static func parentFolders(of path: String) -> [Substring] {
        var folders: [Substring] = []
        var folder = Substring(path)
        while let slash = folder.lastIndex(of: "/") {
            folder = folder[..<slash]
            folders.append(folder)
        }
        return folders
    }
}
