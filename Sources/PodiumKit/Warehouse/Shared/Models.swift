import Foundation

/// The models stage: finds `models/*.sql`, orders them by what they read, and runs each as
/// `CREATE TABLE "<name>" AS <query>`.
public enum Models {
    /// Finds every `*.sql` file directly in `directory`, sorted by name.
    ///
    /// Each file must hold one SELECT or WITH statement (a trailing `;` is fine). Its
    /// dependencies are the other models and the `knownTables` its SQL names (strings, comments,
    /// column qualifiers, aliases and CTE names are skipped; names compare ignoring ASCII case).
    /// - Parameters:
    ///   - directory: The models folder.
    ///   - displayDirectory: The folder as shown in diagnostics, relative to the project root.
    ///   - knownTables: Tables that exist before models run (the staging tables).
    ///   - engine: The warehouse engine (`sqlite` or `postgres`). A model whose first line is
    ///     `-- engine: <name>` is only for that engine and is skipped on the other; its file may be
    ///     named `<table>.<engine>.sql`, so each engine can have its own version of one table.
    /// - Throws: `DiagnosticsError` naming every bad file.
    public static func discover(
        directory: URL, displayDirectory: String, knownTables: Set<String> = [], engine: String = "sqlite"
    ) throws -> [ModelSpec] {
        let display = displayDirectory.hasSuffix("/") ? String(displayDirectory.dropLast()) : displayDirectory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else {
            throw DiagnosticsError(.error(
                "cannot find the models folder", at: .init(file: display),
                hint: "create the folder, or fix 'models:' in podium.yaml"))
        }
        guard isDirectory.boolValue else {
            throw DiagnosticsError(.error(
                "the models folder is a file, not a folder", at: .init(file: display),
                hint: "'models:' in podium.yaml names a folder of .sql files: move the file away or name another folder"))
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") && !$0.hasPrefix(".") }
            .sorted()
        let diagnostics = DiagnosticCollector()
        var models: [ModelSpec] = []
        for file in files {
            let path = display.isEmpty ? file : "\(display)/\(file)"
            var name = String(file.dropLast(4))
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(file).path),
                  let sql = String(data: data, encoding: .utf8)
            else {
                diagnostics.emit(.error(
                    "cannot read model file as UTF-8 text", at: .init(file: path),
                    hint: "save the file as UTF-8"))
                continue
            }
            if let declared = declaredEngine(of: sql) {
                guard declared == "sqlite" || declared == "postgres" else {
                    diagnostics.emit(.error("unknown engine '\(declared)' in the model's first line", at: .init(file: path, line: 1),
                                            hint: "write `-- engine: sqlite` or `-- engine: postgres`, or remove the line"))
                    continue
                }
                guard declared == engine else { continue }
                if name.hasSuffix(".\(declared)") { name = String(name.dropLast(declared.count + 1)) }
            }
            if let other = models.first(where: { $0.name.lowercased() == name.lowercased() }) {
                diagnostics.emit(.error("\(path) and \(other.path) both make the table '\(name)' on \(engine)",
                                        at: .init(file: path, line: 1),
                                        hint: "keep one, or mark each for its engine with a first line `-- engine: sqlite` or `-- engine: postgres`"))
                continue
            }
            if let problem = checkSingleQuery(sql, path: path, name: name) {
                diagnostics.emit(problem)
                continue
            }
            models.append(ModelSpec(name: name, path: path, sql: sql))
        }
        try diagnostics.throwIfErrors()

        let candidates = Set(models.map(\.name)).union(knownTables)
        return models.map { model in
            var model = model
            let names = references(in: model.sql, to: candidates).map(\.name)
            model.dependencies = Array(Set(names)).filter { $0 != model.name }.sorted()
            return model
        }
    }

    /// The places where `sql` names one of `tables`, in text order (names compare ignoring
    /// ASCII case; the result uses the spelling in `tables`).
    static func references(in sql: String, to tables: Set<String>) -> [(name: String, line: Int, column: Int)] {
        var canonical: [String: String] = [:]
        for table in tables.sorted() where canonical[table.lowercased()] == nil {
            canonical[table.lowercased()] = table
        }
        let tokens = SQLTokenizer.tokenize(sql)
        // CTE names (`name AS (`) shadow tables of the same name.
        var shadowed: Set<String> = []
        for index in tokens.indices where index + 2 < tokens.count {
            if let name = tokens[index].identifier, tokens[index + 1].isWord("as"), tokens[index + 2].isSymbol("(") {
                shadowed.insert(name.lowercased())
            }
        }
        var found: [(name: String, line: Int, column: Int)] = []
        for (index, token) in tokens.enumerated() {
            guard let identifier = token.identifier?.lowercased(),
                  let name = canonical[identifier], !shadowed.contains(identifier)
            else { continue }
            let previous = index > 0 ? tokens[index - 1] : nil
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            // `x.name` is a column; `AS name` an alias; `name(` a function.
            if previous?.isSymbol(".") == true || previous?.isWord("as") == true || next?.isSymbol("(") == true {
                continue
            }
            found.append((name, token.line, token.column))
        }
        return found
    }

    /// The engine a model's first line names (`-- engine: postgres`), if it names one.
    static func declaredEngine(of sql: String) -> String? {
        let first = sql.prefix { $0 != "\n" && $0 != "\r" }
        guard first.hasPrefix("--") else { return nil }
        let words = first.dropFirst(2).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ":" })
        guard words.count == 2, words[0].lowercased() == "engine" else { return nil }
        return words[1].lowercased()
    }

    /// A diagnostic if `sql` is not exactly one SELECT or WITH statement.
    private static func checkSingleQuery(_ sql: String, path: String, name: String) -> Diagnostic? {
        let hint = "\(path) becomes the table '\(name)': write only its query, as in 'select … from …', "
            + "without CREATE TABLE"
        let tokens = SQLTokenizer.tokenize(sql)
        guard let first = tokens.first(where: { !$0.isSymbol(";") }) else {
            return .error("model file is empty", at: .init(file: path, line: 1), hint: hint)
        }
        guard first.isWord("select") || first.isWord("with") else {
            return .error(
                "a model must be one SELECT or WITH query, found '\(first.text)'",
                at: .init(file: path, line: first.line, column: first.column), hint: hint)
        }
        var afterSemicolon = false
        for token in tokens {
            if token.isSymbol(";") {
                afterSemicolon = true
            } else if afterSemicolon {
                return .error(
                    "a model must be a single query, but another statement follows ';'",
                    at: .init(file: path, line: token.line, column: token.column),
                    hint: "put each table in its own file in the models folder")
            }
        }
        return nil
    }
}
