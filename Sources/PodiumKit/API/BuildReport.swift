/// What a successful build did. Produced by `Podium.build(_:)`.
public struct BuildReport: Sendable {
    /// One pipeline stage, its wall time in seconds, and the process's peak resident memory
    /// when it ended (Linux's VmHWM; nil where unknown, and for stages timed on another thread).
    public struct StageTiming: Sendable {
        public var stage: String
        public var seconds: Double
        public var peakMemoryBytes: Int?

        public init(stage: String, seconds: Double, peakMemoryBytes: Int? = nil) {
            self.stage = stage
            self.seconds = seconds
            self.peakMemoryBytes = peakMemoryBytes
        }
    }

    /// Whether one table, result or output file was reused or made anew, and why.
    public struct Explanation: Sendable, Equatable, CustomStringConvertible {
        /// What kind of thing the explanation is about.
        public enum Kind: String, Sendable { case table, result, file }
        /// What the build did with it.
        public enum Status: String, Sendable { case fresh, rebuilt, removed }

        public var kind: Kind
        public var name: String
        public var status: Status
        /// Why it was rebuilt or removed (nil when fresh).
        public var reason: String?

        /// `[rebuilt] table src_medals: data/tokyo2021/Medals.csv changed`
        public var description: String {
            "[\(status.rawValue)] \(kind.rawValue) \(name)" + (reason.map { ": \($0)" } ?? "")
        }
    }

    public var pages: Int = 0
    public var charts: Int = 0
    public var tables: Int = 0
    public var files: Int = 0
    /// Output files written (added or changed) and removed by this build.
    public var written: Int = 0
    public var removed: Int = 0
    /// Chart queries actually run (the others were served from the result cache).
    public var queriesRun: Int = 0
    /// The output folder, relative to the project root.
    public var output: String = ""
    public var timings: [StageTiming] = []
    /// For every table, result and output file: fresh or rebuilt, and why.
    public var explanations: [Explanation] = []
    /// Warnings found on the way (errors stop the build instead).
    public var warnings: [Diagnostic] = []
}
