import Foundation

/// The files a source reads: its one file, or every file its `path:` glob matches (`PathGlob`),
/// in path order, each with the values of its `key=value` folders (partitions).
struct SourceFiles: Equatable {
    /// One file of a source.
    struct File: Equatable {
        /// The path relative to the project folder, as diagnostics and `_file` show it.
        var path: String
        /// The value of each partition key (`keys`), as written in the folder name.
        var partitions: [String]
    }

    /// Whether the source's `path:` is a glob: its table gets a `_file` column, and partitions.
    var isMultiFile: Bool
    /// The partition keys, in the order the first file's folders name them (none for one file).
    var keys: [String]
    var files: [File]

    /// The name of the column holding each row's file, in a multi-file source's table.
    static let fileColumn = "_file"

    /// The files of `source` under `projectRoot`.
    /// - Throws: `DiagnosticsError` when a glob matches no file, or when the files do not all
    ///   have the same partition keys.
    static func list(_ source: SourceSpec, projectRoot: URL) throws -> SourceFiles {
        guard PathGlob.isPattern(source.path) else {
            return SourceFiles(isMultiFile: false, keys: [], files: [File(path: source.path, partitions: [])])
        }
        let glob = PathGlob(source.path)
        let paths = glob.files(under: projectRoot.path)
        guard !paths.isEmpty else { throw DiagnosticsError(noMatch(source, glob: glob)) }
        return try partitioned(paths, source: source)
    }

    /// The files `paths` (in path order) with their partition values. The keys are those of every
    /// file, in the order they first appear; a file without one of them is an error.
    static func partitioned(_ paths: [String], source: SourceSpec) throws -> SourceFiles {
        var problems: [Diagnostic] = []
        var keys: [String] = []
        var example: [String: String] = [:]  // key → the first file in a folder for it
        var values: [[String: String]] = []
        for path in paths {
            let pairs = partitions(of: path)
            var seen: Set<String> = []
            for pair in pairs where !seen.insert(pair.key).inserted {
                problems.append(.error("\(path) names the partition '\(pair.key)' in two folders", at: .init(file: path),
                                       hint: "keep one `\(pair.key)=…` folder on the path of each file of source '\(source.name)'"))
            }
            for pair in pairs where example[pair.key] == nil {
                keys.append(pair.key)
                example[pair.key] = path
            }
            values.append(Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first }))
        }
        for (path, found) in zip(paths, values) {
            for key in keys where found[key] == nil {
                problems.append(.error(
                    "\(path) is not in a '\(key)=…' folder, unlike other files of source '\(source.name)' (such as \(example[key]!))",
                    at: .init(file: path),
                    hint: "move the file into a `\(key)=<value>/` folder like the others, or change `path:` so that it does not match the file"))
            }
        }
        if !problems.isEmpty { throw DiagnosticsError(Array(problems.prefix(20))) }
        return SourceFiles(isMultiFile: true, keys: keys,
                           files: zip(paths, values).map { path, found in File(path: path, partitions: keys.map { found[$0] ?? "" }) })
    }

    /// The `key=value` folders on `path` (not its file name), in order.
    static func partitions(of path: String) -> [(key: String, value: String)] {
        path.split(separator: "/").dropLast().compactMap { folder in
            guard let equals = folder.firstIndex(of: "="), equals != folder.startIndex else { return nil }
            return (String(folder[..<equals]), String(folder[folder.index(after: equals)...]))
        }
    }

    /// The content hash of a multi-file source: of its files' paths and hashes, in path order.
    static func contentHash(_ files: [(path: String, sha256: String)]) -> String {
        var hasher = SHA256()
        for file in files { hasher.update("\(file.path)\u{0}\(file.sha256)\n") }
        return hasher.finalize()
    }

    /// The error for a glob that matches nothing.
    static func noMatch(_ source: SourceSpec, glob: PathGlob) -> Diagnostic {
        .error("source '\(source.name)': no file matches '\(glob.pattern)'",
               at: source.location ?? .init(file: ProjectFile.fileName),
               hint: "put the files in \(glob.base == "." ? "the project folder" : "'\(glob.base)/'"), or fix `path:`: it is relative to "
                   + "the project folder, `*` matches within one folder, `**/` any number of folders, and names starting with '.' are skipped")
    }
}

extension SourceSpec {
    /// Whether `path:` is a glob, read as a folder of files (see `PathGlob`).
    public var isMultiFile: Bool { PathGlob.isPattern(path) }

    /// The folder a glob `path:` looks in (the path itself for one file).
    public var folder: String { isMultiFile ? PathGlob(path).base : path }

    /// The files a glob `path:` matches under `root` (relative to it, in path order), or `[path]`.
    public func matchedFiles(under root: URL) -> [String] {
        isMultiFile ? PathGlob(path).files(under: root.path) : [path]
    }
}
