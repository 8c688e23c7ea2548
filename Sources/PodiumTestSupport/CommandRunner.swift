import Synchronization
import Foundation

/// The result of running the `podium` executable.
public struct CommandResult {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs the built `podium` executable (from the same products folder as the tests) in `directory`.
public func runPodium(_ arguments: [String], in directory: URL) throws -> CommandResult {
    try runCommand(podiumExecutable(), arguments, in: directory, environment: ["NO_COLOR": "1"])
}

/// Runs `executable` with `arguments` in `directory` (the test's environment plus `environment`)
/// and waits for it to end.
public func runCommand(_ executable: URL, _ arguments: [String], in directory: URL,
                       environment: [String: String] = [:]) throws -> CommandResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Both pipes are drained at once: a child blocked writing to a full stderr pipe (64 KiB)
    // would never close stdout, so reading one to its end before the other could wait forever.
    let errReader = PipeReader(err.fileHandleForReading)
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = errReader.wait()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

/// Reads a file handle to its end on a thread of its own.
private final class PipeReader: Sendable {
    private let data = Mutex(Data())
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            let read = handle.readDataToEndOfFile()
            data.withLock { $0 = read }
            done.signal()
        }
    }

    /// Everything read, once the writer closed its end.
    func wait() -> Data {
        done.wait()
        return data.withLock { $0 }
    }
}

/// The `podium` binary beside the test bundle (SwiftPM builds every product before testing).
public func podiumExecutable() -> URL {
    var folder = Bundle.main.bundleURL
    for _ in 0..<3 {
        let candidate = folder.appendingPathComponent("podium")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        folder = folder.deletingLastPathComponent()
    }
    return repositoryRoot.appendingPathComponent(".build/debug/podium")
}
