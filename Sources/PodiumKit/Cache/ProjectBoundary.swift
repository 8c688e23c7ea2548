import Foundation

/// Where a project's inputs may really be: inside the project folder, or inside a folder that
/// podium.yaml names under `allow_outside:`. Paths are compared after resolving every symbolic link
/// (`realpath(3)`), so a link such as `data/x.csv -> /etc/passwd` cannot lead a build — of a pull
/// request, say — to publish a file from elsewhere, while a project reached through a link, or a
/// link from one project folder to another, is fine.
struct ProjectBoundary {
    /// The project folder's real path.
    let root: String
    /// The real paths of the `allow_outside:` folders that exist.
    let allowed: [String]

    /// - Parameters:
    ///   - root: the project folder, possibly reached through links.
    ///   - allowOutside: folders as written in podium.yaml: absolute, `~/…`, or relative to the project.
    init(root: URL, allowOutside: [String]) {
        self.root = Self.realPath(root.path) ?? root.standardizedFileURL.path
        allowed = allowOutside.compactMap { folder in
            let expanded = (folder as NSString).expandingTildeInPath
            return Self.realPath(expanded.hasPrefix("/") ? expanded : root.appendingPathComponent(expanded).path)
        }
    }

    /// The real path of `path` when it lies outside the project and every allowed folder; nil when
    /// it is inside one, or cannot be resolved (a missing file is reported by the stage reading it).
    func escape(_ path: String) -> String? {
        guard let real = Self.realPath(path), !Self.isInside(real, root),
              !allowed.contains(where: { Self.isInside(real, $0) }) else { return nil }
        return real
    }

    /// The error for the input `name`, found at `real` outside the project; at its `sources:` entry
    /// when it is a source.
    static func problem(_ name: String, real: String, project: ProjectFile) -> Diagnostic {
        let folder = (real as NSString).deletingLastPathComponent
        let hint = "copy the file into the project folder, or, if you trust that folder, name it in podium.yaml: `allow_outside: [\(folder)]`"
        let message = "\(name) leads through a link to '\(real)', outside the project folder"
        if let source = project.sources.first(where: { $0.path == name }) {
            return .error("source '\(source.name)': \(message)", at: source.location ?? .init(file: ProjectFile.fileName), hint: hint)
        }
        return .error(message, at: .init(file: name), hint: hint)
    }

    /// Whether the real path `path` is `folder` or inside it.
    static func isInside(_ path: String, _ folder: String) -> Bool {
        folder == "/" || path == folder || path.hasPrefix(folder + "/")
    }

    /// `path` with every link, `.` and `..` resolved, or nil if it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
