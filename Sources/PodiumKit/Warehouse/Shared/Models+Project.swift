import Foundation

extension Models {
    /// The models in `directory` for `engine`, in the order they must run.
    /// - Throws: `DiagnosticsError` for unreadable or invalid model files and dependency cycles.
    static func ordered(directory: URL, displayDirectory: String, sources: [SourceSpec], engine: String) throws -> [ModelSpec] {
        let knownTables = Set(sources.map(\.tableName))
        let found = try Models.discover(
            directory: directory, displayDirectory: displayDirectory, knownTables: knownTables, engine: engine)
        return try Models.order(found, knownTables: knownTables)
    }
}

extension ProjectFile {
    /// The project's models for `engine` (`WarehouseBackend.dialect.engine`), in run order, and the
    /// problems found in them, which are reported with the sources' own.
    func orderedModels(root: URL, engine: String) throws -> (models: [ModelSpec], problems: [Diagnostic]) {
        guard let folder = models else { return ([], []) }
        do {
            return (try Models.ordered(directory: root.appendingPathComponent(folder), displayDirectory: folder,
                                       sources: sources, engine: engine), [])
        } catch let error as DiagnosticsError {
            return ([], error.diagnostics)
        }
    }
}
