/// Work that reads the staged tables while the models are built: the data tests and column
/// profiles that read staging tables only (`QualityStage.runBesideModels`), on the core the
/// models leave idle. Given a way to open read-only connections to the staged tables, and the
/// tables, it starts on a thread of its own and returns. It reports nothing itself: what it did
/// not do is done after the build, with the rest.
///
/// Only engines whose file can be read while it is written take it (SQLite, with the file in WAL
/// mode meanwhile); PostgreSQL builds on one connection and ignores it.
typealias ReadsBesideModels = @Sendable (
    _ readers: @escaping @Sendable (_ count: Int) throws -> WarehouseWorkers, _ tables: [StagedTable]
) -> BesideModels

/// The work `ReadsBesideModels` started.
struct BesideModels: Sendable {
    /// Tells the work that the models are built: it starts no other job.
    var stop: @Sendable () -> Void
    /// Returns once the work is over (its connections closed).
    var wait: @Sendable () -> Void
}
