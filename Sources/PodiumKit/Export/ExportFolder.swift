import Foundation

/// The folder `podium export` writes into, and its rule against overwriting: a missing or empty
/// folder is used (created with its parents), and so is one an earlier export wrote, known by its
/// marker file `.podium-export` (hidden, so Spark, Athena, pyarrow datasets and globs such as
/// `*.parquet` skip it), which lists the files the exports wrote. Anything else is an error.
///
/// Each file is written under a hidden temporary name beside its final one and renamed into
/// place, so a reader sees the old file or the new one, never half of one.
struct ExportFolder {
    /// The marker file's name.
    static let markerName = ".podium-export"
    /// The first line of the marker.
    private static let markerHeading = "# written by podium export; the files below are replaced by the next export into this folder"
    /// The suffix of files being written.
    private static let temporarySuffix = ".podium-tmp"

    /// The folder.
    let url: URL
    /// The files the marker lists (earlier exports'), sorted.
    private(set) var listed: [String]

    /// Checks that `url` may be exported into, without changing anything.
    /// - Throws: `DiagnosticsError` when `url` is a file, or a non-empty folder without the marker.
    static func check(_ url: URL) throws -> ExportFolder {
        let path = url.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            return ExportFolder(url: url, listed: [])
        }
        guard isFolder.boolValue else {
            throw DiagnosticsError(.error("cannot export into '\(url.relativePath)': it is a file, not a folder",
                                          hint: "name a folder for --out (it is created if missing), such as 'export/'"))
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: path)
        guard !names.isEmpty else { return ExportFolder(url: url, listed: []) }
        guard names.contains(markerName) else {
            let shown = names.sorted().prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (names.count > 3 ? ", …" : "")
            throw DiagnosticsError(.error(
                "cannot export into '\(url.relativePath)': the folder is not empty (\(shown)) and no earlier export wrote it",
                hint: "name a new or empty folder for --out; podium export replaces only a folder it wrote before (it holds \(markerName))"))
        }
        let marker = try String(contentsOf: url.appendingPathComponent(markerName), encoding: .utf8)
        let listed = marker.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && Self.isSafeName($0) }
        return ExportFolder(url: url, listed: listed.sorted())
    }

    /// Creates the folder if needed, removes files a killed export left half-written and marks
    /// the folder as an export's (listing `names` beside the files already listed) before any
    /// file is written, so a failed export can be run again into the same folder.
    mutating func open(writing names: [String]) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path)
        where name.hasPrefix(".") && name.hasSuffix(Self.temporarySuffix) {
            try FileManager.default.removeItem(at: url.appendingPathComponent(name))
        }
        try writeMarker(Set(listed).union(names).sorted())
    }

    /// Writes one file through `body` under a temporary name, then renames it into place.
    func writeFile<R>(named name: String, _ body: (BufferedFileOutput) throws -> R) throws -> R {
        let final = url.appendingPathComponent(name)
        let temporary = url.appendingPathComponent("." + name + Self.temporarySuffix)
        do {
            let output = try FileSystem.reportingErrors(path: temporary.relativePath) { try BufferedFileOutput(path: temporary.path) }
            let result = try body(output)
            try FileSystem.reportingErrors(path: temporary.relativePath) { try output.close() }
            try FileSystem.replaceItem(at: final, with: temporary)
            return result
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Ends the export: the marker lists `written`, plus, when `keepOthers`, the files earlier
    /// exports listed; without `keepOthers` those earlier files that were not written again (a
    /// table since removed) are deleted.
    /// - Returns: the files removed.
    mutating func close(written: [String], keepOthers: Bool) throws -> [String] {
        var removed: [String] = []
        if !keepOthers {
            for name in listed where !written.contains(name) {
                let file = url.appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: file.path) {
                    try FileManager.default.removeItem(at: file)
                    removed.append(name)
                }
            }
        }
        let names = keepOthers ? Set(listed).union(written).sorted() : written.sorted()
        try writeMarker(names)
        listed = names
        return removed
    }

    private func writeMarker(_ names: [String]) throws {
        let text = ([Self.markerHeading] + names).joined(separator: "\n") + "\n"
        try writeFile(named: Self.markerName) { try $0.write(Array(text.utf8)) }
    }

    /// A plain file name: the marker is never trusted to name a path elsewhere.
    private static func isSafeName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && name != "." && name != ".." && name != markerName
    }
}
