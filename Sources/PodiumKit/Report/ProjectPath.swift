/// Checks on paths written in project files: they must stay inside the project folder.
enum ProjectPath {
    /// Why `path` is not allowed, or nil when it is a relative path inside the project.
    static func problem(_ path: String) -> String? {
        if path.isEmpty { return "is empty" }
        if path.hasPrefix("/") || path.hasPrefix("~") { return "'\(path)' is absolute; it must be relative to the project folder" }
        if path.split(separator: "/").contains("..") { return "'\(path)' leaves the project folder" }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 }) { return "contains control characters" }
        return nil
    }

    /// `path` without a leading `./` or trailing `/`.
    static func normalized(_ path: String) -> String {
        var parts = path.split(separator: "/").filter { $0 != "." }
        if parts.isEmpty { parts = ["."] }
        return parts.joined(separator: "/")
    }
}

/// Names of SQL tables and columns as Podium writes them.
public enum SQLName {
    /// `Team/NOC` → `team_noc`, `Rank by Total` → `rank_by_total`.
    public static func snakeCase(_ text: String) -> String {
        let name = ColumnNaming.snakeCase(text)
        return name.isEmpty ? "column" : name
    }

    /// Whether `name` is a plain lower-case SQL identifier.
    public static func isPlain(_ name: String) -> Bool {
        matches(name, first: { ("a"..."z").contains($0) || $0 == "_" },
                rest: { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
    }

    /// Whether `text` is non-empty, its first character passes `first` and the others `rest`
    /// (a regular expression would load ICU, which costs a no-change build milliseconds).
    static func matches(_ text: String, first: (Unicode.Scalar) -> Bool, rest: (Unicode.Scalar) -> Bool) -> Bool {
        var scalars = text.unicodeScalars.makeIterator()
        guard let head = scalars.next(), first(head) else { return false }
        while let scalar = scalars.next() {
            if !rest(scalar) { return false }
        }
        return true
    }

    /// `name` as a double-quoted SQL identifier.
    public static func quoted(_ name: String) -> String {
        "\"" + name.doublingQuotes + "\""
    }
}
