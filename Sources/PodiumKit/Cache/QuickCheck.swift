import Foundation

/// The no-change check of a build, kept in `.podium/quick` apart from `state.json` so that a
/// build with nothing to do needs no YAML or JSON parsing: one line per input (with its stat data),
/// per folder whose files are inputs, and per output file. If every stat matches, no file was
/// added to an input folder, and the warehouse and site are as the last build left them, the
/// build is fresh. Any doubt falls back to the full check, which hashes.
///
/// The check belongs to the project folder it was written for (`root`): a copied or moved project
/// finds another folder there and takes the full check, which keys everything by relative path, so
/// it never reads the files of the folder it came from (nor reports that folder as its output).
struct QuickCheck {
    struct Input {
        var name: String
        var path: String
        var stamp: FileStamp?  // nil: the input was missing
    }

    var buildKey = ""
    var writtenAt: Int64 = 0
    /// The project folder the check was written for, as the build was given it.
    var root = ""
    /// The output folder, relative to `root`.
    var outputFolder = ""
    var warehousePath = ""
    var warehouse: FileStamp?
    /// `state.json` as written with this check: if it was damaged or replaced since, take the full path.
    var statePath = ""
    var state: FileStamp?
    var inputs: [Input] = []
    var folders: [InputFolder] = []
    /// The `path:` patterns of multi-file sources: the files they match now must be the inputs
    /// recorded for them (none added, none removed).
    var globs: [String] = []
    var outputs: [String: FileStamp] = [:]
    var tables: [String] = []
    var results: [String] = []
    var tests: [String] = []
    var profiles: [String] = []
    var pages = 0
    var warnings = 0
    var charts = 0
    var tableBlocks = 0
    var kpiBlocks = 0

    private static let fileName = "quick"

    /// The report of a fresh build, or nil if anything may have changed.
    /// - Parameter cacheFolder: the project's `.podium` folder (the project is the folder holding it).
    static func freshReport(cacheFolder: URL) -> BuildReport? {
        guard let body = ChecksummedFile.read(cacheFolder.appendingPathComponent(fileName)),
              let check = QuickCheck(body), check.root == projectRoot(of: cacheFolder), check.isFresh else { return nil }
        var report = BuildReport()
        report.output = check.outputFolder
        report.pages = check.pages
        report.charts = check.charts
        report.tableBlocks = check.tableBlocks
        report.kpiBlocks = check.kpiBlocks
        report.tables = check.tables.count
        report.files = check.outputs.count
        report.dataTests = (check.tests.count, 0)  // a build with failed tests (warnings) takes the full check
        report.explanations = check.tables.map { .init(kind: .table, name: $0, status: .fresh) }
            + check.tests.map { .init(kind: .test, name: $0, status: .fresh) }
            + check.profiles.map { .init(kind: .profile, name: $0, status: .fresh) }
            + check.results.map { .init(kind: .result, name: $0, status: .fresh) }
            + check.outputs.keys.sorted().map { .init(kind: .file, name: $0, status: .fresh) }
        return report
    }

    private var isFresh: Bool {
        guard warnings == 0, let warehouse, OutputCheck.matches(warehousePath, warehouse),
              let state, OutputCheck.matches(statePath, state) else { return false }
        for input in inputs {
            // Another podium binary than the one that wrote the check (an upgrade, or a debug
            // build after a release one) may render differently: take the full check.
            if input.name == InputFiles.toolName, input.path != PackageResources.executablePath { return false }
            guard let stamp = input.stamp else {
                if FileStamp.stat(input.path) != nil { return false }
                continue
            }
            guard stamp.modified < writtenAt, OutputCheck.matches(input.path, stamp) else { return false }
        }
        let known = Set(inputs.map(\.name))
        for folder in folders {
            // A file put where the folder should be (an input of its own: see `InputFiles`).
            if !known.contains(folder.prefix), FileStamp.stat(folder.path) != nil { return false }
            let present = folder.files().map(\.name)
            let recorded = known.filter { $0.hasPrefix(folder.prefix + "/") && (folder.suffix.map($0.hasSuffix) ?? true) }
            if Set(present) != recorded { return false }
        }
        for pattern in globs {
            let glob = PathGlob(pattern)
            let present = glob.files(under: root)
            if present.count != known.count(where: glob.matches) || !present.allSatisfy(known.contains) { return false }
        }
        return OutputCheck.folderMatches(URL(fileURLWithPath: root).appendingPathComponent(outputFolder), outputs)
    }

    /// The path of the project whose cache is `cacheFolder`, as recorded in the check.
    private static func projectRoot(of cacheFolder: URL) -> String {
        cacheFolder.deletingLastPathComponent().path
    }

