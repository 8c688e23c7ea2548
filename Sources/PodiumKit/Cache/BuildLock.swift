import Foundation

/// An exclusive lock on a project's `.podium/` folder, so two builds at once corrupt nothing:
/// the second waits for the first. The lock is `flock(2)` on `.podium/lock`, released by the
/// kernel when the process ends, even if it is killed.
public final class BuildLock {
    private let descriptor: Int32

    /// Takes the lock, waiting if another process holds it.
    /// - Parameters:
    ///   - folder: the cache folder (created if missing).
    ///   - onWait: called once, before waiting, when another build holds the lock.
    public init(folder: URL, onWait: () -> Void = {}) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw DiagnosticsError(.error("cannot open the build lock: \(String(cString: strerror(errno)))",
                                          at: .init(file: path), hint: "check that the project folder is writable"))
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            onWait()
            while flock(descriptor, LOCK_EX) != 0 {
                if errno != EINTR {
                    let reason = String(cString: strerror(errno))
                    close(descriptor)
                    throw DiagnosticsError(.error("cannot lock the build folder: \(reason)", at: .init(file: path),
                                                  hint: "check that no other process holds \(path)"))
                }
            }
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
