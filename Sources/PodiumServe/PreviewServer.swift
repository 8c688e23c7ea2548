import FlyingFox
import FlyingSocks
import Foundation
import PodiumKit

/// What `podium serve` was asked to do.
public struct ServeOptions: Sendable {
    /// The project folder (holding podium.yaml).
    public var projectRoot: URL
    /// The address to listen on: an IPv4 or IPv6 address, or `localhost`.
    public var host: String
    /// The port; 0 for any free one.
    public var port: UInt16
    /// Watch by polling instead of inotify (`PODIUM_SERVE_POLL=1`).
    public var forcePolling: Bool

    public init(projectRoot: URL, host: String = "127.0.0.1", port: UInt16 = 3000, forcePolling: Bool = false) {
        self.projectRoot = projectRoot.standardizedFileURL
        self.host = host
        self.port = port
        self.forcePolling = forcePolling
    }

    /// Whether `host` is reachable only from this machine.
    public var isLoopback: Bool {
        ["127.0.0.1", "::1", "localhost", "[::1]"].contains(host.lowercased()) || host.hasPrefix("127.")
    }
}

/// What the preview server reports while it runs; the command line prints it.
public enum ServeEvent: Sendable {
    /// Listening at `url`, watching the inputs with `mechanism` ("inotify" or "polling").
    case listening(url: String, mechanism: String)
    /// Another build of the project holds the lock; the rebuild waits for it.
    case waitingForLock
    /// A build succeeded; `changed` are the output files it wrote or removed, `pages` the open pages told.
    case built(BuildReport, changed: [String], seconds: Double, pages: Int)
    /// A build failed; the last good site, if there is one (`hasSite`), is still served, with the
    /// diagnostics over each page.
    case failed([Diagnostic], hasSite: Bool)
    /// Ctrl-C or SIGTERM: the server is stopping.
    case stopping
}

/// `podium serve`: builds the project, serves its output folder over HTTP, rebuilds when an input
/// changes and tells the open pages to reload.
///
/// 1. Bind the port (a port in use is an error before anything is built).
/// 2. Build (`Rebuilder`), as `podium build` would, into the project's output folder.
/// 3. Serve that folder (`SiteHandler`), adding the reload client to HTML responses.
/// 4. Watch the inputs (`InputWatcher`); after each burst of changes, rebuild and send the result
///    to the open pages (`EventHub`).
/// 5. On SIGINT or SIGTERM: stop watching, let a running build finish, close the connections.
public enum PreviewServer {
    /// Runs until SIGINT or SIGTERM.
    /// - Throws: `DiagnosticsError` when the address cannot be used (a port in use, say).
    public static func run(_ options: ServeOptions, onEvent: @escaping @Sendable (ServeEvent) -> Void) throws {
        let address = try socketAddress(options)
        // Watched from the start: a Ctrl-C sent while the server starts is kept for `wait()`. (Ignored
        // until the watch began after startup, a SIGINT sent right after the "serving" line was lost.)
        let signals = SignalWatch()
        let hub = EventHub()
        let rebuilder = Rebuilder(projectRoot: options.projectRoot, hub: hub, onEvent: onEvent)
        let handler = SiteHandler(output: { rebuilder.output }, hub: hub, loopbackOnly: options.isLoopback)
        let server = HTTPServer(address: address, timeout: 30, logger: .disabled, handler: handler)

        let port = try listen(server, options: options)
        rebuilder.buildNow()
        let watcher = InputWatcher(list: rebuilder.currentWatchList, forcePolling: options.forcePolling) { rebuilder.request() }
        rebuilder.onWatchList = { watcher.update($0) }
        rebuilder.start()
        let shown = options.host.contains(":") ? "[\(options.host)]" : options.host
        onEvent(.listening(url: "http://\(shown):\(port)/", mechanism: watcher.mechanism))

        signals.wait()
        onEvent(.stopping)
        watcher.stop()
        rebuilder.stop()
        hub.finish()
        let stopped = DispatchSemaphore(value: 0)
        Task {
            await server.stop(timeout: 1)
            stopped.signal()
        }
        _ = stopped.wait(timeout: .now() + 3)
    }

    /// Starts `server` and waits until it listens; returns the port it listens on.
    private static func listen(_ server: HTTPServer, options: ServeOptions) throws -> UInt16 {
        let outcome = Outcome()
        Task {
            do {
                try await server.run()
            } catch {
                outcome.set(.failure(error))
            }
        }
        Task {
            do {
                try await server.waitUntilListening(timeout: 10)
                if case .ip4(_, let port) = await server.listeningAddress { outcome.set(.success(port)) }
                else if case .ip6(_, let port) = await server.listeningAddress { outcome.set(.success(port)) }
                else { outcome.set(.success(options.port)) }
            } catch {
                outcome.set(.failure(error))
            }
        }
        switch outcome.wait() {
        case .success(let port): return port
        case .failure(let error): throw bindError(error, options: options)
        }
    }

    private static func bindError(_ error: any Error, options: ServeOptions) -> DiagnosticsError {
        if case SocketError.failed(_, let code, _) = error, code == EADDRINUSE {
            let other = options.port == UInt16.max ? options.port - 1 : options.port + 1
            return DiagnosticsError(.error(
                "port \(options.port) on \(options.host) is already in use by another program",
                hint: "stop that program (another podium serve?), or choose another port: podium serve --port \(other) (or --port 0 for any free port)"))
        }
        if case SocketError.failed(_, let code, _) = error, code == EACCES {
            return DiagnosticsError(.error("cannot listen on port \(options.port): permission denied",
                                           hint: "ports below 1024 need privileges; choose another with --port (for example --port 3000)"))
        }
        return DiagnosticsError(.error("cannot listen on \(options.host):\(options.port): \(error.localizedDescription)",
                                       hint: "check --host and --port"))
    }

    private static func socketAddress(_ options: ServeOptions) throws -> any SocketAddress {
        let host = options.host.lowercased() == "localhost" ? "127.0.0.1"
            : options.host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        do {
            if host.contains(":") { return try sockaddr_in6.inet6(ip6: host, port: options.port) }
            return try sockaddr_in.inet(ip4: host, port: options.port)
        } catch {
            throw DiagnosticsError(.error("'\(options.host)' is not an IP address to listen on",
                                          hint: "give --host an address of this machine: 127.0.0.1 (the default), ::1, or 0.0.0.0 for every interface"))
        }
    }

}

/// SIGINT and SIGTERM, watched from its creation on (before the server says it serves, so a
/// signal sent as soon as that line is read is not lost while the server finishes starting).
private final class SignalWatch {
    private let received = DispatchSemaphore(value: 0)
    private var sources: [any DispatchSourceSignal] = []

    init() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)  // the default action off, as Dispatch's signal sources ask
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [received] in received.signal() }
            source.resume()
            sources.append(source)
        }
    }

    /// Blocks until SIGINT or SIGTERM (at once if one came since `init`).
    func wait() {
        received.wait()
        for source in sources { source.cancel() }
    }
}

/// A value set once from another thread, and waited for (`@unchecked Sendable`: `value` is only
/// touched under `condition`).
private final class Outcome: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Result<UInt16, any Error>?

    func set(_ result: Result<UInt16, any Error>) {
        condition.withLock {
            if value == nil { value = result }
            condition.broadcast()
        }
    }

    func wait() -> Result<UInt16, any Error> {
        condition.withLock {
            while value == nil { condition.wait() }
            return value!
        }
    }
}
