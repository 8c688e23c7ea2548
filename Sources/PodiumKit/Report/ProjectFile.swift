import Foundation
import Yams

/// The parsed `podium.yaml`: what to read, how to model it, what to publish.
///
/// Produced by `ProjectFile.load(root:)`, consumed by the pipeline.
public struct ProjectFile: Equatable, Sendable {
    /// The file name looked up in a project's root.
    public static let fileName = "podium.yaml"

    public var title: String
    public var description: String?
    /// Path of the SQLite warehouse, relative to the project root, or a PostgreSQL URL
    /// (`postgres://user@host:port/db`, see `PostgresLocation`).
    public var warehouse: String
    /// The PostgreSQL schema the warehouse is published in (`warehouse_schema:`, default `podium`).
    public var warehouseSchema = "podium"
    /// Where `warehouse:` is written, for diagnostics about a PostgreSQL URL.
    public var warehouseLocation: Diagnostic.Location?
    public var sources: [SourceSpec]
    /// Folder of `*.sql` models (relative), if any.
    public var models: String?
    public var pages: String
    public var output: String
    /// Folder of template overrides (relative); missing is fine.
    public var templates: String
    /// Data tests: the sources' `accepted_values:` (on `src_<source>` tables) first, then the
    /// `tests:` section, in file order.
    public var tests: [DataTest] = []
    /// `allow_html: true`: pages keep raw HTML (trusting the page authors); default false.
    public var allowHTML = false
    /// `allow_outside:` folders outside the project that inputs may lead into through symbolic
    /// links, as written (absolute, or relative to the project); see `ProjectBoundary`.
    public var allowOutside: [String] = []
    /// `url:` the public address of the site, normalised to end in `/` (see `SiteURL`); nil
    /// when not set: embed snippets are then relative and no sitemap is written.
    public var url: String?

    /// Top-level keys podium.yaml accepts.
    static let topLevelKeys = ["title", "description", "warehouse", "warehouse_schema", "sources", "models", "pages",
                               "output", "templates", "tests", "allow_html", "allow_outside", "url"]
    static let sourceKeys = ["path", "columns", "key", "references", "null_values", "sheet", "header_row"]
    static let columnKeys = ["as", "type", "required", "accepted_values", "null_values"]

