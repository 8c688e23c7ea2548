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

    /// Writes `bytes` to a new file at `path` (replacing one that is there) with plain
    /// `open`/`write`/`close`. Unlike `Data.write(to:)` it does not `fsync`: a killed build loses
    /// nothing the kernel has, the caller renames finished files into place, and the cache's files
    /// carry checksums; forty fsyncs were a tenth of a cold build.
    static func write<Bytes: ContiguousBytes>(_ bytes: Bytes, toFile path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure != 0 { throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO) }
    }
}
