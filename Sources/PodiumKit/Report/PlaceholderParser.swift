import Foundation

/// Finds and reads the `{{…}}` placeholders in a piece of prose.
///
/// Grammar (spaces allowed around every part):
///
///     {{ query [#row] . column [| format] [| list] [| default: "text"] }}
///
/// `query` and `column` are letters, digits and `_`; `row` is a 1-based row number; `format` is
/// one of ``ValueFormat/names``; `list` quotes the column of every row (no `#row` then); the
/// fallback is a double-quoted string (`\"` and `\\` escaped).
public enum PlaceholderParser {
    /// A placeholder found in a text: where it is and what it says.
    public struct Found {
        /// Its range in the text, braces included.
        public var range: Range<String.Index>
        /// The placeholder, or why it cannot be read.
        public var parsed: Result<Placeholder, Problem>
    }

    /// Why a placeholder cannot be read.
    public struct Problem: Error, Equatable, Sendable {
        public var message: String
        public var hint: String
    }

    static let malformedHint = "write {{query.column}}, {{query#2.column}} or {{query.column | integer}}; "
        + "to show braces literally, put them in a code span"

    /// Every placeholder of `text`, in order.
    ///
    /// A placeholder is `{{` then a name followed by `.` or `#`, or then the name of one of
    /// `queries` (so `{{totals}}` is a mistake to report). Other text in double braces, such as
    /// `{{siteTitle}}` or `{{> footer}}` on a page that shows Mustache, is not one: it stays as
    /// written. A placeholder not closed by `}}` is a problem.
    /// - Parameters:
    ///   - text: a piece of prose.
    ///   - queries: the names of the page's queries.
    public static func scan(_ text: String, queries: [String]) -> [Found] {
        guard text.utf8.contains(UInt8(ascii: "{")) else { return [] }
        var found: [Found] = []
        var rest = text[...]
        while let open = rest.firstRange(of: "{{") {
            guard startsPlaceholder(text[open.upperBound...], queries: queries) else {
                rest = text[text.index(after: open.lowerBound)...]
                continue
            }
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else {
                let problem = Problem(message: "placeholder '\(rest[open.lowerBound...].prefix(40))' is not closed with '}}'",
                                      hint: "write a placeholder on one line, without Markdown inside it; " + malformedHint)
                found.append(Found(range: open.lowerBound..<text.endIndex, parsed: .failure(problem)))
                break
            }
            let range = open.lowerBound..<close.upperBound
            found.append(Found(range: range, parsed: parse(inner: text[open.upperBound..<close.lowerBound],
                                                          source: String(text[range]))))
            rest = text[close.upperBound...]
        }
        return found
    }

    /// Whether the text after `{{` starts a placeholder: spaces, a name, spaces, then `.` or `#`,
    /// or a name of `queries`.
    private static func startsPlaceholder(_ text: Substring, queries: [String]) -> Bool {
        let trimmed = text.drop { $0 == " " }
        let name = trimmed.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        guard !name.isEmpty, isName(String(name)) else { return false }
        let next = trimmed.dropFirst(name.count).drop { $0 == " " }.first
        return next == "." || next == "#" || queries.contains(String(name))
    }

    /// Reads what is between the braces.
    static func parse(inner: Substring, source: String) -> Result<Placeholder, Problem> {
        let parts = splitOnBars(inner)
        let head = parts[0].trimmingCharacters(in: .whitespaces)
        func malformed(_ why: String) -> Result<Placeholder, Problem> {
            .failure(Problem(message: "malformed placeholder '\(source)': \(why)", hint: malformedHint))
        }
        guard let dot = head.firstIndex(of: ".") else {
            return malformed(head.isEmpty ? "it names no query" : "it names no column (write {{\(head).column}})")
        }
        var name = String(head[..<dot]).trimmingCharacters(in: .whitespaces)
        let column = String(head[head.index(after: dot)...]).trimmingCharacters(in: .whitespaces)
        var row = 1
        if let hash = name.firstIndex(of: "#") {
            let number = name[name.index(after: hash)...].trimmingCharacters(in: .whitespaces)
            guard let parsed = Int(number), parsed >= 1, number.allSatisfy(\.isASCII) else {
                return malformed("the row after '#' must be a number from 1 (the first row), found '\(number)'")
            }
            row = parsed
            name = String(name[..<hash]).trimmingCharacters(in: .whitespaces)
        }
        if let bracket = name.firstIndex(of: "["), name.hasSuffix("]") {
            let query = name[..<bracket], row = name[name.index(after: bracket)..<name.index(before: name.endIndex)]
            let example = Int(row).map { "{{\(query)#\($0 + 1).\(column)}}" } ?? "{{\(query)#2.\(column)}}"
            return malformed("choose a row with '#' and its number, counted from 1, like \(example)")
        }
        guard isName(name) else { return malformed("'\(name)' is not a query name (letters, digits and _)") }
        guard isName(column) else {
            return malformed("'\(column)' is not a column name (letters, digits and _; alias the column in the query)")
        }
        var placeholder = Placeholder(query: name, row: row, column: column, source: source)
        var formatSeen = false
        for part in parts.dropFirst() {
            let filter = part.trimmingCharacters(in: .whitespaces)
            if filter == "list" {
                guard !head.contains("#") else {
                    return malformed("'| list' quotes every row; leave out '#\(row)' (or the list)")
                }
                placeholder.list = true
            } else if filter.hasPrefix("default") {
                guard let text = fallback(filter.dropFirst(7)) else {
                    return malformed("write the fallback as default: \"text\"")
                }
                placeholder.fallback = text
            } else if let format = ValueFormat.parse(filter.filter { $0 != " " }), !formatSeen {
                placeholder.format = format
                formatSeen = true
            } else if formatSeen, ValueFormat.parse(filter.filter { $0 != " " }) != nil {
                return malformed("it has two formats")
            } else {
                let names = ValueFormat.names + ["list", "default: \"text\""]
                let stem = String(filter.prefix { $0 != "(" && $0 != ":" })
                let suggestion = stem.closestMatch(in: names.map { String($0.prefix { $0 != "(" && $0 != ":" }) })
                return .failure(Problem(
                    message: "unknown format '\(filter)' in '\(source)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                    hint: "formats are \(names.joined(separator: ", "))"))
            }
        }
        return .success(placeholder)
    }

    /// Splits on `|` outside double quotes.
    private static func splitOnBars(_ text: Substring) -> [Substring] {
        var parts: [Substring] = []
        var start = text.startIndex, quoted = false, escaped = false
        for index in text.indices {
            let character = text[index]
            if escaped { escaped = false; continue }
            if quoted, character == "\\" { escaped = true; continue }
            if character == "\"" { quoted.toggle() }
            if character == "|", !quoted {
                parts.append(text[start..<index])
                start = text.index(after: index)
            }
        }
        parts.append(text[start...])
        return parts
    }

    /// `: "text"` → `text`; nil when not that shape.
    private static func fallback(_ text: Substring) -> String? {
        var rest = text.drop { $0 == " " }
        guard rest.first == ":" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " }
        guard rest.first == "\"", rest.count >= 2, rest.last == "\"" else { return nil }
        var out = "", escaped = false
        for character in rest.dropFirst().dropLast() {
            if escaped { out.append(character); escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "\"" { return nil }
            out.append(character)
        }
        return escaped ? nil : out
    }

    /// Letters, digits and `_`, not starting with a digit.
    static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        }
    }
}
