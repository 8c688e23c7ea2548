import Foundation

/// Small file operations with the atomicity the pipeline relies on.
enum FileSystem {
    /// Moves `source` onto `destination` with one `rename(2)`: readers see the old or the new
    /// file, never a mix. Both must be on one file system (they are siblings here).
    static func replaceItem(at destination: URL, with source: URL) throws {
        if rename(source.path, destination.path) != 0 {
            let reason = String(cString: strerror(errno))
            throw DiagnosticsError(.error("cannot move \(source.lastPathComponent) into place: \(reason)",
                                          at: .init(file: destination.lastPathComponent),
                                          hint: "check that the folder is writable"))
        }
    }
}
