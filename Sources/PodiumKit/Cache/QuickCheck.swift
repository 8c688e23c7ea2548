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
                     "root \(escape(projectRoot(of: cacheFolder)))",
                     "output \(escape(project.output))",
                     "warehouse \(escape(root.appendingPathComponent(project.warehouse).path)) \(stampText(state.warehouse))",
                     "counts \(state.pages) \(state.warnings.count) \(state.charts) \(state.tableBlocks) \(state.kpiBlocks)"]
        let statePath = cacheFolder.appendingPathComponent(BuildState.fileName).path
        lines.append("state \(escape(statePath)) \(stampText(OutputCheck.stamp(statePath)))")
        for name in inputs.paths.keys.sorted() {
            lines.append("input \(escape(name)) \(escape(inputs.paths[name]!)) \(stampText(inputs.stamps[name]))")
        }
        for folder in inputs.folders {
            lines.append("folder \(escape(folder.prefix)) \(escape(folder.path)) \(folder.suffix.map(escape) ?? "-")")
        }
        for pattern in inputs.globs.keys.sorted() { lines.append("glob \(escape(pattern))") }
        for name in inputs.missing where inputs.paths[name] == nil {
            lines.append("input \(escape(name)) \(escape(root.appendingPathComponent(name).path)) -")
        }
        for path in state.outputs.keys.sorted() { lines.append("out \(escape(path)) \(stampText(state.outputs[path]))") }
        for name in state.tables.keys.sorted() { lines.append("table \(escape(name))") }
        for id in state.results.keys.sorted() { lines.append("result \(escape(id))") }
        for id in state.tests.keys.sorted() { lines.append("test \(escape(id))") }
        for name in state.profiles.keys.sorted() { lines.append("profile \(escape(name))") }
        try ChecksummedFile.write(Data((lines.joined(separator: "\n") + "\n").utf8),
                                  to: cacheFolder.appendingPathComponent(fileName))
    }

    /// Removes the check, so the next build takes the full path.
    static func remove(from cacheFolder: URL) {
        try? FileManager.default.removeItem(at: cacheFolder.appendingPathComponent(fileName))
    }

    // MARK: - Text form

    private init?(_ body: Data) {
        let lines = body.withUnsafeBytes { Self.fields(of: $0) }
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

    /// The lines of `bytes`, each split at spaces into unescaped fields, in one pass over the bytes
    /// (this runs on every no-change build, so it avoids Foundation's string searching).
    static func fields(of bytes: UnsafeRawBufferPointer) -> [[String]] {
        var lines: [[String]] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var fieldStart = 0
        var index = 0
        func endField() {
            let empty = index - fieldStart == 2 && field == [UInt8(ascii: "%")]  // the raw field was "%"
            fields.append(empty ? "" : String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldStart = index
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: " "): endField()
            case UInt8(ascii: "\n"):
                endField()
                lines.append(fields)
                fields.removeAll(keepingCapacity: true)
            case UInt8(ascii: "%") where index + 1 < bytes.count:
                if let high = hexValue(bytes[index]), let low = hexValue(bytes[index + 1]) {
                    field.append(high << 4 | low)
                    index += 2
                } else {
                    field.append(byte)
                }
            default: field.append(byte)
            }
        }
        if !field.isEmpty || !fields.isEmpty {
            index += 1  // as if a newline followed
            endField()
            lines.append(fields)
        }
        return lines
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func stampText(_ stamp: FileStamp?) -> String {
        guard let stamp else { return "-" }
        return "\(stamp.size) \(stamp.modified) \(stamp.inode) \(stamp.changed) \(stamp.sha256.isEmpty ? "-" : escape(stamp.sha256))"
    }

    private static func stamp(_ fields: ArraySlice<String>) -> FileStamp? {
        let values = Array(fields)
        guard values.count == 5, let size = Int64(values[0]), let modified = Int64(values[1]),
              let inode = UInt64(values[2]), let changed = Int64(values[3]) else { return nil }
        return FileStamp(sha256: values[4] == "-" ? "" : values[4], size: size, modified: modified, inode: inode, changed: changed)
    }

    /// Spaces, newlines and `%` percent-encoded, so every field is one word.
    private static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case " ": out += "%20"
            case "\n": out += "%0A"
            case "\r": out += "%0D"
            case "\t": out += "%09"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out.isEmpty ? "%" : out
    }
}
