import Foundation

/// What `podium build` was asked to do.
public struct BuildOptions: Sendable {
    /// The project folder (holding podium.yaml).
    public var projectRoot: URL
    /// Whether a failed data test fails the build (`--strict`) instead of being a warning.
    public var strict: Bool = false

    public init(projectRoot: URL, strict: Bool = false) {
        self.projectRoot = projectRoot.standardizedFileURL
        self.strict = strict
    }
}

/// What a successful build did. Produced by `Podium.build(_:)`.
public struct BuildReport: Sendable {
    /// One pipeline stage and its wall time in seconds.
    public struct StageTiming: Sendable {
        public var stage: String
        public var seconds: Double
    }

    public var pages: Int = 0
    public var charts: Int = 0
    public var tables: Int = 0
    public var files: Int = 0
    /// The output folder, relative to the project root.
    public var output: String = ""
    public var timings: [StageTiming] = []
    /// Warnings found on the way (errors stop the build instead).
    public var warnings: [Diagnostic] = []
}
