/// Checks that the paths of podium.yaml do not step on each other: publishing replaces the whole
/// output folder, and the warehouse file is overwritten, so neither may hold the project's inputs.
extension ProjectFile {
    /// Folders Podium must never publish over or into: version control and Podium's own cache.
    static let protectedFolders = [".git", ".podium"]

    /// One error for each input the output folder or the warehouse would overwrite.
    /// - Parameters:
    ///   - outputAt: where `output:` is written (or the file's start when it is the default).
    ///   - warehouseAt: where `warehouse:` is written.
    func pathConflicts(outputAt: Diagnostic.Location, warehouseAt: Diagnostic.Location) -> [Diagnostic] {
        var inputs: [(path: String, what: String, glob: PathGlob?)] = [(Self.fileName, " (the project file)", nil)]
        inputs += sources.filter { !$0.path.isEmpty }.map {
            ($0.path, " (source '\($0.name)')", $0.isMultiFile ? PathGlob($0.path) : nil)
        }
        inputs += [(pages, " (the pages folder)", nil), (templates, " (the templates folder)", nil)]
        if let models { inputs.append((models, " (the models folder)", nil)) }
        // A pattern's folder may hold the output or warehouse if the pattern cannot reach them
        // (`*.csv` in the project folder never matches `site/x.csv`).
        func overlap(_ path: String, _ input: (path: String, what: String, glob: PathGlob?)) -> Bool {
            guard let glob = input.glob else { return Self.overlap(path, input.path) }
            return Self.contains(path, glob.base) || glob.matches(path) || glob.mayMatch(under: path)
        }

        var problems: [Diagnostic] = []
        let outputHint = "give the site a folder of its own, such as `output: site/`: each build replaces that whole folder"
        func outputProblem(_ other: String, _ what: String) -> Diagnostic {
            let message = Self.contains(output, other)
                ? "the output folder '\(output)' would replace '\(other)'\(what)"
                : "the output folder '\(output)' is inside '\(other)'\(what)"
            return .error(message, at: outputAt, hint: outputHint)
        }
        // `output: .` is reported on its own.
        if output != "." {
            for input in inputs where overlap(output, input) {
                problems.append(outputProblem(input.path, input.what))
            }
            if Self.overlap(output, warehouse) {
                problems.append(outputProblem(warehouse, " (the warehouse)"))
            } else {
                for folder in Self.protectedFolders where Self.overlap(output, folder) {
                    problems.append(outputProblem(folder, ""))
                }
            }
        }
        for input in inputs where overlap(warehouse, input) {
            problems.append(.error("the warehouse '\(warehouse)' would overwrite '\(input.path)'\(input.what)",
                                   at: warehouseAt,
                                   hint: "keep the warehouse apart from the inputs, such as `warehouse: .podium/warehouse.sqlite`"))
        }
        return problems
    }

    /// Whether `folder` is `path` or holds it (`.` holds everything).
    static func contains(_ folder: String, _ path: String) -> Bool {
        folder == "." || folder == path || path.hasPrefix(folder + "/")
    }

    /// Whether two normalized relative paths are the same or one lies inside the other
    /// (`.` contains everything).
    static func overlap(_ a: String, _ b: String) -> Bool {
        contains(a, b) || contains(b, a)
    }
}
