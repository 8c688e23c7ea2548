import Foundation

/// Writes a small project (`[relative path: contents]`) into a new temporary folder and returns it,
/// its files dated a minute back (`settle`).
public func makeTemporaryProject(_ files: [String: String]) throws -> URL {
    let root = FileManager.default.temporaryDirectory
        .appendingPathComponent("podium-test-\(UUID().uuidString)", isDirectory: true)
    for (path, contents) in files.sorted(by: { $0.key < $1.key }) {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
    }
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    try settle(root)
    return root
}
