#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A source `path:` that names a folder of files: `data/results/*.csv`, `data/**/part-*.csv`.
///
/// Within one path segment `*` matches any run of characters, `?` one character, and `[abc]`,
/// `[a-z]`, `[!a-z]` (or `[^…]`) one character of (or not of) the set; `**` as a whole segment
/// matches zero or more folders. `/` is never matched by a wildcard. Names starting with `.` are
/// never matched (hidden files and folders are skipped), and a folder reached through a symbolic
/// link is entered for `*` but not for `**` (no cycles). The matches are ordered by their path
/// relative to the project, compared byte by byte (`path order`): `day=2020-03-09` before
/// `day=2020-03-10`, `B.csv` before `a.csv`.
struct PathGlob: Equatable, Sendable {
    /// The pattern as written (normalized: no `./`, no trailing `/`).
    let pattern: String
    private let segments: [Segment]

    private enum Segment: Equatable, Sendable {
        /// A segment without wildcards.
        case literal(String)
        /// A segment with `*`, `?` or `[…]`, as Unicode scalars.
        case wildcard([Unicode.Scalar])
        /// `**`: zero or more folders.
        case anyFolders
    }

    /// Whether `path` is a pattern rather than one file's path.
    static func isPattern(_ path: String) -> Bool {
        path.unicodeScalars.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// Why `pattern` is not a valid glob, or nil.
    static func problem(_ pattern: String) -> String? {
        for segment in pattern.split(separator: "/") {
            if segment.contains("**"), segment != "**" {
                return "'\(pattern)' has '**' inside a name; '**' stands for whole folders, as in `data/**/part-*.csv`"
            }
            var scalars = Array(segment.unicodeScalars)[...]
            while let first = scalars.first {
                scalars = scalars.dropFirst()
                if first == "[" {
                    guard Self.classEnd(scalars) != nil else {
                        return "'\(pattern)' has a '[' that is not closed by ']'"
                    }
                }
            }
        }
        if pattern.split(separator: "/").last == "**" {
            return "'\(pattern)' ends with '**', which names folders, not files"
        }
        return nil
    }

    /// - Parameter pattern: a normalized relative path with wildcards (checked with `problem`).
    init(_ pattern: String) {
        self.pattern = pattern
        segments = pattern.split(separator: "/").map { part in
            if part == "**" { return .anyFolders }
            return Self.isPattern(String(part)) ? .wildcard(Array(part.unicodeScalars)) : .literal(String(part))
        }
    }

    /// The folder the files are looked for in: the segments before the first wildcard (`.` when
    /// the first segment has one).
    var base: String {
        var parts: [String] = []
        for segment in segments.dropLast() {
            guard case .literal(let name) = segment else { break }
            parts.append(name)
        }
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// Whether the relative path `path` is matched.
    func matches(_ path: String) -> Bool {
        let names = path.split(separator: "/").map { Array($0.unicodeScalars) }
        return Self.match(segments[...], names[...])
    }

    /// Whether the pattern may match a file inside `folder` (a relative path): `**` may reach any
    /// folder under its own; otherwise the pattern needs more segments than the folder, its first
    /// ones matching the folder's names.
    func mayMatch(under folder: String) -> Bool {
        let names = folder.split(separator: "/").map { Array($0.unicodeScalars) }
        for (index, segment) in segments.enumerated() {
            if case .anyFolders = segment { return true }
            if index == names.count { return true }
            if index == segments.count - 1 { return false }  // the file's own name: not a folder
            if names[index].first == "." && !Self.segmentIsHidden(segment) { return false }
            if !Self.matchName(segment, names[index]) { return false }
        }
        return false
    }

    /// The regular files matched under `root` (the project folder), as paths relative to it, in
    /// path order.
    func files(under root: String) -> [String] {
        var found: [String] = []
        expand(segments[...], folder: root, relative: "", into: &found)
        return Self.sorted(found)
    }

    /// `paths` in path order: their UTF-8 bytes compared lexicographically.
    static func sorted(_ paths: [String]) -> [String] {
        paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    // MARK: - Matching

    private static func match(_ segments: ArraySlice<Segment>, _ names: ArraySlice<[Unicode.Scalar]>) -> Bool {
        guard let segment = segments.first else { return names.isEmpty }
        if case .anyFolders = segment {
            // Zero folders, or one more (never the file's own name: `**` ends before the last name).
            if match(segments.dropFirst(), names) { return true }
            guard names.count > 1, names.first?.first != "." else { return false }
            return match(segments, names.dropFirst())
        }
        guard let name = names.first, name.first != "." || segmentIsHidden(segment),
              matchName(segment, name) else { return false }
        return match(segments.dropFirst(), names.dropFirst())
    }

    private static func segmentIsHidden(_ segment: Segment) -> Bool {
        if case .literal(let name) = segment { return name.hasPrefix(".") }
        return false
    }

    private static func matchName(_ segment: Segment, _ name: [Unicode.Scalar]) -> Bool {
        switch segment {
        case .literal(let literal): return Array(literal.unicodeScalars) == name
        case .wildcard(let pattern): return wildcardMatch(pattern[...], name[...])
        case .anyFolders: return false
        }
    }

    /// `*`, `?` and `[…]` against one name, with the usual backtracking to the last `*`.
    static func wildcardMatch(_ pattern: ArraySlice<Unicode.Scalar>, _ name: ArraySlice<Unicode.Scalar>) -> Bool {
        var p = pattern.startIndex, n = name.startIndex
        var star: (p: Int, n: Int)?
        while n < name.endIndex {
            if p < pattern.endIndex {
                switch pattern[p] {
                case "*":
                    star = (p, n)
                    p += 1
                    continue
                case "?":
                    p += 1
                    n += 1
                    continue
                case "[":
                    if let end = classEnd(pattern[(p + 1)...]), classContains(pattern[(p + 1)..<end], name[n]) {
                        p = end + 1
                        n += 1
                        continue
                    }
                default:
                    if pattern[p] == name[n] {
                        p += 1
                        n += 1
                        continue
                    }
                }
            }
            guard let last = star else { return false }
            star = (last.p, last.n + 1)
            p = last.p + 1
            n = last.n + 1
        }
        while p < pattern.endIndex, pattern[p] == "*" { p += 1 }
        return p == pattern.endIndex
    }

    /// The index of the `]` closing a class whose body starts at `body.startIndex` (a `]` first,
    /// after an optional `!` or `^`, is a member, not the end).
    private static func classEnd(_ body: ArraySlice<Unicode.Scalar>) -> Int? {
        var index = body.startIndex
        if index < body.endIndex, body[index] == "!" || body[index] == "^" { index += 1 }
        if index < body.endIndex, body[index] == "]" { index += 1 }
        while index < body.endIndex {
            if body[index] == "]" { return index }
            index += 1
        }
        return nil
    }

    private static func classContains(_ body: ArraySlice<Unicode.Scalar>, _ scalar: Unicode.Scalar) -> Bool {
        var items = body
        var negated = false
        if let first = items.first, first == "!" || first == "^" {
            negated = true
            items = items.dropFirst()
        }
        var found = false
        var index = items.startIndex
        while index < items.endIndex {
            let low = items[index]
            if index + 2 < items.endIndex, items[index + 1] == "-" {
                if low.value <= scalar.value, scalar.value <= items[index + 2].value { found = true }
                index += 3
            } else {
                if low == scalar { found = true }
                index += 1
            }
        }
        return found != negated
    }

    // MARK: - Listing

    /// Walks only the folders the remaining segments can match.
    private func expand(_ segments: ArraySlice<Segment>, folder: String, relative: String, into found: inout [String]) {
        guard let segment = segments.first else { return }
        let isLast = segments.count == 1
        if case .literal(let name) = segment {
            let path = folder + "/" + name
            let kind = Self.kind(path, followLinks: true)
            if isLast, kind == .file { found.append(relative + name) }
            if !isLast, kind == .folder { expand(segments.dropFirst(), folder: path, relative: relative + name + "/", into: &found) }
            return
        }
        let entries = Self.entries(of: folder)
        if case .anyFolders = segment {
            expand(segments.dropFirst(), folder: folder, relative: relative, into: &found)
            for entry in entries where entry.kind == .folder && !entry.isLink {
                expand(segments, folder: folder + "/" + entry.name, relative: relative + entry.name + "/", into: &found)
            }
            return
        }
        for entry in entries where Self.matchName(segment, Array(entry.name.unicodeScalars)) {
            if isLast, entry.kind == .file { found.append(relative + entry.name) }
            if !isLast, entry.kind == .folder {
                expand(segments.dropFirst(), folder: folder + "/" + entry.name, relative: relative + entry.name + "/", into: &found)
            }
        }
    }

    private enum Kind { case file, folder, other }

    private static func kind(_ path: String, followLinks: Bool) -> Kind {
        var info = stat()
        guard (followLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        default: return .other
        }
    }

    /// The entries of `folder` not starting with `.`, with what each is (links followed) and
    /// whether it is a symbolic link.
    private static func entries(of folder: String) -> [(name: String, kind: Kind, isLink: Bool)] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var result: [(String, Kind, Bool)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name.hasPrefix(".") { continue }
            let type = Int32(entry.pointee.d_type)
            switch type {
            case Int32(DT_REG): result.append((name, .file, false))
            case Int32(DT_DIR): result.append((name, .folder, false))
            default:
                let path = folder + "/" + name
                result.append((name, kind(path, followLinks: true), kind(path, followLinks: false) == .other))
            }
        }
        return result
    }
}
