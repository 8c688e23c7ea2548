/// What a build is doing, as it goes: the stage it entered, and while a source is staged, how
/// many of its rows are loaded. `podium build` shows it on a terminal (`BuildOptions.progress`);
/// PodiumKit itself never prints.
public enum BuildProgress: Sendable, Equatable {
    /// A stage began: `fingerprint`, `build warehouse`, `models`, `data tests`, `query`, `render`, `publish`.
    case stage(String)
    /// `rows` rows of source `source` are loaded so far (reported every `stagingInterval` rows).
    case staging(source: String, rows: Int)

    /// How many rows pass between two `.staging` reports.
    static let stagingInterval = 1 << 16

    /// The receiver of the build running on this thread, if any: set by `BuildPipeline.run`
    /// for its duration, read where a stage starts (so the warehouse engines need no parameter
    /// for it).
    @TaskLocal static var current: (@Sendable (BuildProgress) -> Void)?

    /// Reports `event` to the build's receiver, if it has one.
    static func report(_ event: BuildProgress) {
        current?(event)
    }
}
