import Yams

/// A YAML text embedded in a page (front matter or a chart block), with the mapping from its
/// own 1-based positions to positions in the page file.
struct PageYAML {
    /// The page's display path.
    var path: String
    var yaml: String
    /// Page line = YAML line + `lineOffset`.
    var lineOffset: Int
    /// Page column = YAML column + `columnOffset`.
    var columnOffset: Int = 0

    /// The page location of a YAML mark; `fallback` when the mark is unknown.
    func location(_ mark: Mark?, fallback: Diagnostic.Location) -> Diagnostic.Location {
        guard let mark else { return fallback }
        return Diagnostic.Location(file: path, line: mark.line + lineOffset, column: mark.column + columnOffset)
    }

    /// Parses the YAML into a node tree; a syntax error becomes a diagnostic at its position.
    /// - Returns: the root node, nil for an empty text or an error.
    func compose(fallback: Diagnostic.Location, what: String, into diagnostics: inout [Diagnostic]) -> Node? {
        do {
            // The basic resolver tags every scalar as text, without the regular expressions (and
            // ICU, ~8 M instructions to start) of the default one; values are read with `int`,
            // `bool` and `null`, which look at the text, not the tag.
            return try Yams.compose(yaml: yaml, .basic)
        } catch let error as YamlError {
            let (problem, mark) = Self.describe(error)
            diagnostics.append(.error(
                "\(what) is not valid YAML: \(problem)", at: location(mark, fallback: fallback),
                hint: "write `key: value` lines; quote values that contain ': ' or start with a special character"))
        } catch {
            diagnostics.append(.error("\(what) is not valid YAML: \(error)", at: fallback,
                                      hint: "write `key: value` lines"))
        }
        return nil
    }

    /// The problem and position of a Yams error.
    static func describe(_ error: YamlError) -> (String, Mark?) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let text = context.map { "\(problem) (\($0.text))" } ?? problem
            return (text, mark)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ("duplicate key '\(duplicates.first ?? "")'", context.mark)
        case .reader(let problem, _, _, _):
            return (problem, nil)
        default:
            return ("\(error)", nil)
        }
    }

    /// The scalar text of a node, or nil for null, lists and mappings.
    static func string(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node, node.null == nil || scalar.style != .plain else { return nil }
        return scalar.string
    }

    /// How a node reads in a message: "a list", "a mapping", "nothing", "'text'".
    static func kind(_ node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        case .scalar(let scalar):
            node.null != nil && scalar.style == .plain ? "nothing" : "'\(scalar.string)'"
        }
    }

    /// Checks a mapping's keys: every key a known one, each diagnostic with a suggestion.
    /// - Returns: the mapping's pairs whose key is known, keyed by key text.
    func knownPairs(of mapping: Node.Mapping, allowed: [String], context: String, fallback: Diagnostic.Location,
                    into diagnostics: inout [Diagnostic]) -> [String: (key: Node, value: Node)] {
        var pairs: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            let at = location(key.mark, fallback: fallback)
            guard let name = Self.string(key) else {
                diagnostics.append(.error("\(context) has a key that is not text: \(Self.kind(key))", at: at,
                                          hint: "keys are one of: \(allowed.joined(separator: ", "))"))
                continue
            }
            guard allowed.contains(name) else {
                let suggestion = name.closestMatch(in: allowed)
                let message = "unknown key '\(name)' in \(context)" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
                let hint = (suggestion.map { "rename it to '\($0)'" } ?? "remove it")
                    + "; valid keys are \(allowed.joined(separator: ", "))"
                diagnostics.append(.error(message, at: at, hint: hint))
                continue
            }
            pairs[name] = (key, value)
        }
        return pairs
    }
}
