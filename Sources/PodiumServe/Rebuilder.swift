import Foundation
import PodiumKit

/// Runs `podium build` for the preview server on a thread of its own: once at start, then each time
/// the watcher asks. Requests that arrive during a build are merged into one build after it.
///
/// Each build is the ordinary incremental build into the project's output folder, under the
/// project's build lock (a concurrent `podium build` makes it wait, never fail), so after serve
/// stops `podium build` has nothing left to do. A failed build leaves the last good site in place
/// (the build publishes nothing) and its diagnostics go to the pages' overlay.
///
/// `@unchecked Sendable`: its mutable state is read and written only under `lock`, an
/// `NSCondition` because the build thread sleeps on it (`Mutex` has no wait); `onWatchList` is set
/// once, before `start()`.
final class Rebuilder: @unchecked Sendable {
    private let projectRoot: URL
    private let hub: EventHub
    private let onEvent: @Sendable (ServeEvent) -> Void
    private let lock = NSCondition()
    private var requested = false
    private var building = false
    private var stopped = false
    private var watchList: WatchList
    /// Called after every build with the project's (possibly new) watch list.
    var onWatchList: @Sendable (WatchList) -> Void = { _ in }

    init(projectRoot: URL, hub: EventHub, onEvent: @escaping @Sendable (ServeEvent) -> Void) {
        self.projectRoot = projectRoot
        self.hub = hub
        self.onEvent = onEvent
        self.watchList = WatchList.of(projectRoot: projectRoot)
    }

    /// The output folder being served.
    var output: URL { lock.withLock { watchList.output } }

    /// The folders being watched.
    var currentWatchList: WatchList { lock.withLock { watchList } }

    /// Builds now, on the calling thread.
    func buildNow() {
        lock.withLock { building = true }
        defer { lock.withLock { building = false; lock.broadcast() } }
        build()
    }

    /// Starts the thread that builds on request.
    func start() {
        Thread.detachNewThread { [self] in
            while true {
                lock.lock()
                while !requested && !stopped { lock.wait() }
                if stopped {
                    lock.unlock()
                    return
                }
                requested = false
                building = true
                lock.unlock()
                build()
                lock.withLock { building = false; lock.broadcast() }
            }
        }
    }

    /// Asks for a build (after the one running, if any).
    func request() {
        lock.withLock {
            requested = true
            lock.broadcast()
        }
    }

    /// Stops building: waits for a build that is running to finish (a build killed halfway leaves
    /// a temporary folder beside the site), and starts no other.
    func stop() {
        lock.withLock {
            stopped = true
            lock.broadcast()
            while building { lock.wait() }
        }
    }

    private func build() {
        let started = Date()
        let options = BuildOptions(projectRoot: projectRoot, onWait: { [onEvent] in onEvent(.waitingForLock) })
        do {
            let report = try Podium.build(options)
            // Dot files (the output folder's marker) are no page's content.
            let changed = report.explanations.filter { $0.kind == .file && $0.status != .fresh && !$0.name.hasPrefix(".") }
                .map(\.name).sorted()
            hub.publish(errors: [], changed: changed)
            onEvent(.built(report, changed: changed, seconds: Date().timeIntervalSince(started), pages: hub.subscriberCount))
        } catch {
            let diagnostics: [Diagnostic]
            switch error {
            case let error as DiagnosticsError: diagnostics = error.diagnostics
            case let error as Diagnostic: diagnostics = [error]
            default: diagnostics = [Diagnostic(fileError: error) ?? .error("internal error: \(error)")]
            }
            hub.publish(errors: diagnostics.filter { $0.severity == .error }.map(\.description), changed: [])
            let hasSite = FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path)
            onEvent(.failed(diagnostics, hasSite: hasSite))
        }
        let list = lock.withLock {
            watchList = WatchList.of(projectRoot: projectRoot, previous: watchList)
            return watchList
        }
        onWatchList(list)
    }
}
