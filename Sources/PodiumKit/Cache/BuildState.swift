import Foundation

/// What the last successful build knew, saved in `.podium/state.json` (checksummed: a damaged
/// file reads as absent and the next build starts cold): the length of a JSON object on the first
/// line, the object, then the results', tests', profiles', output files' and pages' records as lines.
///
/// Written at the end of every successful build; read at the start of the next one to decide
/// what is fresh.
struct BuildState: Codable, Equatable {
    /// The format of this file; a different number reads as absent. 2: stamps carry the ctime.
    /// 3: data test results and profiles are cached; block counts. 4: pages' render keys; the
    /// bulky dictionaries as lines after the JSON (`LineSections`). 5: results' content hashes.
    static let formatVersion = 5
    /// The file's name in the cache folder.
    static let fileName = "state.json"

    var format = BuildState.formatVersion
    /// The fingerprint of the podium binary that wrote this state.
    var tool = ""
    /// Every input of the last build: relative path → stamp.
    var inputs: [String: FileStamp] = [:]
    /// The hash of every input and the tool together: equal keys mean nothing changed.
    var buildKey = ""
    /// The warehouse file as the last build left it.
    var warehouse: FileStamp?
    /// Each warehouse table (staging and model): what it was built from.
    var tables: [String: TableStamp] = [:]
    /// The staging tables and models as last built, in order (for reports of fresh builds).
    var summary: WarehouseSummary?
    /// Each chart id → what its materialized result was computed from.
    var results: [String: ResultStamp] = [:]
    /// Each data test (by `DataTest.ids`) → what its stored result was computed from.
    var tests: [String: ResultStamp] = [:]
    /// How many of those tests failed (their warnings are in `warnings`).
    var testsFailed = 0
    /// Each staging table → what its stored column profiles were computed from.
    var profiles: [String: ResultStamp] = [:]
    /// The site's chart, table and KPI blocks (for the report of a build with nothing to do).
    var charts = 0
    var tableBlocks = 0
    var kpiBlocks = 0
    /// Each output file (relative to the output folder) as written.
    var outputs: [String: FileStamp] = [:]
    /// The output folder it was written to, relative to the project.
    var output = ""
    /// podium.yaml's `url:` (normalised), to say when a page was rewritten because it changed.
    var url: String?
    /// The warnings of the build (failed data tests), repeated by builds with nothing to do.
    var warnings: [Diagnostic] = []
    /// How many pages the site has (for the report of a build with nothing to do).
    var pages = 0
    /// Each page (by name): the key of its inputs, its files and its warnings (see `PageRenders`).
    var renders: [String: PageRender] = [:]
    /// When this state was written (ns since 1970): files modified since are always re-hashed.
    var writtenAt: Int64 = 0

    /// What JSON holds; the bulky dictionaries follow it as lines (`LineSections`).
    private enum CodingKeys: String, CodingKey {
        case format, tool, inputs, buildKey, warehouse, tables, summary, testsFailed, charts, tableBlocks, kpiBlocks,
             output, url, warnings, pages, writtenAt
    }

    /// The state in `folder`, or nil when missing, damaged or from another format.
    static func load(from folder: URL) -> BuildState? {
        guard let body = ChecksummedFile.read(folder.appendingPathComponent(fileName)) else { return nil }
        return body.withUnsafeBytes { bytes -> BuildState? in
            // `<length of the JSON>\n<JSON><lines>`
            guard let newline = bytes.firstIndex(of: 0x0A), let length = Int(String(decoding: bytes[..<newline], as: UTF8.self)),
                  length >= 0, newline + 1 + length <= bytes.count,
                  var state = try? JSONDecoder().decode(BuildState.self, from: Data(bytes[(newline + 1)..<(newline + 1 + length)])),
                  state.format == formatVersion else { return nil }
            let sections = LineSections.sections(of: UnsafeRawBufferPointer(rebasing: bytes[(newline + 1 + length)...]))
            guard let results: [String: ResultStamp] = LineSections.records(sections["result"]),
                  let tests: [String: ResultStamp] = LineSections.records(sections["test"]),
                  let profiles: [String: ResultStamp] = LineSections.records(sections["profile"]),
                  let outputs: [String: FileStamp] = LineSections.records(sections["out"]),
                  let renders: [String: PageRender] = LineSections.records(sections["page"]) else { return nil }
            (state.results, state.tests, state.profiles, state.outputs, state.renders) = (results, tests, profiles, outputs, renders)
            return state
        }
    }

    /// Saves the state into `folder` atomically.
    func save(to folder: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try encoder.encode(self)
        var lines: [UInt8] = []
        LineSections.append("result", results, to: &lines)
        LineSections.append("test", tests, to: &lines)
        LineSections.append("profile", profiles, to: &lines)
        LineSections.append("out", outputs, to: &lines)
        LineSections.append("page", renders, to: &lines)
        var body = Data("\(json.count)\n".utf8)
        body.append(json)
        body.append(contentsOf: lines)
        try ChecksummedFile.write(body, to: folder.appendingPathComponent(Self.fileName))
    }
}