    /// Saves the check for the build that just finished.
    static func save(_ state: BuildState, inputs: InputFiles, root: URL, project: ProjectFile, to cacheFolder: URL) throws {
        var lines = ["key \(state.buildKey)", "written \(state.writtenAt)",
                     "root \(LineFields.escape(projectRoot(of: cacheFolder)))",
                     "output \(LineFields.escape(project.output))",
                     "warehouse \(LineFields.escape(root.appendingPathComponent(project.warehouse).path)) \(stampText(state.warehouse))",
                     "counts \(state.pages) \(state.warnings.count) \(state.charts) \(state.tableBlocks) \(state.kpiBlocks)"]
        let statePath = cacheFolder.appendingPathComponent(BuildState.fileName).path
        lines.append("state \(LineFields.escape(statePath)) \(stampText(OutputCheck.stamp(statePath)))")
        for name in inputs.paths.keys.sorted() {
            lines.append("input \(LineFields.escape(name)) \(LineFields.escape(inputs.paths[name]!)) \(stampText(inputs.stamps[name]))")
        }
        for folder in inputs.folders {
            lines.append("folder \(LineFields.escape(folder.prefix)) \(LineFields.escape(folder.path)) \(folder.suffix.map(LineFields.escape) ?? "-")")
        }
        for pattern in inputs.globs.keys.sorted() { lines.append("glob \(LineFields.escape(pattern))") }
        for name in inputs.missing where inputs.paths[name] == nil {
            lines.append("input \(LineFields.escape(name)) \(LineFields.escape(root.appendingPathComponent(name).path)) -")
        }
        for path in state.outputs.keys.sorted() { lines.append("out \(LineFields.escape(path)) \(stampText(state.outputs[path]))") }
        for name in state.tables.keys.sorted() { lines.append("table \(LineFields.escape(name))") }
        for id in state.results.keys.sorted() { lines.append("result \(LineFields.escape(id))") }
        for id in state.tests.keys.sorted() { lines.append("test \(LineFields.escape(id))") }
        for name in state.profiles.keys.sorted() { lines.append("profile \(LineFields.escape(name))") }
        try ChecksummedFile.write(Data((lines.joined(separator: "\n") + "\n").utf8),
                                  to: cacheFolder.appendingPathComponent(fileName))
    }

    /// Removes the check, so the next build takes the full path.
    static func remove(from cacheFolder: URL) {
        try? FileManager.default.removeItem(at: cacheFolder.appendingPathComponent(fileName))
    }

    // MARK: - Text form

    private init?(_ body: Data) {
        let lines = body.withUnsafeBytes { LineFields.fields(of: $0) }
        for fields in lines {
            guard let kind = fields.first else { return nil }
            switch (kind, fields.count) {
            case ("key", 2): buildKey = fields[1]
            case ("written", 2): guard let value = Int64(fields[1]) else { return nil }; writtenAt = value
            case ("root", 2): root = fields[1]
            case ("output", 2): outputFolder = fields[1]
            case ("warehouse", 3...): warehousePath = fields[1]; warehouse = Self.stamp(fields.dropFirst(2))
            case ("state", 3...): statePath = fields[1]; state = Self.stamp(fields.dropFirst(2))
            case ("counts", 6):
                guard let pages = Int(fields[1]), let warnings = Int(fields[2]), let charts = Int(fields[3]),
                      let tableBlocks = Int(fields[4]), let kpiBlocks = Int(fields[5]) else { return nil }
                (self.pages, self.warnings, self.charts, self.tableBlocks, self.kpiBlocks) = (pages, warnings, charts, tableBlocks, kpiBlocks)
            case ("input", 4...): inputs.append(Input(name: fields[1], path: fields[2], stamp: Self.stamp(fields.dropFirst(3))))
            case ("folder", 4): folders.append(InputFolder(path: fields[2], prefix: fields[1], suffix: fields[3] == "-" ? nil : fields[3]))
            case ("glob", 2): globs.append(fields[1])
            case ("out", 3...): guard let stamp = Self.stamp(fields.dropFirst(2)) else { return nil }; outputs[fields[1]] = stamp
            case ("table", 2): tables.append(fields[1])
            case ("result", 2): results.append(fields[1])
            case ("test", 2): tests.append(fields[1])
            case ("profile", 2): profiles.append(fields[1])
            default: return nil
            }
        }
        // A check without a root (written by an older podium) is not trusted.
        if buildKey.isEmpty || root.isEmpty || outputFolder.isEmpty || warehousePath.isEmpty { return nil }
    }

    private static func stampText(_ stamp: FileStamp?) -> String {
        stamp.map { $0.lineFields.map(LineFields.escape).joined(separator: " ") } ?? "-"
    }

    private static func stamp(_ fields: ArraySlice<String>) -> FileStamp? { FileStamp(lineFields: fields) }

}
