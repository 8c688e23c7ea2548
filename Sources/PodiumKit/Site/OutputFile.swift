/// One file of the built site, in memory. Produced by ``SiteRenderer``, written by ``SiteWriter``.
public struct OutputFile: Equatable, Sendable {
    /// The path inside the output folder, with `/` separators (`embed/medals.html`). Never
    /// absolute, never with `.` or `..` components.
    public var path: String
    /// The file's bytes.
    public var contents: [UInt8]

    /// Creates a file from bytes.
    public init(path: String, contents: [UInt8]) {
        self.path = path
        self.contents = contents
    }

    /// Creates a file from text, stored as UTF-8.
    public init(path: String, text: String) {
        self.init(path: path, contents: Array(text.utf8))
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
