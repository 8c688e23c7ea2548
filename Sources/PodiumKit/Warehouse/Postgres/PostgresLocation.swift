import Foundation

/// Where a PostgreSQL warehouse lives: a `postgres://user@host:port/database` URL and the schema
/// its tables are published in.
///
/// The URL never holds a password: libpq reads it from `PGPASSWORD` or `~/.pgpass`, so it stays
/// out of podium.yaml, the command line and every message.
public struct PostgresLocation: Equatable, Sendable {
    /// The URL as written (it holds no password).
    public var url: String
    /// The schema the warehouse's tables are published in (`warehouse_schema:`, default `podium`).
    public var schema: String
    /// Where the URL was given, for diagnostics (`podium.yaml`), or nil for the command line.
    public var origin: Diagnostic.Location?

    /// The schema a build loads into before it is swapped in.
    public var nextSchema: String { schema + "_next" }

    /// Whether `text` is a PostgreSQL URL (`postgres://` or `postgresql://`) rather than a file path.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Checks `url` and `schema`.
    /// - Throws: `DiagnosticsError` when the URL does not parse, holds a password, or the schema
    ///   name is not a plain lower-case name.
    public init(url: String, schema: String = "podium", origin: Diagnostic.Location? = nil) throws {
        self.url = url
        self.schema = schema
        self.origin = origin
        var problems: [Diagnostic] = []
        if let components = URLComponents(string: url), Self.isURL(url) {
            let passwordItem = components.queryItems?.contains { $0.name == "password" } ?? false
            if components.password != nil || passwordItem {
                problems.append(.error(
                    "the warehouse URL \(Self.redacted(url)) holds a password", at: origin,
                    hint: "remove it from the URL and put it in the PGPASSWORD environment variable or ~/.pgpass"))
            }
        } else {
            problems.append(.error(
                "the warehouse URL \(Self.redacted(url)) is not a valid postgres:// URL", at: origin,
                hint: "write it as postgres://user@host:port/database"))
        }
        if !SQLName.isPlain(schema) || schema.utf8.count > 50 {
            problems.append(.error(
                "warehouse_schema '\(schema)' must be lower case letters, digits and _ (at most 50)", at: origin,
                hint: "use e.g. `warehouse_schema: podium`"))
        }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
    }

    /// The URL with any password replaced by `***` (for messages only).
    public var displayURL: String { Self.redacted(url) }

    /// `text` with the password of any `scheme://user:password@` and any `password=` value replaced by `***`.
    static func redacted(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let scheme = rest.range(of: "://") {
            result += rest[..<scheme.upperBound]
            rest = rest[scheme.upperBound...]
            let authorityEnd = rest.firstIndex { "/?# \n\t".contains($0) } ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                result += authority[..<colon] + ":***" + authority[at...]
            } else {
                result += authority
            }
            rest = rest[authorityEnd...]
        }
        result += rest
        let parts = result.components(separatedBy: "password=")
        return parts.dropFirst().reduce(parts[0]) { text, part in
            text + "password=***" + part.drop { !"& \n\t".contains($0) }
        }
    }
}
