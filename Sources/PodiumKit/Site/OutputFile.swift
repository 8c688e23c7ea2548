import Foundation

/// One file of the built site, in memory. Produced by ``SiteRenderer``, written by ``SiteWriter``.
public struct OutputFile: Equatable, Sendable {
    private enum Storage: Sendable {
        case bytes([UInt8])
        case deferred(@Sendable () throws -> [UInt8])
        /// The last build's file, unchanged: its hash is known, its bytes are on disk.
        case kept(sha256: String, at: String)
    }

    /// The path inside the output folder, with `/` separators (`embed/medals.html`). Never
    /// absolute, never with `.` or `..` components.
    public var path: String
    private var storage: Storage

    /// The file's bytes (made on each read for a deferred file; empty if that fails, see ``bytes()``).
    public var contents: [UInt8] { (try? bytes()) ?? [] }

    /// The file's bytes, made on each call for a deferred file.
    /// - Throws: what making a deferred file threw (its result could not be read again).
    func bytes() throws -> [UInt8] {
        switch storage {
        case .bytes(let bytes): bytes
        case .deferred(let make): try make()
        case .kept(_, let path): FileManager.default.contents(atPath: path).map { Array($0) } ?? []
        }
    }

    /// The SHA-256 (hex) of the contents when known without making them: a kept file's.
    var knownHash: String? {
        if case .kept(let hash, _) = storage { return hash }
        return nil
    }

    /// The file the last build wrote at `path` in the output folder (`location`), known to be
    /// unchanged: its contents hash to `sha256` (see ``PageRenders``). It is not read unless its
    /// stat data no longer matches, and then only to check that hash.
    init(path: String, kept sha256: String, at location: String) {
        self.path = path
        storage = .kept(sha256: sha256, at: location)
    }

    /// Creates a file from bytes.
    public init(path: String, contents: [UInt8]) {
        self.path = path
        storage = .bytes(contents)
    }

    /// Creates a file from text, stored as UTF-8.
    public init(path: String, text: String) {
        self.init(path: path, contents: Array(text.utf8))
    }

    /// A file whose bytes are made only when read, and not kept: a chart's data exports can be
    /// megabytes, and the site is published one file at a time, so the build never holds them all.
    /// `make` may throw (reading its result again failed): publishing then fails with that error.
    public init(path: String, deferred make: @escaping @Sendable () throws -> [UInt8]) {
        self.path = path
        storage = .deferred(make)
    }

    public static func == (lhs: OutputFile, rhs: OutputFile) -> Bool {
        lhs.path == rhs.path && lhs.contents == rhs.contents
    }

    /// The contents decoded as UTF-8 (for tests and diagnostics); nil if they are not UTF-8.
    public var text: String? { String(validating: contents, as: UTF8.self) }

    /// Whether `path` is a safe relative path: not empty, not absolute, no empty, `.` or `..`
    /// components, no backslashes or NUL.
    public static func isSafePath(_ path: String) -> Bool {
        // By bytes: this runs for every file of every build.
        var component: [UInt8] = []
        for byte in path.utf8 + [UInt8(ascii: "/")] {
            switch byte {
            case UInt8(ascii: "\\"), 0: return false
            case UInt8(ascii: "/"):
                if component.isEmpty || component == [UInt8(ascii: ".")] || component == [UInt8(ascii: "."), UInt8(ascii: ".")] {
                    return false
                }
                component.removeAll(keepingCapacity: true)
            default: component.append(byte)
            }
        }
        return true
    }
}
