import Foundation
import PodiumTestSupport
import Synchronization

/// A `podium serve` process started from the built binary in a project folder, on a free port.
final class ServeProcess: Sendable {
    let process: Process
    let port: UInt16
    private let log: Log

    /// Everything the server printed to stderr so far.
    var stderr: String { log.text }

    /// Starts `podium serve --port 0` (plus `arguments`) in `project` and waits until it listens.
    init(in project: URL, arguments: [String] = [], environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = podiumExecutable()
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = project
        process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"].merging(environment) { $1 }) { $1 }
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        let log = Log()
        try process.run()
        Thread.detachNewThread {
            let handle = pipe.fileHandleForReading
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                log.append(data)
            }
            log.close()
        }
        self.process = process
        self.log = log
        let line = try log.waitFor("serving http://", timeout: 120)
        guard let url = line.split(separator: " ").dropFirst().first, let colon = url.lastIndex(of: ":"),
              let port = UInt16(url[url.index(after: colon)...].prefix { $0.isNumber }) else {
            throw TestFailure("no port in \(line)")
        }
        self.port = port
    }

    /// Waits until stderr holds `text` (after `after` characters); returns the line it is on.
    @discardableResult
    func waitForOutput(_ text: String, after: Int = 0, timeout: TimeInterval = 30) throws -> String {
        try log.waitFor(text, after: after, timeout: timeout)
    }

    /// Sends `signal` and waits for the process to end; returns its exit status. The server lets a
    /// running build finish first, which on a loaded machine (the suites run in parallel) has taken
    /// more than 10 s for a first build; a server that never stops still fails the test.
    func stop(signal: Int32 = SIGINT, timeout: TimeInterval = 60) throws -> Int32 {
        kill(process.processIdentifier, signal)
        let deadline = Date(timeIntervalSinceNow: timeout)
        while process.isRunning {
            if Date() > deadline {
                kill(process.processIdentifier, SIGKILL)
                throw TestFailure("podium serve did not stop within \(timeout) s of signal \(signal)")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// The text a process printed, and waiting for some of it.
final class Log: Sendable {
    private let state = Mutex((text: "", closed: false))

    var text: String { state.withLock { $0.text } }

    func append(_ data: Data) { state.withLock { $0.text += String(decoding: data, as: UTF8.self) } }
    func close() { state.withLock { $0.closed = true } }

    func waitFor(_ needle: String, after: Int = 0, timeout: TimeInterval) throws -> String {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while true {
            let (text, closed) = state.withLock { ($0.text, $0.closed) }
            let tail = String(text.dropFirst(after))
            if let range = tail.range(of: needle) {
                let start = tail[..<range.lowerBound].lastIndex(of: "\n").map { tail.index(after: $0) } ?? tail.startIndex
                let end = tail[range.upperBound...].firstIndex(of: "\n") ?? tail.endIndex
                return String(tail[start..<end])
            }
            if closed || Date() > deadline {
                throw TestFailure("\(closed ? "the process ended" : "timed out") before printing '\(needle)'; it printed:\n\(text)")
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
