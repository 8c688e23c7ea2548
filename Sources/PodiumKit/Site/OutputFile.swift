/// One file of the built site, in memory. Produced by ``SiteRenderer``, written by ``SiteWriter``.
public struct OutputFile: Equatable, Sendable {
    private enum Storage: Sendable {
        case bytes([UInt8])
        case deferred(@Sendable () -> [UInt8])
    }

    /// The path inside the output folder, with `/` separators (`embed/medals.html`). Never
    /// absolute, never with `.` or `..` components.
    public var path: String
    private var storage: Storage

    /// The file's bytes (made on each read for a deferred file).
    public var contents: [UInt8] {
        switch storage {
        case .bytes(let bytes): bytes
        case .deferred(let make): make()
        }
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
    public init(path: String, deferred make: @escaping @Sendable () -> [UInt8]) {
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
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\u{0}") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false)
            .allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }
}
