import Yams

/// Reads YAML into Yams nodes while keeping every problem tied to a place in the file.
///
/// Used by podium.yaml. Line numbers are 1-based; `lineOffset` shifts them when the YAML is a
/// fragment of a larger file.
struct YAMLReader {
    let file: String
    var lineOffset = 0

    /// Parses `text`; a syntax error becomes a diagnostic at the line and column Yams reports.
    func compose(_ text: String) throws -> Node? {
        do {
            // The basic resolver tags every scalar as text, without the regular expressions
            // (and ICU) of the default one; values are read with `bool`, `int` and friends.
            return try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw DiagnosticsError(diagnostic(for: error))
        }
    }

    /// The location of a node in the file.
    func location(of node: Node?) -> Diagnostic.Location {
        guard let mark = node?.mark else { return Diagnostic.Location(file: file, line: lineOffset + 1) }
        return Diagnostic.Location(file: file, line: mark.line + lineOffset, column: mark.column)
    }

    private func diagnostic(for error: YamlError) -> Diagnostic {
        let (problem, mark) = PageYAML.describe(error)
        let location = mark.map { Diagnostic.Location(file: file, line: $0.line + lineOffset, column: $0.column) }
            ?? Diagnostic.Location(file: file)
        return .error("invalid YAML: \(problem)", at: location,
                      hint: "fix the YAML syntax; indentation and `key: value` pairs are the usual culprits")
    }
}

/// A YAML mapping whose keys are checked against the keys a context allows.
struct YAMLMapping {
    let node: Node
    let pairs: [(key: String, keyNode: Node, value: Node)]

    /// Wraps `node` if it is a mapping with string keys; otherwise reports a type error.
    init?(_ node: Node?, what: String, reader: YAMLReader, diagnostics: DiagnosticCollector) {
        guard let node, case .mapping(let mapping) = node else {
            diagnostics.emit(.error("\(what) must be a mapping of `key: value` pairs", at: reader.location(of: node),
                                    hint: "write it as `key: value` lines indented under it"))
            return nil
        }
        self.node = node
        var pairs: [(String, Node, Node)] = []
        for (key, value) in mapping {
            pairs.append((key.string ?? "", key, value))
        }
        self.pairs = pairs
    }

    /// Reports every key not in `allowed`, suggesting the closest allowed key.
    func checkKeys(_ allowed: [String], in what: String, reader: YAMLReader, diagnostics: DiagnosticCollector) {
        for pair in pairs where !allowed.contains(pair.key) {
            let suggestion = pair.key.closestMatch(in: allowed)
            let hint = suggestion.map { "did you mean '\($0)'?" }
                ?? "allowed keys: \(allowed.joined(separator: ", "))"
            diagnostics.emit(.error("unknown key '\(pair.key)' in \(what)", at: reader.location(of: pair.keyNode), hint: hint))
        }
    }

    /// The value node for `key`, if present.
    subscript(key: String) -> Node? { pairs.first { $0.key == key }?.value }

    /// The key node for `key`, if present.
    func keyNode(_ key: String) -> Node? { pairs.first { $0.key == key }?.keyNode }
}

extension YAMLReader {
    /// A scalar string value, or a type error.
    func string(_ node: Node?, key: String, diagnostics: DiagnosticCollector) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node else {
            diagnostics.emit(.error("'\(key)' must be a text value", at: location(of: node),
                                    hint: "write it as `\(key): some text`"))
            return nil
        }
        return scalar.string
    }

    /// A boolean value, or a type error.
    func bool(_ node: Node?, key: String, diagnostics: DiagnosticCollector) -> Bool? {
        guard let node else { return nil }
        guard let value = node.bool else {
            diagnostics.emit(.error("'\(key)' must be true or false, found '\(node.string ?? "a collection")'",
                                    at: location(of: node), hint: "write `\(key): true` or `\(key): false`"))
            return nil
        }
        return value
    }

    /// A list of strings; a single string counts as a one-element list.
    func stringList(_ node: Node?, key: String, diagnostics: DiagnosticCollector) -> [String]? {
        guard let node else { return nil }
        switch node {
        case .scalar(let scalar): return [scalar.string]
        case .sequence(let sequence):
            var values: [String] = []
            for item in sequence {
                guard case .scalar(let scalar) = item else {
                    diagnostics.emit(.error("'\(key)' must be a list of names", at: location(of: item),
                                            hint: "write it as `\(key): [a, b]`"))
                    return nil
                }
                values.append(scalar.string)
            }
            return values
        default:
            diagnostics.emit(.error("'\(key)' must be a name or a list of names", at: location(of: node),
                                    hint: "write it as `\(key): [a, b]`"))
            return nil
        }
    }
}
