import Foundation

/// The repository's root folder, found from this file's path.
public let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The Tokyo data set is third-party data kept out of git: `scripts/get-data` brings it into
/// `data/tokyo2021/`. Tests that need it call this first, so a missing copy fails them with a
/// message that says what to do instead of an unreadable-file error deep in a build.
public func requireTokyoData() throws {
    let folder = repositoryRoot.appendingPathComponent("data/tokyo2021")
    let missing = ["Athletes.csv", "Coaches.csv", "EntriesGender.csv", "Medals.csv", "Teams.csv"].filter {
        !FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
    }
    if !missing.isEmpty { throw MissingTokyoData(missing: missing) }
}

/// The Tokyo data set is not in `data/tokyo2021/`.
public struct MissingTokyoData: Error, CustomStringConvertible {
    public var missing: [String]
    public var description: String {
        "the Tokyo data set is missing from data/tokyo2021/ (\(missing.joined(separator: ", "))): "
            + "run scripts/get-data, which copies it from ../shared/data or says how to download it"
    }
}

/// Copies the Tokyo project's inputs (podium.yaml, data, models, pages, templates) into a new
/// temporary folder and returns it, so a test can build or break it without touching the repository.
/// - Throws: `MissingTokyoData` when `scripts/get-data` has not been run.
public func copyTokyoProject() throws -> URL {
    try requireTokyoData()
    let destination = FileManager.default.temporaryDirectory
        .appendingPathComponent("podium-tokyo-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
    for item in ["podium.yaml", "data", "models", "pages", "templates"] {
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(item),
                                         to: destination.appendingPathComponent(item))
    }
    try settle(destination)
    return destination
}

/// Sets the modification time of every file under `folder` a minute back, as if it had been
/// written well before the next build. A build re-hashes files changed in the clock tick it
/// starts in (they are "racy", as in git) and skips the quick check for them; a test that copies
/// a project and builds it at once would otherwise see its first no-change build take the full
/// check.
public func settle(_ folder: URL) throws {
    let past = Date(timeIntervalSinceNow: -60)
    guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return }
    for case let relative as String in enumerator {
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: folder.appendingPathComponent(relative).path)
    }
}

/// Every regular file under `folder`, as sorted relative paths mapped to their bytes.
public func readTree(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let base = folder.standardizedFileURL.path
    guard let enumerator = FileManager.default.enumerator(atPath: base) else { return files }
    for case let relative as String in enumerator {
        var isDirectory: ObjCBool = false
        let path = base + "/" + relative
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            files[relative] = FileManager.default.contents(atPath: path)
        }
    }
    return files
}

/// Replaces a file's contents in a project folder (creating folders as needed).
public func write(_ contents: String, to path: String, in root: URL) throws {
    let url = root.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(contents.utf8).write(to: url)
}

/// The text of a file in a project folder.
public func read(_ path: String, in root: URL) throws -> String {
    String(decoding: try Data(contentsOf: root.appendingPathComponent(path)), as: UTF8.self)
}
