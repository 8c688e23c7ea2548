import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process started with `posix_spawn`, so a test knows its pid exactly, can kill it,
/// and reads its own resource usage (not that of other children) with `wait4`.
final class ChildProcess {
    /// How a child ended.
    struct Exit {
        /// The exit status, or nil when a signal ended it.
        var status: Int32?
        /// The signal that ended it, if any.
        var signal: Int32?
        /// The child's peak resident memory in megabytes.
        var maxResidentMegabytes: Int
    }

    let pid: pid_t

    /// Starts `executable` with `arguments`; its stdout and stderr go to /dev/null.
    init(_ executable: String, _ arguments: [String]) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { environment.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv, &environment)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO) }
        self.pid = pid
    }

    /// Sends `signal` to the child.
    func send(_ signal: Int32 = SIGKILL) {
        _ = kill(pid, signal)
    }

    private var ended: (status: Int32, usage: rusage)?

    /// Whether the child has ended (without waiting).
    func hasExited() -> Bool {
        if ended != nil { return true }
        var status: Int32 = 0
        var usage = rusage()
        guard wait4(pid, &status, WNOHANG, &usage) == pid else { return false }
        ended = (status, usage)
        return true
    }

    /// Waits for the child to end.
    func wait() -> Exit {
        var status: Int32 = 0
        var usage = rusage()
        if let ended {
            (status, usage) = ended
        } else {
            while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
            ended = (status, usage)
        }
        // Linux reports ru_maxrss in kilobytes.
        let megabytes = Int(usage.ru_maxrss) / 1024
        let signal = status & 0x7f
        if signal == 0 { return Exit(status: (status >> 8) & 0xff, signal: nil, maxResidentMegabytes: megabytes) }
        return Exit(status: nil, signal: signal, maxResidentMegabytes: megabytes)
    }
}

/// Runs a command to its end and returns its exit status and peak memory.
///
/// The peak comes from a child that a small Python process forks, not from `posix_spawn`: glibc
/// spawns with `CLONE_VM`, and Linux then carries the parent's peak into the child's `ru_maxrss`
/// at `exec`, so a child of a big test runner would report the runner's memory. A forked child
/// of the Python process starts from that small process's peak instead (about 10 MB).
func spawnMeasuringMemory(_ executable: String, _ arguments: [String]) throws -> (status: Int32?, maxResidentMegabytes: Int) {
    let script = """
        import os, sys
        pid = os.fork()
        if pid == 0:
            fd = os.open(os.devnull, os.O_WRONLY)
            os.dup2(fd, 1); os.dup2(fd, 2)
            os.execv(sys.argv[1], sys.argv[1:])
        _, status, usage = os.wait4(pid, 0)
        print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
        """
    guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile)
            ?? which("python3") else {
        let exit = try ChildProcess(executable, arguments).wait()  // may include the runner's memory
        return (exit.status, exit.maxResidentMegabytes)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-c", script, executable] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let fields = output.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    guard fields.count == 2 else { throw POSIXError(.EIO) }
    let code = fields[0]
    return (code >= 0 ? Int32(code) : nil, fields[1] / 1024)
}

private func which(_ command: String) -> String? {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        let path = "\(folder)/\(command)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}
