import Foundation

/// What `podium build` was asked to do.
public struct BuildOptions: Sendable {
    /// The project folder (holding podium.yaml).
    public var projectRoot: URL
    /// Whether a failed data test fails the build (`--strict`) instead of being a warning.
    public var strict: Bool
    /// Called once if another build of the same project holds the lock and this one waits.
    public var onWait: @Sendable () -> Void
    /// A PostgreSQL warehouse URL that replaces podium.yaml's `warehouse:` (`--warehouse URL`,
    /// `PODIUM_WAREHOUSE`); nil to use the project file's.
    public var warehouse: String?
    /// Called from the build's thread as it enters each stage and, while staging, every
    /// `BuildProgress.stagingInterval` rows; nil for no reports.
    public var progress: (@Sendable (BuildProgress) -> Void)?

    public init(projectRoot: URL, strict: Bool = false, warehouse: String? = nil,
                onWait: @escaping @Sendable () -> Void = {}, progress: (@Sendable (BuildProgress) -> Void)? = nil) {
        self.projectRoot = projectRoot.standardizedFileURL
        self.strict = strict
        self.warehouse = warehouse
        self.onWait = onWait
        self.progress = progress
    }
}
