import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds the warehouse: stages every source, then runs the models, into a SQLite file.
///
/// 1. Create a temporary file beside the target (durability pragmas off: the file is rebuilt
///    from the sources anyway).
/// 2. Stage the sources (`Staging`), and discover and order the models (`Models`), reporting
///    the problems of both together.
/// 3. Run the models.
/// 4. Close the file and rename it over the target, atomically.
///
/// On any error the temporary file is removed and an existing warehouse is left untouched.
public struct WarehouseBuilder {
    /// The folder source paths are relative to.
    public var projectRoot: URL
    /// The sources to stage, in order.
    public var sources: [SourceSpec]
    /// The models folder, or nil for a project without models.
    public var modelsDirectory: URL?
    /// The models folder as shown in diagnostics, for example `models`.
    public var modelsDisplayDirectory: String

    /// Creates a builder.
    public init(projectRoot: URL, sources: [SourceSpec], modelsDirectory: URL?, modelsDisplayDirectory: String) {
        self.projectRoot = projectRoot
        self.sources = sources
        self.modelsDirectory = modelsDirectory
        self.modelsDisplayDirectory = modelsDisplayDirectory
    }

    /// Builds the warehouse and moves it to `path`.
    /// - Returns: The staged tables and the models in run order, with row counts.
    /// - Throws: `DiagnosticsError` for problems in sources or models; `SQLiteError` for
    ///   unexpected database failures.
    public func build(to path: URL) throws -> WarehouseSummary {
        let directory = path.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(path.lastPathComponent).\(getpid()).tmp")
        Self.remove(temporary)
        do {
            let summary = try build(into: temporary)
            guard rename(temporary.path, path.path) == 0 else {
                let reason = String(cString: strerror(errno))
                throw DiagnosticsError(.error(
                    "cannot write the warehouse: \(reason)", at: .init(file: displayPath(path)),
                    hint: "check that the folder is writable"))
            }
            return summary
        } catch {
            Self.remove(temporary)
            throw error
        }
    }

    private func build(into file: URL) throws -> WarehouseSummary {
        let database = try SQLiteDatabase(path: file.path)
        defer { try? database.close() }
        try database.execute("""
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            PRAGMA cache_size = -65536;
            PRAGMA temp_store = MEMORY;
            """)
        let diagnostics = DiagnosticCollector()
        var tables: [StagedTable] = []
        do {
            tables = try Staging(projectRoot: projectRoot, sources: sources).load(into: database)
        } catch let error as DiagnosticsError {
            diagnostics.emit(contentsOf: error.diagnostics)
        }
        var models: [ModelSpec] = []
        if let modelsDirectory {
            let knownTables = Set(sources.map(\.tableName))
            do {
                let found = try Models.discover(
                    directory: modelsDirectory, displayDirectory: modelsDisplayDirectory, knownTables: knownTables)
                models = try Models.order(found, knownTables: knownTables)
            } catch let error as DiagnosticsError {
                diagnostics.emit(contentsOf: error.diagnostics)
            }
        }
        try diagnostics.throwIfErrors()
        let built = try Models.run(models, in: database)
        try database.close()
        return WarehouseSummary(tables: tables, models: built)
    }

    /// `path` relative to the project root when it is inside it.
    private func displayPath(_ path: URL) -> String {
        let root = projectRoot.standardizedFileURL.path
        let full = path.standardizedFileURL.path
        return full.hasPrefix(root + "/") ? String(full.dropFirst(root.count + 1)) : full
    }

    private static func remove(_ file: URL) {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            unlink(file.path + suffix)
        }
    }
}
