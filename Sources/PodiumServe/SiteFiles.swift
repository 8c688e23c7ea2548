import Foundation

/// Maps a request's path to a file of the output folder, refusing anything that could lead out of it.
///
/// The path is taken as the client sent it (percent-encoded, before any normalisation), decoded
/// once, and refused when a segment is `..` or `.` (so `/../x`, `/%2e%2e/x` and `/a/%2E%2E%2Fx`
/// all fail), or it holds a NUL or a backslash. What is left is resolved with `realpath`, links
/// included, and must still be inside the output folder's own real path: a link in the site that
/// points out of it is refused like `..`.
struct SiteFiles: Sendable {
    /// The output folder (`site/`), as podium.yaml names it.
    var folder: URL

    /// What a request path leads to.
    enum Resolution: Equatable {
        /// A regular file: its real path and its path relative to the output folder (`index.html`).
        case file(path: String, relative: String)
        /// A folder asked for without its final `/`: redirect there, so relative links work.
        case redirect(to: String)
        case notFound(relative: String)
        /// A path that tries to leave the output folder.
        case forbidden
    }

    /// Resolves `target`, the request's path exactly as sent (percent-encoded, no query).
    func resolve(_ target: String) -> Resolution {
        guard target.hasPrefix("/"), let decoded = target.removingPercentEncoding,
              !decoded.contains("\0"), !decoded.contains("\\") else { return .forbidden }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return .forbidden }
        let relative = segments.joined(separator: "/")
        guard let root = Self.realPath(folder.path) else { return .notFound(relative: relative) }
        let candidate = relative.isEmpty ? root : root + "/" + relative
        guard let real = Self.realPath(candidate) else { return .notFound(relative: relative) }
        guard real == root || real.hasPrefix(root + "/") else { return .forbidden }
        var info = stat()
        guard stat(real, &info) == 0 else { return .notFound(relative: relative) }
        if info.st_mode & S_IFMT == S_IFDIR {
            guard target.hasSuffix("/") else { return .redirect(to: target + "/") }
            let index = relative.isEmpty ? "index.html" : relative + "/index.html"
            guard let indexReal = Self.realPath(candidate + "/index.html") else { return .notFound(relative: index) }
            guard indexReal.hasPrefix(root + "/") else { return .forbidden }
            return Self.isRegularFile(indexReal) ? .file(path: indexReal, relative: index) : .notFound(relative: index)
        }
        return info.st_mode & S_IFMT == S_IFREG ? .file(path: real, relative: relative) : .notFound(relative: relative)
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }
}

/// The `Content-Type` of a site file, from its extension.
enum ContentType {
    static let html = "text/html; charset=utf-8"

    /// The type for `path`; `application/octet-stream` for an extension not listed.
    static func of(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        return types[name[name.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }

    private static let types: [String: String] = [
        "html": html, "htm": html,
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8", "mjs": "text/javascript; charset=utf-8",
        "json": "application/json", "map": "application/json",
        "svg": "image/svg+xml",
        "csv": "text/csv; charset=utf-8",
        "txt": "text/plain; charset=utf-8", "md": "text/plain; charset=utf-8",
        "xml": "application/xml",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "webp": "image/webp", "avif": "image/avif", "ico": "image/x-icon",
        "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
        "pdf": "application/pdf", "wasm": "application/wasm", "webmanifest": "application/manifest+json",
    ]
}
