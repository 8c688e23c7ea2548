import Foundation

/// The embedded SQLite warehouse, a file of the project, as a `WarehouseBackend`.
///
/// A build goes into `<file>.next` (`WarehouseBuilder`: a copy of the published file in which
/// only the stale tables are rebuilt), which `publish()` renames over the file. The prepared file
/// takes any number of read-only connections at once.
final class SQLiteWarehouse: WarehouseBackend {
    /// The published warehouse.
    let file: URL
    /// The warehouse as written in podium.yaml.
    let identity: String
    let projectRoot: URL
    /// The file readers read: `next` once built, else the published file.
    private var prepared: URL

    init(file: URL, identity: String, projectRoot: URL) {
        self.file = file
        self.identity = identity
        self.projectRoot = projectRoot
        prepared = file
    }

    /// Where a build goes before it is published.
    var next: URL { file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + ".next") }

    var dialect: SQLDialect { .sqlite }
    var concurrentReaders: (@Sendable (_ count: Int) throws -> WarehouseWorkers)? {
        let path = prepared.path
        return { count in try WarehouseWorkers.sqlite(path: path, count: count) }
    }
    var size: Int64? { FileStamp.stat(prepared.path)?.size }
    var cacheKeySuffix: String { "" }

    func matches(_ previous: FileStamp?) -> Bool {
        previous.map { OutputCheck.matches(file.path, $0) } ?? false
    }

    func stamp() -> FileStamp? {
        OutputCheck.stamp(file.path)
    }

    /// Removes temporary warehouse files and an unpublished `next`.
    func removeFiles() throws -> [String] {
        let path = ProjectPath.normalized(identity)
        guard path != ".podium", !path.hasPrefix(".podium/"), FileManager.default.fileExists(atPath: file.path) else { return [] }
        try FileManager.default.removeItem(at: file)
        return [identity]
    }

    func removeLeftovers() {
        let folder = file.deletingLastPathComponent()
        let name = file.lastPathComponent
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where entry.hasPrefix(".\(name)") && entry.hasSuffix(".tmp") || entry == "\(name).next" {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(entry))
        }
    }

    func prepare(fresh: WarehouseSummary?, base: WarehouseSummary?, projectRoot: URL, sources: [SourceSpec],
                 models: [ModelSpec], earlierProblems: () -> [Diagnostic],
                 besideModels: ReadsBesideModels?) throws -> WarehouseSummary {
        func throwIfErrors(_ diagnostics: [Diagnostic]) throws {
            let errors = diagnostics.filter { $0.severity == .error }
            if !errors.isEmpty { throw DiagnosticsError(errors) }
        }
        if let fresh {
            try throwIfErrors(earlierProblems())
            prepared = file
            return fresh
        }
        var builder = WarehouseBuilder(projectRoot: projectRoot, sources: sources, modelsDirectory: nil, modelsDisplayDirectory: "")
        builder.besideModels = besideModels
        let summary = try builder.build(to: next, models: models, base: base.map { (file, $0) }, earlierProblems: earlierProblems)
        try throwIfErrors(earlierProblems())
        prepared = next
        return summary
    }

    /// Indexes the columns `keys` name, in the new file only (a published file is left as it
    /// is), skipping a key whose table lacks the column.
    func addIndexes(_ keys: [WarehouseIndexes.Key]) throws {
        guard prepared == next, !keys.isEmpty else { return }
        let database = try SQLiteDatabase(path: next.path)
        defer { try? database.close() }
        // As while building: the file is made again from the sources if anything fails. The
        // builder's 8 MiB cache sorts the index in memory up to that size.
        try database.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -8192")
        for key in keys where try database.columns(of: key.table).contains(where: { $0.name == key.column }) {
            try database.execute(key.createSQL)
        }
        try database.close()
    }

    func readers(count: Int) throws -> WarehouseWorkers {
        try WarehouseWorkers.sqlite(path: prepared.path, count: count)
    }

    func publish() throws {
        guard prepared == next else { return }
        try FileSystem.replaceItem(at: file, with: next)
        prepared = file
    }

    func discard() {
        try? FileManager.default.removeItem(at: next)
        prepared = file
    }

    func readPublished<R>(_ body: (any WarehouseEngine) throws -> R) throws -> R? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let database = try SQLiteDatabase(path: file.path, mode: .readOnly)
        defer { try? database.close() }
        return try body(database)
    }

    func diagnosed(_ error: any Error, while doing: String) -> any Error {
        error
    }
}
