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
                source.path: inputs.hash(source.path),
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
        for name in order {
            let stamp = stamps[name]!
            var reason = stamp.reason(comparedWith: previous?.tables[name])
            if reason == nil, !warehouseValid {
                reason = "the warehouse file is missing or was changed outside podium"
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
