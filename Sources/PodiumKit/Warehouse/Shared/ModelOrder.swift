extension Models {
    /// Orders models so that each runs after the models it reads; ties go by name.
    /// - Parameters:
    ///   - models: The models, for example from `discover`.
    ///   - knownTables: Tables that exist before models run; a model may not take their names.
    /// - Throws: `DiagnosticsError` for each dependency cycle (naming every file in it) and for
    ///   model names that clash with each other or with `knownTables`.
    public static func order(_ models: [ModelSpec], knownTables: Set<String>) throws -> [ModelSpec] {
        let diagnostics = DiagnosticCollector()
        let known = Set(knownTables.map { $0.lowercased() })
        var byName: [String: ModelSpec] = [:]
        for model in models.sorted(by: { $0.name < $1.name }) {
            let location = Diagnostic.Location(file: model.path, line: 1)
            if known.contains(model.name.lowercased()) {
                diagnostics.emit(.error(
                    "model '\(model.name)' has the name of a staging table", at: location,
                    hint: "rename \(model.path); staging tables are named src_<source>"))
            } else if let other = byName.values.first(where: { $0.name.lowercased() == model.name.lowercased() }) {
                diagnostics.emit(.error(
                    "models '\(other.name)' and '\(model.name)' name the same table", at: location,
                    notes: [.init("the other model", at: .init(file: other.path, line: 1))],
                    hint: "table names ignore case; rename one of the files"))
            } else {
                byName[model.name] = model
            }
        }
        func modelDependencies(_ model: ModelSpec) -> [String] {
            model.dependencies.filter { $0 != model.name && byName[$0] != nil }
        }

        var ordered: [ModelSpec] = []
        var remaining = Set(byName.keys)
        while !remaining.isEmpty {
            // Kahn's algorithm, always taking the smallest ready name.
            while let next = remaining.filter({ name in
                modelDependencies(byName[name]!).allSatisfy { !remaining.contains($0) }
            }).min() {
                ordered.append(byName[next]!)
                remaining.remove(next)
            }
            guard !remaining.isEmpty else { break }
            // Every model left reads another one left: walk until a name repeats.
            var path: [String] = [remaining.min()!]
            while true {
                let current = byName[path.last!]!
                let next = modelDependencies(current).filter(remaining.contains).min()!
                if let start = path.firstIndex(of: next) {
                    let cycle = Array(path[start...])
                    diagnostics.emit(cycleError(cycle.map { byName[$0]! }))
                    remaining.subtract(cycle)
                    break
                }
                path.append(next)
            }
            // Go on to find any other cycle; the order is not used once a cycle was found.
        }
        try diagnostics.throwIfErrors()
        return ordered
    }

    private static func cycleError(_ cycle: [ModelSpec]) -> Diagnostic {
        // Start the cycle at its smallest name so the message is stable.
        let start = cycle.indices.min { cycle[$0].name < cycle[$1].name }!
        let loop = Array(cycle[start...] + cycle[..<start])
        let files = (loop + [loop[0]]).map(\.path).joined(separator: " → ")
        var notes: [Diagnostic.Note] = []
        for (index, model) in loop.enumerated() {
            let target = loop[(index + 1) % loop.count]
            let place = references(in: model.sql, to: [target.name]).first
            notes.append(.init(
                "'\(model.name)' reads '\(target.name)'",
                at: .init(file: model.path, line: place?.line ?? 1, column: place?.column)))
        }
        return .error(
            "models read each other in a cycle: \(files)",
            at: .init(file: loop[0].path, line: 1), notes: notes,
            hint: "a model cannot read a model that reads it back; move the shared part into a model of its own")
    }
}
