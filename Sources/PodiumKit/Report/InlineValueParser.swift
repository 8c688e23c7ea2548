/// Finds the inline values (`{{totals.athletes}}`) of a page's prose, each at its place in the
/// page file, and checks that each names one of the page's `queries:`.
enum InlineValueParser {
    /// The placeholders of the page's prose, in the order of ``Markdown/prose``.
    /// - Parameters:
    ///   - markdown: the page's Markdown, parsed.
    ///   - page: the page, its queries read already.
    ///   - diagnostics: receives an error for each malformed placeholder or unknown query.
    static func placeholders(in markdown: Markdown, page: Page, into diagnostics: inout [Diagnostic]) -> [Placeholder] {
        guard markdown.text.utf8.contains(UInt8(ascii: "{")) else { return [] }
        let lines = markdown.text.split(separator: "\n", omittingEmptySubsequences: false)
        let names = page.queries.map(\.name)
        var placeholders: [Placeholder] = []
        // Where the last placeholder found ends (line, byte offset): a link's destination starts
        // where its link does, so its placeholders are searched for after the link text's.
        var last = (line: 0, offset: 0)
        for piece in markdown.prose {
            var searchFrom = max(piece.column - 1, last.line == piece.line ? last.offset : 0)  // byte offset in the line
            for found in PlaceholderParser.scan(piece.text, queries: names) {
                let source = String(piece.text[found.range])
                let location = locate(source, after: &searchFrom, piece: piece, lines: lines, page: page)
                last = (piece.line, searchFrom)
                switch found.parsed {
                case .failure(let problem):
                    diagnostics.append(.error(problem.message, at: location, hint: problem.hint))
                case .success(var placeholder):
                    placeholder.location = location
                    placeholder.inDestination = piece.kind == .destination
                    guard names.contains(placeholder.query) else {
                        diagnostics.append(unknownQuery(placeholder, names: names, at: location))
                        continue
                    }
                    placeholders.append(placeholder)
                }
            }
        }
        return placeholders
    }

    private static func unknownQuery(_ placeholder: Placeholder, names: [String], at location: Diagnostic.Location) -> Diagnostic {
        let suggestion = placeholder.query.closestMatch(in: names)
        let message = "'\(placeholder.source)' names unknown query '\(placeholder.query)'"
            + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        let hint = names.isEmpty
            ? "declare it in the front matter: `queries:` then `\(placeholder.query): select …`"
            : "this page's queries are \(names.joined(separator: ", ")); declare others under `queries:` in the front matter"
        return .error(message, at: location, hint: hint)
    }

    /// The placeholder's place in the page file: found in its source line from where the piece
    /// (or the last placeholder found in it) starts; the piece's start when escapes or entities
    /// make the source differ from the text.
    private static func locate(_ source: String, after searchFrom: inout Int, piece: Markdown.Prose,
                               lines: [Substring], page: Page) -> Diagnostic.Location {
        guard piece.line >= 1, piece.line <= lines.count else {
            return Diagnostic.Location(file: page.path, line: page.markdownLine)
        }
        let line = lines[piece.line - 1]
        let utf8 = line.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: min(searchFrom, utf8.count))
        var column = piece.column
        if let range = line[start...].firstRange(of: source.prefix(2) == "{{" ? source : "{{") {
            column = line[..<range.lowerBound].count + 1
            searchFrom = utf8.distance(from: utf8.startIndex, to: range.upperBound)
        }
        return Diagnostic.Location(file: page.path, line: page.markdownLine - 1 + piece.line, column: column)
    }
}
