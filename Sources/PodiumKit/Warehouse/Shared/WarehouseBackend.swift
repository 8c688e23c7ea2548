import Foundation

/// A warehouse as the build, the catalog and `podium query` use it, whatever the engine — in the
/// spirit of GRDB's `DatabaseWriter`/`DatabaseReader`: this protocol builds and publishes, and
/// `WarehouseEngine` (from `readers(count:)`) reads. The caller never asks which engine it is;
/// what legitimately differs is a capability here:
///
/// - SQLite (`SQLiteWarehouse`) builds incrementally into a copy of the file beside it
///   (`prepare`), lets data tests read beside the chart queries on connections of their own
///   (`concurrentReaders`, up to a `size`), and publishes by renaming the file.
/// - PostgreSQL (`PostgresWarehouse`) rebuilds the schema into `<schema>_next` on one connection
///   and publishes by renaming the schema.
///
/// `ProjectFile.warehouseBackend(root:override:scratchFolder:)` picks the backend.
protocol WarehouseBackend: AnyObject {
    /// The engine's SQL spellings; `dialect.engine` also picks the models marked `-- engine:`.
    var dialect: SQLDialect { get }
    /// What names this warehouse in the build key: the file as written in podium.yaml, or the
    /// server, database and schema.
    var identity: String { get }
    /// Whether the published warehouse is still the one the last build stamped (`stamp()`).
    func matches(_ previous: FileStamp?) -> Bool
    /// The published warehouse's stamp, saved in the build state.
    func stamp() -> FileStamp?
    /// Removes what killed builds left behind. Runs under the build lock.
    func removeLeftovers()
    /// For `podium clean`: removes the files of the warehouse that live outside `.podium/` (which
    /// clean empties anyway), so the next build starts cold; returns them as podium.yaml names
    /// them. A server's warehouse keeps its tables: the emptied build state rebuilds them.
    func removeFiles() throws -> [String]

    /// Makes the warehouse ready to read, unpublished: the published one as it is when `fresh`
    /// (nothing changed since the last build) is given, else a new build, which keeps the tables
    /// of `base` (still fresh) where the engine can.
    /// - Parameters:
    ///   - models: the models in run order.
    ///   - earlierProblems: the problems found before (pages, templates, models), asked for once
    ///     the sources are loaded and reported after the sources' own; with an error among them,
    ///     no model runs and nothing is kept.
    ///   - besideModels: work to start on the staged tables while the models run, where the
    ///     engine can (see ``ReadsBesideModels``).
    /// - Returns: the staged tables and the models with their row counts.
    /// - Throws: `DiagnosticsError` for every problem.
    func prepare(fresh: WarehouseSummary?, base: WarehouseSummary?, projectRoot: URL, sources: [SourceSpec],
                 models: [ModelSpec], earlierProblems: () -> [Diagnostic],
                 besideModels: ReadsBesideModels?) throws -> WarehouseSummary
    /// Adds indexes (`WarehouseIndexes`) to the prepared warehouse when this build made it: a
    /// warehouse reused as it was keeps the indexes it has. The engines without (PostgreSQL,
    /// for now) add none.
    func addIndexes(_ keys: [WarehouseIndexes.Key]) throws
    /// Opens read-only connections to the prepared warehouse from any thread, while this one
    /// reads too (on their own connections); nil where the engine has one connection only.
    var concurrentReaders: (@Sendable (_ count: Int) throws -> WarehouseWorkers)? { get }
    /// The prepared warehouse's size in bytes, where the engine knows it.
    var size: Int64? { get }
    /// Up to `count` read-only connections to the prepared warehouse.
    func readers(count: Int) throws -> WarehouseWorkers
    /// Puts the prepared warehouse in place of the published one (nothing to do when it is the
    /// published one).
    func publish() throws
    /// Drops the prepared warehouse if it was not published.
    func discard()

    /// Runs `body` on the published warehouse, read-only; nil when nothing is published yet.
    func readPublished<R>(_ body: (any WarehouseEngine) throws -> R) throws -> R?
    /// `error` as the engine reports a failure of the warehouse itself while `doing` something
    /// (a diagnostic naming the server), or `error` itself.
    func diagnosed(_ error: any Error, while doing: String) -> any Error
    /// Added to the tool's name in the result cache's keys, so the engines' results are kept apart.
    var cacheKeySuffix: String { get }
}

extension WarehouseBackend {
    func addIndexes(_ keys: [WarehouseIndexes.Key]) throws {}
}
