import Foundation
import PodiumKit

/// The folders `podium serve` watches, read from podium.yaml: the project folder (for
/// podium.yaml itself and the input folders' names), the pages, models and templates (with every
/// folder under them), and the folder of each source (for that file's name).
///
/// Folders, not files, are watched: an editor that saves by writing a new file and renaming it
/// over the old one (vim, many IDEs) replaces the file's inode, which a watch on the file would
/// lose, while its folder sees the rename.
struct WatchList: Equatable, Sendable {
    struct Folder: Hashable, Sendable {
        /// The folder's absolute path.
        var path: String
        /// Whether the folders under it are watched too.
        var recursive: Bool
        /// The names that matter in it; nil for every name.
        var names: Set<String>?

        /// Whether a change to `name` in this folder can change the build (editors' swap and
        /// backup files cannot).
        func matters(_ name: String) -> Bool {
            if name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name == "4913" {
                return false
            }
            return names.map { $0.contains(name) } ?? true
        }
    }

    var folders: [Folder]
    /// The output folder the site is served from.
    var output: URL

    /// The list for the project at `root`. When podium.yaml cannot be read (it is being edited, or
    /// broken), the default folders and those of `previous` are watched, so fixing it is noticed.
    static func of(projectRoot root: URL, previous: WatchList? = nil) -> WatchList {
        let base = root.standardizedFileURL
        func path(_ relative: String) -> String { base.appendingPathComponent(relative).standardizedFileURL.path }
        func firstComponent(_ relative: String) -> String { String(relative.split(separator: "/").first ?? "") }

        guard let project = try? ProjectFile.load(root: base) else {
            var list = previous ?? WatchList(folders: [], output: base.appendingPathComponent("site"))
            let defaults = ["pages", "models", "templates"]
            list.folders.removeAll { $0.path == base.path }
            list.folders.insert(Folder(path: base.path, recursive: false, names: Set([ProjectFile.fileName] + defaults)), at: 0)
            for name in defaults where !list.folders.contains(where: { $0.path == path(name) }) {
                list.folders.append(Folder(path: path(name), recursive: true, names: nil))
            }
            return list
        }
        let trees = [project.pages, project.models, project.templates].compactMap { $0 }
        var rootNames: Set<String> = [ProjectFile.fileName]
        var folders: [Folder] = []
        for tree in trees {
            rootNames.insert(firstComponent(tree))
            folders.append(Folder(path: path(tree), recursive: true, names: nil))
        }
        var sourceNames: [String: Set<String>] = [:]
        for source in project.sources where !source.path.isEmpty {
            rootNames.insert(firstComponent(source.path))
            if source.isMultiFile {  // a folder of files: every file under the pattern's folder
                if source.folder == "." {
                    // `*.csv` in the project folder: the files it matches now (watching every name
                    // there would see the site being published).
                    rootNames.formUnion(source.matchedFiles(under: base))
                } else {
                    folders.append(Folder(path: path(source.folder), recursive: true, names: nil))
                }
                continue
            }
            let file = URL(fileURLWithPath: path(source.path))
            sourceNames[file.deletingLastPathComponent().path, default: []].insert(file.lastPathComponent)
            // A source reached through a link (`allow_outside:`) changes where the link points.
            let real = file.resolvingSymlinksInPath()
            if real.path != file.path {
                sourceNames[real.deletingLastPathComponent().path, default: []].insert(real.lastPathComponent)
            }
        }
        for (folder, names) in sourceNames.sorted(by: { $0.key < $1.key }) where folder != base.path {
            folders.append(Folder(path: folder, recursive: false, names: names))
        }
        rootNames.formUnion(sourceNames[base.path] ?? [])
        folders.insert(Folder(path: base.path, recursive: false, names: rootNames), at: 0)
        return WatchList(folders: folders, output: base.appendingPathComponent(project.output).standardizedFileURL)
    }

    /// Every folder to watch: each listed folder and, for recursive ones, all folders under it.
    func directories() -> [(path: String, folder: Folder)] {
        var result: [(String, Folder)] = []
        for folder in folders {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            result.append((folder.path, folder))
            guard folder.recursive, let walker = FileManager.default.enumerator(atPath: folder.path) else { continue }
            for case let relative as String in walker {
                let child = folder.path + "/" + relative
                if FileManager.default.fileExists(atPath: child, isDirectory: &isDirectory), isDirectory.boolValue {
                    result.append((child, Folder(path: child, recursive: true, names: nil)))
                }
            }
        }
        return result
    }
}
