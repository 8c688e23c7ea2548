import Foundation

/// What `podium build` was asked to do.
public struct BuildOptions: Sendable {
    /// The project folder (holding podium.yaml).
    public var projectRoot: URL
    /// Called once if another build of the same project holds the lock and this one waits.
    public var onWait: @Sendable () -> Void

    public init(projectRoot: URL, onWait: @escaping @Sendable () -> Void = {}) {
        self.projectRoot = projectRoot.standardizedFileURL
        self.onWait = onWait
    }
}
