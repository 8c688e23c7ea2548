import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program to completion and measures it: wall time, CPU time and the child's own peak
/// resident memory (from GNU time, else `wait4`).
enum ChildProcess {
    /// One finished run.
    struct Run {
        var status: Int32
        var seconds: Double
        /// User plus system CPU seconds.
        var cpuSeconds: Double
        /// Peak resident set size in bytes.
        var peakRSS: Int
        /// What the program wrote to stdout and stderr.
        var output: String
    }

    /// Runs `arguments[0]` (a path) with the rest as arguments, in `directory`, feeding `input`
    /// on stdin.
    static func run(_ arguments: [String], in directory: URL, input: String = "") throws -> Run {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("podium-bench-\(getpid()).log")
        let stdin = FileManager.default.temporaryDirectory.appendingPathComponent("podium-bench-\(getpid()).in")
        try input.write(to: stdin, atomically: true, encoding: .utf8)
        defer {
            try? FileManager.default.removeItem(at: log)
            try? FileManager.default.removeItem(at: stdin)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin.path, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        // posix_spawn has no working directory on older glibc: run through `cd DIR && exec`.
        let script = "cd \(shellQuote(directory.path)) && exec " + arguments.map(shellQuote).joined(separator: " ")
        // The peak RSS comes from GNU time where it is installed: wait4's ru_maxrss of a child that
        // posix_spawn made with vfork counts this (large) benchmark process's memory too.
        let rssFile = FileManager.default.temporaryDirectory.appendingPathComponent("podium-bench-\(getpid()).rss")
        defer { try? FileManager.default.removeItem(at: rssFile) }
        let timer = FileManager.default.isExecutableFile(atPath: "/usr/bin/time")
        let words: [String] = (timer ? ["/usr/bin/time", "-f", "%M", "-o", rssFile.path] : []) + ["/bin/sh", "-c", script]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }

        let start = DispatchTime.now().uptimeNanoseconds
        var pid = pid_t()
        let rc = posix_spawn(&pid, words[0], &actions, nil, argv, environ)
        guard rc == 0 else { throw BenchError("cannot run \(arguments[0]): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        // ru_maxrss is in kilobytes on Linux.
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        let measured = (try? String(contentsOf: rssFile, encoding: .utf8))
            .flatMap { Int($0.split(separator: "\n").last.map(String.init) ?? "") }
        return Run(status: status, seconds: seconds, cpuSeconds: cpu, peakRSS: (measured ?? Int(usage.ru_maxrss)) * 1024,
                   output: output)
    }

    static func shellQuote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
