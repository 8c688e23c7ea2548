import Foundation

/// The entry points of PodiumKit, one per command.
public enum Podium {
    /// The tool's version; part of every cache key and of the data files' provenance.
    public static let version = "0.1.0"

    /// Runs the whole pipeline for a project and publishes its site, reusing whatever the cache
    /// proves fresh.
    ///
    /// - Parameter options: the project folder and build switches.
    /// - Returns: what was built, with an explanation per table, result and output file.
    /// - Throws: `DiagnosticsError` for every problem in the project; the previous site,
    ///   warehouse and cache are left untouched.
    public static func build(_ options: BuildOptions) throws -> BuildReport {
        var report = try BuildProgress.reporting(to: options.progress) {
            try FileSystem.reportingErrors { try BuildPipeline(options: options).run() }
        }
        // The quick check keeps the output folder as an absolute path: report it, as every other
        // build does, relative to the project.
        let root = options.projectRoot.standardizedFileURL.path
        if report.output.hasPrefix("/"), report.output.hasPrefix(root + "/") {
            report.output = String(URL(fileURLWithPath: report.output).standardizedFileURL.path.dropFirst(root.count + 1))
        }
        return report
    }

    /// Deletes a project's cache: everything in `.podium/` and the warehouse file podium.yaml
    /// names. The next build starts cold and gives byte-identical output.
    /// - Returns: what was removed, as paths relative to the project.
    /// - Throws: `DiagnosticsError` when podium.yaml is missing or broken (the warehouse it names
    ///   cannot be known, so nothing is removed) or a file cannot be removed.
    public static func clean(projectRoot: URL) throws -> [String] {
        try FileSystem.reportingErrors {
            let project = try ProjectFile.load(root: projectRoot)
            let cache = projectRoot.appendingPathComponent(".podium")
            var removed: [String] = []
            let lock = try BuildLock(folder: cache)
            defer { withExtendedLifetime(lock) {} }
            for name in try FileManager.default.contentsOfDirectory(atPath: cache.path).sorted() where name != "lock" {
                try FileManager.default.removeItem(at: cache.appendingPathComponent(name))
                removed.append(".podium/\(name)")
            }
            // podium.yaml's warehouse, not `--warehouse`: clean takes no override.
            removed += try project.warehouseBackend(root: projectRoot, override: nil).removeFiles()
            return removed
        }
    }
}
