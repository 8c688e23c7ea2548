import Foundation

/// Stage 1 of a full check: the project file read, every input hashed, and what the last build
/// left compared with it.
struct Fingerprint {
    let project: ProjectFile
    /// What the last build saved, if anything.
    let previous: BuildState?
    /// When this build started (wall clock), for the racy-file rule of the next build.
    let startedAt: Int64
    /// The warehouse (podium.yaml, `--warehouse` or `PODIUM_WAREHOUSE`), not yet opened.
    let backend: any WarehouseBackend
    let inputs: InputFiles
    /// The hash of every input and setting that shapes the output.
    let buildKey: String
    let outputURL: URL
    /// Whether the warehouse is the one the last build left.
    let warehouseValid: Bool

    init(root: URL, cacheFolder: URL, warehouseOverride: String?) throws {
        previous = BuildState.load(from: cacheFolder)
        startedAt = StageClock.fileClockNanoseconds()
        project = try ProjectFile.load(root: root)
        backend = try project.warehouseBackend(root: root, override: warehouseOverride)
        inputs = try InputFiles(root: root, project: project, previous: previous, racyBefore: previous?.writtenAt ?? 0)
        buildKey = inputs.key(extra: "output=\(project.output)\nwarehouse=\(backend.identity)")
        outputURL = root.appendingPathComponent(project.output)
        warehouseValid = backend.matches(previous?.warehouse)
    }

    /// The last build's state if it still holds: same inputs, the same warehouse, and the site
    /// exactly as that build wrote it.
    var unchangedState: BuildState? {
        guard let previous, previous.buildKey == buildKey, warehouseValid,
              OutputCheck.folderMatches(outputURL, previous.outputs) else { return nil }
        return previous
    }
}

/// Stage 2: the pages and templates, read on another thread while the warehouse is built, and the
/// problems found in them (reported with the warehouse's, pages first).
struct ReportReading {
    var pages: [Page] = []
    var templates: TemplateLibrary?
    var problems: [Diagnostic] = []
    var seconds = 0.0

    /// Reads them; the problems found are kept, not thrown (anything else is thrown).
    init(root: URL, project: ProjectFile) throws {
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            pages = try ReportLoader(root: root, project: project).loadPages()
        } catch let error as DiagnosticsError {
            problems += error.diagnostics
        }
        do {
            templates = try TemplateLibrary.load(projectTemplates: root.appendingPathComponent(project.templates),
                                                 displayPath: project.templates)
        } catch let error as DiagnosticsError {
            problems += error.diagnostics
        }
        seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    }
}
