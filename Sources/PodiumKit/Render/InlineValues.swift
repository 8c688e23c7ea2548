import Foundation

/// Writes the inline values of a page: each placeholder's value read from its named query's
/// result and formatted (``ValueFormat``), then put in place of the placeholder in its piece of
/// prose. Values are text: libcmark escapes them like any text; in a link destination they are
/// URL-encoded.
public enum InlineValues {
    /// The text of each of the page's placeholders, in order.
    /// - Parameters:
    ///   - page: a parsed page.
    ///   - results: query results by id (named queries by ``NamedQuery/id``).
    ///   - diagnostics: receives an error for an unknown column or a value the format cannot
    ///     write, and a warning for a missing row or a NULL without a fallback (written as
    ///     nothing).
    public static func resolve(_ page: Page, results: [String: QueryResult],
                               into diagnostics: inout [Diagnostic]) -> [String] {
        page.placeholders.map { placeholder in
            guard let query = page.queries.first(where: { $0.name == placeholder.query }),
                  let result = results[query.id] else {
                diagnostics.append(.error("'\(placeholder.source)': query '\(placeholder.query)' has no result",
                                          at: placeholder.location,
                                          hint: "this is a bug in Podium: every named query should have run"))
                return ""
            }
            let text = value(placeholder, result, into: &diagnostics)
            return placeholder.inDestination ? percentEncoded(text) : text
        }
    }

    /// The problems of every page's inline values (errors and warnings), in page order.
    public static func check(_ pages: [Page], results: [String: QueryResult]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for page in pages { _ = resolve(page, results: results, into: &diagnostics) }
        return diagnostics
    }

    /// `text` with its placeholders replaced by the next values; nil when it has none.
    /// - Parameter queries: the names of the page's queries (see ``PlaceholderParser/scan(_:queries:)``).
    static func substitute(_ text: String, queries: [String], values: inout ArraySlice<String>) -> String? {
        let found = PlaceholderParser.scan(text, queries: queries)
        guard !found.isEmpty else { return nil }
        var out = "", rest = text.startIndex
        for placeholder in found {
            out += text[rest..<placeholder.range.lowerBound]
            // A placeholder with a problem was reported and stopped the build; pages built
            // by hand keep it as written.
            if case .success = placeholder.parsed, let value = values.popFirst() {
                out += value
            } else {
                out += text[placeholder.range]
            }
            rest = placeholder.range.upperBound
        }
        return out + text[rest...]
    }

    private static func value(_ placeholder: Placeholder, _ result: QueryResult,
                              into diagnostics: inout [Diagnostic]) -> String {
        guard let column = result.columnIndex(placeholder.column) else {
            let suggestion = placeholder.column.closestMatch(in: result.columns)
            diagnostics.append(.error(
                "'\(placeholder.source)': query '\(placeholder.query)' has no column '\(placeholder.column)'"
                    + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                at: placeholder.location,
                hint: "its columns are \(result.columns.joined(separator: ", ")); name a column with `as` in the query"))
            return ""
        }
        func missing(_ what: String) -> String {
            if let fallback = placeholder.fallback { return fallback }
            diagnostics.append(.warning(
                "'\(placeholder.source)' is written as nothing: \(what)", at: placeholder.location,
                hint: "add a fallback, like {{\(placeholder.query).\(placeholder.column) | default: \"none\"}}, "
                    + "or change the query"))
            return ""
        }
        if placeholder.list {
            guard !result.rows.isEmpty else { return missing("query '\(placeholder.query)' returned no rows") }
            do throws(ValueFormat.Mismatch) {
                var items: [String] = []
                for row in result.rows {
                    if let item = try placeholder.format.format(row[column]) { items.append(item) }
                }
                guard !items.isEmpty else { return missing("every value is NULL") }
                return ValueFormat.list(items)
            } catch {
                diagnostics.append(.error("'\(placeholder.source)': \(error.message)", at: placeholder.location,
                                          hint: "choose another format (\(ValueFormat.names.joined(separator: ", "))) or none"))
                return ""
            }
        }
        guard placeholder.row <= result.rows.count else {
            return missing(result.rows.isEmpty ? "query '\(placeholder.query)' returned no rows"
                : "query '\(placeholder.query)' returned \(result.rows.count) row\(result.rows.count == 1 ? "" : "s"), not \(placeholder.row)")
        }
        do {
            guard let text = try placeholder.format.format(result.rows[placeholder.row - 1][column]) else {
                return missing("the value is NULL")
            }
            return text
        } catch {
            diagnostics.append(.error("'\(placeholder.source)': \(error.message)", at: placeholder.location,
                                      hint: "choose another format (\(ValueFormat.names.joined(separator: ", "))) or none"))
            return ""
        }
    }

    /// Every byte but ASCII letters, digits and `-._~` percent-encoded: a value is one part of a
    /// URL, never its scheme or a separator.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 15, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
