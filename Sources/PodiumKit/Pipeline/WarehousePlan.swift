import Foundation

/// Decides which warehouse tables are fresh: a staging table is fresh when its source file, its
/// declaration and the tool are unchanged; a model when its SQL and every table it reads are.
/// Fingerprints chain, so a change anywhere upstream reaches every table below it.
struct WarehousePlan {
    /// Each table's stamp for this build.
    var stamps: [String: TableStamp] = [:]
    /// The previous warehouse's tables that are still fresh (nil: build from scratch).
    var fresh: WarehouseSummary?
    /// One explanation per table, in build order.
    var explanations: [BuildReport.Explanation] = []

    /// Whether the previous warehouse can be used as it is.
    var warehouseIsFresh: Bool {
        guard let fresh else { return false }
        return explanations.allSatisfy { $0.status == .fresh } && fresh.tables.count + fresh.models.count == stamps.count
    }

    /// - Parameters:
    ///   - warehouseValid: whether the previous warehouse file is exactly as the last build left it.
    init(project: ProjectFile, models: [ModelSpec], inputs: InputFiles, previous: BuildState?, warehouseValid: Bool) {
        for source in project.sources {
            stamps[source.tableName] = TableStamp(inputs: [
                source.path: inputs.contentHash(of: source.path) ?? "missing",
                "source '\(source.name)' in podium.yaml": SHA256.hex(Self.canonical(source)),
                InputFiles.toolName: inputs.tool,
            ])
        }
        for model in models {
            var parts = [model.path: SHA256.hex(model.sql), InputFiles.toolName: inputs.tool]
            for dependency in model.dependencies {
                parts["table \(dependency)"] = stamps[dependency]?.fingerprint ?? "missing"
            }
            stamps[model.name] = TableStamp(inputs: parts)
        }

        let usable = warehouseValid ? previous : nil
        var keptTables: [StagedTable] = []
        var keptModels: [WarehouseSummary.Model] = []
        let order = project.sources.map(\.tableName) + models.map(\.name)
        let multiFile = Dictionary(project.sources.filter(\.isMultiFile).map { ($0.tableName, $0) }, uniquingKeysWith: { first, _ in first })
        for name in order {
            let stamp = stamps[name]!
            var reason = stamp.reason(comparedWith: previous?.tables[name])
            if reason == nil, !warehouseValid {
                reason = "the warehouse file is missing or was changed outside podium"
            }
            if reason != nil, let source = multiFile[name], let previous,
               let update = Self.update(source, stamp: stamp, previous: previous, usable: usable, inputs: inputs) {
                // Only some files changed: the table is kept and updated file by file.
                keptTables.append(update.table)
                explanations.append(.init(kind: .table, name: name, status: .rebuilt, reason: update.reason))
                continue
            }
            if reason == nil {
                if let table = usable?.summary?.tables.first(where: { $0.name == name }) {
                    keptTables.append(table)
                } else if let model = usable?.summary?.models.first(where: { $0.name == name }) {
                    keptModels.append(model)
                } else {
                    reason = "not in the previous warehouse"
                }
            }
            explanations.append(.init(kind: .table, name: name, status: reason == nil ? .fresh : .rebuilt, reason: reason))
        }
        if usable != nil { fresh = WarehouseSummary(tables: keptTables, models: keptModels) }
        for name in (usable?.tables.keys.sorted() ?? []) where stamps[name] == nil {
            explanations.append(.init(kind: .table, name: name, status: .removed, reason: "no longer declared"))
        }
    }

    /// The previous table of a multi-file source with the files that can be kept (`reusableFiles`),
    /// when only the source's files changed (not its declaration or the tool) and some are unchanged;
    /// and what changed, in words.
    private static func update(_ source: SourceSpec, stamp: TableStamp, previous: BuildState, usable: BuildState?,
                               inputs: InputFiles) -> (table: StagedTable, reason: String)? {
        guard let before = previous.tables[source.tableName],
              stamp.inputs.filter({ $0.key != source.path }) == before.inputs.filter({ $0.key != source.path }),
              var table = usable?.summary?.tables.first(where: { $0.name == source.tableName }),
              let files = table.files, let current = inputs.globs[source.path], !current.isEmpty else { return nil }
        let now = Set(current)
        let reusable = Set(files.map(\.path).filter { path in
            now.contains(path) && inputs.stamps[path] != nil && previous.inputs[path]?.sha256 == inputs.stamps[path]?.sha256
        })
        guard !reusable.isEmpty else { return nil }
        table.reusableFiles = reusable
        let had = Set(files.map(\.path))
        var changes = current.filter { !reusable.contains($0) }.map { "\($0) \(had.contains($0) ? "changed" : "added")" }
        changes += files.map(\.path).filter { !now.contains($0) }.map { "\($0) removed" }
        let shown = changes.prefix(3).joined(separator: ", ") + (changes.count > 3 ? " and \(changes.count - 3) more" : "")
        return (table, "\(shown.isEmpty ? "files changed" : shown)")
    }

    /// A source's declaration in a form that ignores where in podium.yaml it is written.
    private static func canonical(_ source: SourceSpec) -> String {
        var text = "name=\(source.name)\npath=\(source.path)\nkey=\(source.key.joined(separator: ","))\n"
        // Tokens are length-prefixed: no spelling of one can imitate a list of others.
        func tokens(_ list: [String]) -> String { list.map { "\($0.utf8.count):\($0)" }.joined(separator: ",") }
        if !source.nullValues.isEmpty { text += "null_values=\(tokens(source.nullValues))\n" }
        if source.keySeverity != .error { text += "key_severity=\(source.keySeverity.rawValue)\n" }
        if let sheet = source.sheet { text += "sheet=\(tokens([sheet]))\n" }
        if let headerRow = source.headerRow { text += "header_row=\(headerRow)\n" }
        for column in source.columns {
            text += "column=\(column.header)|\(column.name)|\(column.type?.rawValue ?? "")|\(column.required)"
            text += column.nullValues.map { "|null_values=\(tokens($0))\n" } ?? "\n"
        }
        for reference in source.references {
            text += "reference=\(reference.column)|\(reference.targetSource)|\(reference.targetColumn)"
                + (reference.severity == .error ? "\n" : "|\(reference.severity.rawValue)\n")
        }
        return text
    }
}