    /// Reads and validates `podium.yaml` in `root`, reporting every problem found.
    /// - Throws: `DiagnosticsError` naming the file, line and column of each problem.
    public static func load(root: URL) throws -> ProjectFile {
        let url = root.appendingPathComponent(fileName)
        // Before it is read, so that no message quotes a file from elsewhere; `allow_outside:`
        // cannot apply to the file that declares it.
        if let real = ProjectBoundary(root: root, allowOutside: []).escape(url.path) {
            throw DiagnosticsError(.error("\(fileName) leads through a link to '\(real)', outside the project folder",
                                          at: .init(file: fileName), hint: "keep \(fileName) itself in the project folder"))
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DiagnosticsError(.error("no \(fileName) in \(root.path)", at: Diagnostic.Location(file: fileName),
                                          hint: "run podium in a project folder, pass --project DIR, or create one with `podium new DIR`"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DiagnosticsError(.error("\(fileName) is not valid UTF-8", at: Diagnostic.Location(file: fileName),
                                          hint: "save the file as UTF-8"))
        }
        return try parse(text)
    }

    /// Parses the text of a podium.yaml.
    public static func parse(_ text: String) throws -> ProjectFile {
        let reader = YAMLReader(file: fileName)
        let diagnostics = DiagnosticCollector()
        let root = try reader.compose(text)
        guard let top = YAMLMapping(root, what: fileName, reader: reader, diagnostics: diagnostics) else {
            try diagnostics.throwIfErrors()
            fatalError("unreachable: YAMLMapping reports an error when it returns nil")
        }
        top.checkKeys(topLevelKeys, in: fileName, reader: reader, diagnostics: diagnostics)

        let title = reader.string(top["title"], key: "title", diagnostics: diagnostics)
        if top["title"] == nil {
            diagnostics.emit(.error("\(fileName) has no 'title'", at: reader.location(of: root),
                                    hint: "add `title: My dashboard` at the top"))
        }
        var project = ProjectFile(
            title: title ?? "",
            description: reader.string(top["description"], key: "description", diagnostics: diagnostics),
            warehouse: ".podium/warehouse.sqlite", sources: [], models: nil,
            pages: "pages", output: "site", templates: "templates")

        if let schema = reader.string(top["warehouse_schema"], key: "warehouse_schema", diagnostics: diagnostics) {
            project.warehouseSchema = schema  // checked with the URL (PostgresLocation)
        }
        for (key, keyPath) in [("warehouse", \ProjectFile.warehouse), ("pages", \.pages), ("output", \.output), ("templates", \.templates)] {
            if let value = reader.string(top[key], key: key, diagnostics: diagnostics) {
                if key == "warehouse", PostgresLocation.isURL(value) {
                    project.warehouse = value
                    project.warehouseLocation = reader.location(of: top[key])
                } else if let problem = ProjectPath.problem(value) {
                    diagnostics.emit(.error("'\(key)' \(problem)", at: reader.location(of: top[key]),
                                            hint: "use a path inside the project folder, such as `\(key): \(project[keyPath: keyPath])`"))
                } else {
                    project[keyPath: keyPath] = ProjectPath.normalized(value)
                }
            }
        }
        if let models = reader.string(top["models"], key: "models", diagnostics: diagnostics) {
            if let problem = ProjectPath.problem(models) {
                diagnostics.emit(.error("'models' \(problem)", at: reader.location(of: top["models"]),
                                        hint: "use a folder inside the project, such as `models: models/`"))
            } else {
                project.models = ProjectPath.normalized(models)
            }
        }
        if project.output == "." || project.output.isEmpty {
            diagnostics.emit(.error("'output' cannot be the project folder itself", at: reader.location(of: top["output"]),
                                    hint: "use a subfolder such as `output: site/`"))
        }

        if let sourcesNode = top["sources"] {
            if let sources = YAMLMapping(sourcesNode, what: "'sources'", reader: reader, diagnostics: diagnostics) {
                project.sources = sources.pairs.compactMap {
                    parseSource(name: $0.key, keyNode: $0.keyNode, node: $0.value, reader: reader, diagnostics: diagnostics)
                }
            }
        } else {
            diagnostics.emit(.error("\(fileName) has no 'sources'", at: reader.location(of: root),
                                    hint: "declare at least one CSV file under `sources:` (see README, 'The project file')"))
        }
        if let url = reader.string(top["url"], key: "url", diagnostics: diagnostics) {
            switch SiteURL.normalized(url) {
            case .success(let normalized): project.url = normalized
            case .failure(let problem):
                diagnostics.emit(.error("'url' \(problem.message)", at: reader.location(of: top["url"]), hint: problem.hint))
            }
        }
        project.allowHTML = reader.bool(top["allow_html"], key: "allow_html", diagnostics: diagnostics) ?? false
        project.allowOutside = parseAllowOutside(top["allow_outside"], reader: reader, diagnostics: diagnostics)
        checkReferences(project.sources, diagnostics: diagnostics)
        project.tests = acceptedValueTests(top["sources"], sources: project.sources, reader: reader, diagnostics: diagnostics)
        if let testsNode = top["tests"] {
            project.tests += DataTestParser.parse(testsNode, reader: reader, diagnostics: diagnostics)
        }
        diagnostics.emit(contentsOf: project.pathConflicts(outputAt: reader.location(of: top["output"]),
                                                           warehouseAt: reader.location(of: top["warehouse"])))
        try diagnostics.throwIfErrors()
        return project
    }

    /// `allow_outside:` one folder or a list of them, each a non-empty path.
    private static func parseAllowOutside(_ node: Node?, reader: YAMLReader, diagnostics: DiagnosticCollector) -> [String] {
        guard let node else { return [] }
        let items: [Node]
        if case .sequence(let sequence) = node { items = Array(sequence) } else { items = [node] }
        var folders: [String] = []
        for item in items {
            guard let folder = reader.string(item, key: "allow_outside", diagnostics: diagnostics) else { continue }
            if folder.isEmpty || folder.unicodeScalars.contains(where: { $0.value < 0x20 }) {
                diagnostics.emit(.error(folder.isEmpty ? "'allow_outside' entry is empty" : "'allow_outside' entry contains control characters",
                                        at: reader.location(of: item),
                                        hint: "name a folder outside the project that links may lead into, such as `allow_outside: [/mnt/data]`"))
                continue
            }
            folders.append(folder)
        }
        return folders
    }

    private static func parseSource(name: String, keyNode: Node, node: Node, reader: YAMLReader,
                                    diagnostics: DiagnosticCollector) -> SourceSpec? {
        let location = reader.location(of: keyNode)
        guard SQLName.matches(name, first: { ("a"..."z").contains($0) },
                              rest: { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
            diagnostics.emit(.error("source name '\(name)' must be lower case letters, digits and _", at: location,
                                    hint: "rename it, e.g. '\(SQLName.snakeCase(name))'; its table is src_<name>"))
            return nil
        }
        guard let mapping = YAMLMapping(node, what: "source '\(name)'", reader: reader, diagnostics: diagnostics) else { return nil }
        mapping.checkKeys(sourceKeys, in: "source '\(name)'", reader: reader, diagnostics: diagnostics)
        var source = SourceSpec(name: name, path: "", location: location)
        if let path = reader.string(mapping["path"], key: "path", diagnostics: diagnostics) {
            if let problem = ProjectPath.problem(path) {
                diagnostics.emit(.error("source '\(name)': path \(problem)", at: reader.location(of: mapping["path"]),
                                        hint: "copy the file into the project folder (e.g. data/) and point `path:` at it"))
            } else if PathGlob.isPattern(path), let problem = PathGlob.problem(ProjectPath.normalized(path)) {
                diagnostics.emit(.error("source '\(name)': path \(problem)", at: reader.location(of: mapping["path"]),
                                        hint: "write a pattern such as `data/results/*.csv` or `data/**/part-*.csv` (see README, 'Folders of files')"))
            } else {
                source.path = ProjectPath.normalized(path)
            }
        } else if mapping["path"] == nil {
            diagnostics.emit(.error("source '\(name)' has no 'path'", at: location,
                                    hint: "add `path: data/\(name).csv`"))
        }
        if let columnsNode = mapping["columns"],
           let columns = YAMLMapping(columnsNode, what: "'columns' of source '\(name)'", reader: reader, diagnostics: diagnostics) {
            source.columns = columns.pairs.compactMap {
                parseColumn(header: $0.key, keyNode: $0.keyNode, node: $0.value, source: name, reader: reader, diagnostics: diagnostics)
            }
        }
        if let keyNode = mapping["key"], case .mapping = keyNode,
           let key = YAMLMapping(keyNode, what: "'key' of source '\(name)'", reader: reader, diagnostics: diagnostics) {
            // The long form: `key: {columns: [country], severity: warn}`.
            key.checkKeys(["columns", "severity"], in: "'key' of source '\(name)'", reader: reader, diagnostics: diagnostics)
            source.key = reader.stringList(key["columns"], key: "columns", diagnostics: diagnostics) ?? []
            if key["columns"] == nil, key.pairs.allSatisfy({ ["columns", "severity"].contains($0.key) }) {  // else reported above
                diagnostics.emit(.error("'key' of source '\(name)' has no 'columns'", at: reader.location(of: keyNode),
                                        hint: "write it as `key: {columns: [a, b], severity: warn}`, or `key: [a, b]`"))
            }
            source.keySeverity = severity(key["severity"], reader: reader, diagnostics: diagnostics)
        } else {
            source.key = reader.stringList(mapping["key"], key: "key", diagnostics: diagnostics) ?? []
        }
        source.nullValues = nullValues(mapping["null_values"], reader: reader, diagnostics: diagnostics) ?? []
        parseWorkbookKeys(of: &source, mapping, reader: reader, diagnostics: diagnostics)
        if let referencesNode = mapping["references"],
           let references = YAMLMapping(referencesNode, what: "'references' of source '\(name)'", reader: reader, diagnostics: diagnostics) {
            for pair in references.pairs {
                var targetNode: Node? = pair.value
                var referenceSeverity = Diagnostic.Severity.error
                if case .mapping = pair.value,
                   let long = YAMLMapping(pair.value, what: "reference '\(pair.key)'", reader: reader, diagnostics: diagnostics) {
                    // The long form: `noc: {to: regions.noc, severity: warn}`.
                    long.checkKeys(["to", "severity"], in: "reference '\(pair.key)'", reader: reader, diagnostics: diagnostics)
                    targetNode = long["to"]
                    referenceSeverity = severity(long["severity"], reader: reader, diagnostics: diagnostics)
                    if targetNode == nil {
                        diagnostics.emit(.error("reference '\(pair.key)' has no 'to'", at: reader.location(of: pair.value),
                                                hint: "write it as `\(pair.key): {to: other_source.column, severity: warn}`"))
                        continue
                    }
                }
                let target = reader.string(targetNode, key: pair.key, diagnostics: diagnostics) ?? ""
                let parts = target.split(separator: ".", omittingEmptySubsequences: false)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    diagnostics.emit(.error("reference '\(pair.key): \(target)' must name `source.column`",
                                            at: reader.location(of: pair.value), hint: "write it as `\(pair.key): other_source.column`"))
                    continue
                }
                source.references.append(.init(column: pair.key, targetSource: String(parts[0]), targetColumn: String(parts[1]),
                                               severity: referenceSeverity))
            }
        }
        return source
    }

    private static func parseColumn(header: String, keyNode: Node, node: Node, source: String, reader: YAMLReader,
                                    diagnostics: DiagnosticCollector) -> ColumnSpec? {
        let location = reader.location(of: keyNode)
        guard let mapping = YAMLMapping(node, what: "column '\(header)' of source '\(source)'", reader: reader, diagnostics: diagnostics) else {
            return nil
        }
        mapping.checkKeys(columnKeys, in: "column '\(header)'", reader: reader, diagnostics: diagnostics)
        var column = ColumnSpec(header: header, name: SQLName.snakeCase(header), location: location)
        if let name = reader.string(mapping["as"], key: "as", diagnostics: diagnostics) {
            if SQLName.isPlain(name) {
                column.name = name
            } else {
                diagnostics.emit(.error("column name '\(name)' must be lower case letters, digits and _",
                                        at: reader.location(of: mapping["as"]), hint: "use e.g. `as: \(SQLName.snakeCase(name))`"))
            }
        }
        if let typeName = reader.string(mapping["type"], key: "type", diagnostics: diagnostics) {
            if let type = ColumnType(rawValue: typeName) {
                column.type = type
            } else {
                let allowed = ColumnType.allCases.map(\.rawValue)
                diagnostics.emit(.error("unknown column type '\(typeName)'", at: reader.location(of: mapping["type"]),
                                        hint: typeName.closestMatch(in: allowed).map { "did you mean '\($0)'?" }
                                            ?? "use one of: \(allowed.joined(separator: ", "))"))
            }
        }
        column.required = reader.bool(mapping["required"], key: "required", diagnostics: diagnostics) ?? false
        column.nullValues = nullValues(mapping["null_values"], reader: reader, diagnostics: diagnostics)
        return column
    }

    /// `severity: error` (the default) or `warn`.
    private static func severity(_ node: Node?, reader: YAMLReader, diagnostics: DiagnosticCollector) -> Diagnostic.Severity {
        guard let node, let text = reader.string(node, key: "severity", diagnostics: diagnostics) else { return .error }
        switch text {
        case "error": return .error
        case "warn", "warning": return .warning
        default:
            diagnostics.emit(.error("unknown severity '\(text)'", at: reader.location(of: node),
                                    hint: "use `error` (the build fails) or `warn` (the site is published with a warning)"))
            return .error
        }
    }

    /// `null_values: [NA, "N/A", "-"]`: a list of tokens (`[]` allowed); an empty token is refused,
    /// since an empty field is NULL already.
    private static func nullValues(_ node: Node?, reader: YAMLReader, diagnostics: DiagnosticCollector) -> [String]? {
        guard let node else { return nil }
        if case .sequence(let sequence) = node, sequence.isEmpty { return [] }
        guard let tokens = reader.stringList(node, key: "null_values", diagnostics: diagnostics) else { return nil }
        if tokens.contains("") {
            diagnostics.emit(.error("null_values: an empty token is not needed", at: reader.location(of: node),
                                    hint: "an empty field is always NULL; list the other spellings, like [NA, \"N/A\", \"-\"]"))
        }
        return tokens.filter { !$0.isEmpty }
    }

    /// The `accepted_values:` of source columns, as tests on the staging tables.
    private static func acceptedValueTests(_ sourcesNode: Node?, sources: [SourceSpec], reader: YAMLReader,
                                           diagnostics: DiagnosticCollector) -> [DataTest] {
        guard let sourcesNode, case .mapping(let mapping) = sourcesNode else { return [] }
        var tests: [DataTest] = []
        for source in sources {
            guard let sourceNode = mapping[source.name], case .mapping(let sourceMapping) = sourceNode,
                  let columnsNode = sourceMapping["columns"], case .mapping(let columns) = columnsNode
            else { continue }
            for column in source.columns {
                guard let columnNode = columns[column.header], case .mapping(let keys) = columnNode,
                      let values = keys["accepted_values"] else { continue }
                if let test = DataTestParser.acceptedValues(values, column: column.name, source: source, reader: reader,
                                                            diagnostics: diagnostics) {
                    tests.append(test)
                }
            }
        }
        return tests
    }

    /// References must name a declared source; columns are checked against the file at staging.
    private static func checkReferences(_ sources: [SourceSpec], diagnostics: DiagnosticCollector) {
        let names = sources.map(\.name)
        for source in sources {
            for reference in source.references where !names.contains(reference.targetSource) {
                diagnostics.emit(.error("source '\(source.name)' refers to unknown source '\(reference.targetSource)'",
                                        at: source.location,
                                        hint: reference.targetSource.closestMatch(in: names).map { "did you mean '\($0)'?" }
                                            ?? "declare '\(reference.targetSource)' under `sources:`"))
            }
        }
    }
}