/// A file's identity: its content hash, with the stat data (size, mtime, inode and ctime, as git
/// compares them) that lets a later build skip re-hashing it. Correctness rests on the hash; the
/// stat data is only a shortcut (see `FileStamp.current`).
struct FileStamp: Codable, Equatable {
    var sha256: String
    var size: Int64
    /// Modification time in nanoseconds since 1970.
    var modified: Int64
    var inode: UInt64
    /// Status change time (ctime) in nanoseconds since 1970. Unlike the mtime no program can set
    /// it, so an edit whose mtime was put back (`touch -d`, `cp -p`, a restore) still shows. 0 where
    /// there is no file (a PostgreSQL warehouse's stamp).
    var changed: Int64 = 0

    /// Whether this stamp's stat data is the given one (size, mtime, inode and ctime): the file is
    /// as it was when stamped.
    func hasStat(size: Int64, modified: Int64, inode: UInt64, changed: Int64) -> Bool {
        self.size == size && self.modified == modified && self.inode == inode && self.changed == changed
    }

    /// The stat data of a file, or nil if it cannot be read.
    static func stat(_ path: String) -> (size: Int64, modified: Int64, inode: UInt64, changed: Int64)? {
        guard let info = posixStat(path), (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        let changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        return (Int64(info.st_size), modified, UInt64(info.st_ino), changed)
    }

    /// The stamp of the file at `path`, reusing `known`'s hash when size, mtime, inode and ctime are
    /// unchanged and the mtime is older than `racyBefore` (a file changed within the same clock
    /// tick as the last build is always re-hashed, as git does).
    static func current(_ path: String, known: FileStamp?, racyBefore: Int64) throws -> FileStamp {
        guard let info = stat(path) else {
            throw DiagnosticsError(.error("cannot read '\(path)'", at: .init(file: path),
                                          hint: "check that the file exists and is readable"))
        }
        if let known, known.hasStat(size: info.size, modified: info.modified, inode: info.inode, changed: info.changed),
           info.modified < racyBefore {
            return known
        }
        return FileStamp(sha256: try SHA256.hex(fileAt: path), size: info.size, modified: info.modified, inode: info.inode,
                         changed: info.changed)
    }
}

/// What one warehouse table was built from: named inputs and their hashes. The fingerprint is the
/// hash of them all; comparing inputs names what changed.
struct TableStamp: Codable, Equatable {
    var fingerprint: String
    /// Input name (e.g. `file data/Medals.csv`, `sql`, `table dim_country`) → hash.
    var inputs: [String: String]

    init(inputs: [String: String]) {
        self.inputs = inputs
        var hasher = SHA256()
        for key in inputs.keys.sorted() {
            hasher.update(key)
            hasher.update("\u{0}")
            hasher.update(inputs[key]!)
            hasher.update("\n")
        }
        fingerprint = hasher.finalize()
    }

    /// Why a table built from `self` is stale against `previous`, in words.
    func reason(comparedWith previous: TableStamp?) -> String? {
        guard let previous else { return "new" }
        if previous.fingerprint == fingerprint { return nil }
        for key in inputs.keys.sorted() where previous.inputs[key] != inputs[key] {
            return previous.inputs[key] == nil ? "\(key) added" : "\(key) changed"
        }
        for key in previous.inputs.keys.sorted() where inputs[key] == nil {
            return "\(key) removed"
        }
        return "changed"
    }
}

/// stat(2), outside `FileStamp` whose own `stat` would shadow it.
private func posixStat(_ path: String) -> stat? {
    var info = stat()
    return stat(path, &info) == 0 ? info : nil
}

/// What a chart's result was computed from: the query and the fingerprints of the tables it reads.
struct ResultStamp: Codable, Equatable {
    var key: String
    var sql: String
    var tables: [String: String]
    /// For a query's result: the SHA-256 of the result as stored (its columns and every value),
    /// so that a page quoting a result recomputed to the same values keeps its files (see
    /// `PageRenders`). Nil for data tests and profiles.
    var content: String?

    /// Why a result computed as `self` is stale against `previous`, in words.
    /// - Parameter what: what `sql` is, for the reason `query changed` (`test`, `profile`).
    func reason(comparedWith previous: ResultStamp?, what: String = "query") -> String? {
        guard let previous else { return "new" }
        if previous.key == key { return nil }
        if previous.sql != sql { return "\(what) changed" }
        for name in tables.keys.sorted() where previous.tables[name] != tables[name] {
            return "table \(name) changed"
        }
        return "podium changed"
    }
}
