import Foundation

/// The entry points of PodiumKit, one per command.
public enum Podium {
    /// The tool's version; part of every cache key and of the data files' provenance.
    public static let version = "0.1.0"

    /// Runs the whole pipeline for a project and publishes its site.
    ///
    /// - Parameter options: the project folder and build switches.
    /// - Returns: what was built.
    /// - Throws: `DiagnosticsError` for every problem in the project; the previous site and
    ///   warehouse are left untouched.
    public static func build(_ options: BuildOptions) throws -> BuildReport {
        try BuildPipeline(options: options).run()
    }
}
