import Foundation

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

    /// The receiver of the build running on this thread, if any: set by `Podium.build` for its
    /// duration (`reporting(to:_:)`), read where a stage starts, so the warehouse engines need no
    /// parameter for it. (A thread-local value rather than a `@TaskLocal`: the latter crashed in
    /// the statically linked release binary when set outside a task.)
    static var current: (@Sendable (BuildProgress) -> Void)? {
        (Thread.current.threadDictionary[receiverKey] as? Receiver)?.report
    }

    /// Runs `body` with `receiver` as this thread's `current`.
    static func reporting<T>(to receiver: (@Sendable (BuildProgress) -> Void)?, _ body: () throws -> T) rethrows -> T {
        guard let receiver else { return try body() }
        let dictionary = Thread.current.threadDictionary
        let previous = dictionary[receiverKey]
        dictionary[receiverKey] = Receiver(report: receiver)
        defer { dictionary[receiverKey] = previous }
        return try body()
    }

    /// Reports `event` to the build's receiver, if it has one.
    static func report(_ event: BuildProgress) {
        current?(event)
    }

    private static let receiverKey = "podium.buildProgress"

    private final class Receiver: NSObject {
        let report: @Sendable (BuildProgress) -> Void
        init(report: @escaping @Sendable (BuildProgress) -> Void) { self.report = report }
    }
}
