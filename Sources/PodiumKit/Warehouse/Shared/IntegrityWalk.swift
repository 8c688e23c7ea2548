/// The order and name checks of the declared keys and references, shared by the SQLite and
/// PostgreSQL staging: unknown columns and sources are always reported, and the engine's own value
/// checks run only where every name is valid and the sources involved loaded without problems.
enum IntegrityWalk {
    /// Walks every source's key, then every reference.
    /// - Parameters:
    ///   - tables: the staged tables (a source missing here failed to load and is skipped).
    ///   - clean: the sources that loaded without problems.
    ///   - checkKey: the engine's check of a source's key (present and unique).
    ///   - checkReference: the engine's check of a reference from a source to a target source.
    static func run(
        sources: [SourceSpec], tables: [StagedTable], clean: Set<String>,
        checkKey: (SourceSpec, StagedTable) throws -> [Diagnostic],
        checkReference: (SourceSpec.Reference, SourceSpec, SourceSpec) throws -> [Diagnostic]
    ) rethrows -> [Diagnostic] {
        var problems: [Diagnostic] = []
        func table(_ name: String) -> StagedTable? { tables.first { $0.sourceName == name } }

        for source in sources {
            guard let staged = table(source.name) else { continue }
            let names = staged.columns.map(\.name)
            let unknown = source.key.filter { !names.contains($0) }
            problems += unknown.map {
                StagingError.unknownColumn($0, role: "key", of: source, columns: names, at: source.location)
            }
            if unknown.isEmpty, !source.key.isEmpty, clean.contains(source.name) {
                problems += try checkKey(source, staged)
            }
        }

        for source in sources {
            guard let staged = table(source.name) else { continue }
            for reference in source.references {
                var valid = clean.contains(source.name)
                let names = staged.columns.map(\.name)
                if !names.contains(reference.column) {
                    problems.append(StagingError.unknownColumn(
                        reference.column, role: "reference", of: source, columns: names, at: source.location))
                    valid = false
                }
                guard let target = sources.first(where: { $0.name == reference.targetSource }) else {
                    problems.append(StagingError.unknownSource(
                        reference.targetSource, source: source, sources: sources.map(\.name)))
                    continue
                }
                guard let targetTable = table(target.name) else { continue }  // already reported
                let targetNames = targetTable.columns.map(\.name)
                if !targetNames.contains(reference.targetColumn) {
                    problems.append(StagingError.unknownColumn(
                        reference.targetColumn, role: "referenced", of: target, columns: targetNames,
                        at: source.location))
                    valid = false
                }
                if valid, clean.contains(target.name) {
                    problems += try checkReference(reference, source, target)
                }
            }
        }
        return problems
    }
}
