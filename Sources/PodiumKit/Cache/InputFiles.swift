import Foundation

/// Every file a build reads, fingerprinted by content: the project file, the sources, the models,
/// the pages, the project's templates and the default theme, and the podium binary itself.
struct InputFiles {
    /// The name under which the podium binary is fingerprinted.
    static let toolName = "podium (the tool)"

    /// Input name (a path relative to the project, or a theme/tool name) → stamp.
    var stamps: [String: FileStamp] = [:]
    /// Inputs that could not be read (a missing source, say): the stage that reads them reports it.
    var missing: [String] = []
    /// Each input's path on disk, by name.
    var paths: [String: String] = [:]
    /// The folders whose files are inputs, with the file suffix that counts (nil: every file), so a
    /// later build can notice a file added to them.
    var folders: [InputFolder] = []
    /// Each multi-file source's `path:` pattern → the files it matched, in path order, so a later
    /// build can notice a file added or removed (`QuickCheck`), and the source's content hashed.
    var globs: [String: [String]] = [:]

    /// Fingerprints the inputs of `project`, re-hashing only files whose stat data changed since
    /// `previous` (see `FileStamp.current`).
    /// - Throws: `DiagnosticsError` naming every project input that leads out of the project through
    ///   a symbolic link (`ProjectBoundary`), before any file is read; or if a file cannot be hashed.
    init(root: URL, project: ProjectFile, previous: BuildState?, racyBefore: Int64) throws {
        var files: [(name: String, path: String)] = [(ProjectFile.fileName, root.appendingPathComponent(ProjectFile.fileName).path)]
        for source in project.sources where !source.path.isEmpty {
            guard source.isMultiFile else {
                files.append((source.path, root.appendingPathComponent(source.path).path))
                continue
            }
            // Each matched file is an input of its own; a pattern that matches nothing is missing.
            let matched = PathGlob(source.path).files(under: root.path)
            globs[source.path] = matched
            if matched.isEmpty { missing.append(source.path) }
            files += matched.map { ($0, root.appendingPathComponent($0).path) }
        }
        if let models = project.models {
            folders.append(InputFolder(path: root.appendingPathComponent(models).path, prefix: models, suffix: ".sql"))
        }
        folders.append(InputFolder(path: root.appendingPathComponent(project.pages).path, prefix: project.pages, suffix: ".md"))
        folders.append(InputFolder(path: root.appendingPathComponent(project.templates).path, prefix: project.templates, suffix: nil))
        for folder in folders {
            files += folder.files()
            // A file where a folder should be is an input too, so the build notices it and reports it.
            if FileStamp.stat(folder.path) != nil { files.append((folder.prefix, folder.path)) }
        }
        try Self.checkBoundary(files, root: root, project: project)
        if let theme = PackageResources.templates {
            let folder = InputFolder(path: theme.path, prefix: TemplateLibrary.defaultDisplayPrefix, suffix: nil)
            folders.append(folder)
            files += folder.files()
        }
        files.append((Self.toolName, PackageResources.executablePath))

        for (name, path) in files {
            paths[name] = path
            guard let info = FileStamp.stat(path) else {
                missing.append(name)
                continue
            }
            if name == Self.toolName, let id = Self.buildID {
                // The linker's build id is a hash of the binary: no need to read all of it.
                stamps[name] = FileStamp(sha256: "build-id:" + id, size: info.size, modified: info.modified, inode: info.inode,
                                         changed: info.changed)
                continue
            }
            stamps[name] = try FileStamp.current(path, known: previous?.inputs[name], racyBefore: racyBefore)
        }
        missing.sort()
    }

    /// Refuses the project's own inputs (not the default theme or the tool) whose real path is outside
    /// the project and the `allow_outside:` folders.
    private static func checkBoundary(_ files: [(name: String, path: String)], root: URL, project: ProjectFile) throws {
        let boundary = ProjectBoundary(root: root, allowOutside: project.allowOutside)
        let problems = files.compactMap { file in
            boundary.escape(file.path).map { ProjectBoundary.problem(file.name, real: $0, project: project) }
        }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
    }

    /// The hash of every input and `extra` settings together.
    func key(extra: String) -> String {
        var hasher = SHA256()
        hasher.update("podium-build 1 \(Podium.version)\n\(extra)\n")
        for name in stamps.keys.sorted() { hasher.update("\(name)\u{0}\(stamps[name]!.sha256)\n") }
        for name in missing { hasher.update("\(name)\u{0}missing\n") }
        return hasher.finalize()
    }

    /// The tool's fingerprint: its version and the hash of its binary.
    var tool: String { "\(Podium.version)+\(stamps[Self.toolName]?.sha256 ?? "unknown")" }

    /// The hash of one input, or "missing".
    func hash(_ name: String) -> String { stamps[name]?.sha256 ?? "missing" }

    /// The hash of a source's content: its file's, or, for a pattern, of the list of files it
    /// matched with each one's hash; nil when nothing was read.
    func contentHash(of path: String) -> String? {
        guard let files = globs[path] else { return stamps[path]?.sha256 }
        guard !files.isEmpty else { return nil }
        return SourceFiles.contentHash(files.map { ($0, hash($0)) })
    }

    /// The names of inputs whose content differs from `previous` (added, changed or removed).
    func changed(since previous: BuildState?) -> Set<String> {
        guard let previous else { return Set(stamps.keys) }
        var names: Set<String> = []
        for (name, stamp) in stamps where previous.inputs[name]?.sha256 != stamp.sha256 { names.insert(name) }
        for name in previous.inputs.keys where stamps[name] == nil { names.insert(name) }
        return names
    }

    /// The GNU build id of the running program, in hex, if the linker wrote one.
    static let buildID: String? = BuildID.read(PackageResources.executablePath)
}

/// A folder whose files are build inputs: `prefix/relative` names, filtered by suffix.
struct InputFolder: Equatable {
    var path: String
    var prefix: String
    var suffix: String?

    /// Regular files under the folder (recursively, hidden ones skipped), named `prefix/relative`, sorted.
    func files() -> [(name: String, path: String)] {
        let root = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        var found: [(String, String)] = []
        for file in DirectoryWalk.files(under: root, skipHidden: true) ?? [] {
            if let suffix, !file.relative.hasSuffix(suffix) { continue }
            found.append(("\(prefix)/\(file.relative)", root + "/" + file.relative))
        }
        return found.sorted { $0.0 < $1.0 }
    }
}
