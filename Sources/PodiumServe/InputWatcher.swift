import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Watches a project's inputs (a `WatchList`) and calls `onChange` after each burst of changes.
///
/// On Linux it uses inotify on every watched folder; elsewhere, when inotify cannot be used (no
/// more watches, say) or when `PODIUM_SERVE_POLL=1` is set, it compares the folders' listings and
/// the files' size, modification time and inode every 250 ms. Changes that arrive within 20 ms of
/// each other (an editor writing a temporary file, then renaming it) are one burst.
final class InputWatcher: Sendable {
    /// "inotify" or "polling".
    let mechanism: String
    private let onChange: @Sendable () -> Void
    private struct State {
        var list: WatchList
        var listChanged = true
        var stopped = false
    }
    private let state: Mutex<State>

    init(list: WatchList, forcePolling: Bool, onChange: @escaping @Sendable () -> Void) {
        self.onChange = onChange
        // The watches (or the first listing) are in place before init returns: a change made
        // right after `podium serve` says it is serving is seen.
        self.state = Mutex(State(list: list, listChanged: false))
        #if canImport(Glibc)
        let descriptor = forcePolling ? -1 : inotify_init1(Int32(O_CLOEXEC | O_NONBLOCK))
        mechanism = descriptor >= 0 ? "inotify" : "polling"
        if descriptor >= 0 {
            let watched = Self.addWatches(list, descriptor: descriptor)
            Thread.detachNewThread { [self] in runInotify(descriptor, watched: watched) }
            return
        }
        #else
        mechanism = "polling"
        #endif
        let first = Self.snapshot(list)
        Thread.detachNewThread { [self] in runPolling(from: first) }
    }

    /// Watches `list` from now on (podium.yaml may have named other folders).
    func update(_ list: WatchList) {
        state.withLock { state in
            if state.list != list { state.listChanged = true }
            state.list = list
        }
    }

    /// Stops watching; `onChange` is not called again.
    func stop() { state.withLock { $0.stopped = true } }

    private var isStopped: Bool { state.withLock { $0.stopped } }

    private var currentList: WatchList { state.withLock { $0.list } }

    // MARK: - inotify

    #if canImport(Glibc)
    private func runInotify(_ descriptor: Int32, watched: [Int32: [WatchList.Folder]]) {
        defer { close(descriptor) }
        var watched = watched
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while !isStopped {
            let refresh = state.withLock { state -> WatchList? in
                defer { state.listChanged = false }
                return state.listChanged ? state.list : nil
            }
            if let refresh { watched = Self.addWatches(refresh, descriptor: descriptor) }
            guard poll(&poller, 1, 250) > 0 else { continue }
            var matters = false, newFolder = false
            repeat {
                let count = read(descriptor, &buffer, buffer.count)
                guard count > 0 else { break }
                Self.forEachEvent(in: buffer[..<count]) { watch, mask, name in
                    if mask & UInt32(IN_Q_OVERFLOW) != 0 { matters = true }
                    if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { newFolder = true }
                    if let folders = watched[watch], folders.contains(where: { name.isEmpty || $0.matters(name) }) { matters = true }
                }
                poller.revents = 0
            } while poll(&poller, 1, 20) > 0
            if newFolder { state.withLock { $0.listChanged = true } }
            if matters, !isStopped { onChange() }
        }
    }

    private static let mask = UInt32(IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE
        | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF)

    /// Adds a watch on every folder of `list` (adding one again is harmless: the kernel returns the
    /// same descriptor); returns each watch's folders.
    private static func addWatches(_ list: WatchList, descriptor: Int32) -> [Int32: [WatchList.Folder]] {
        var watched: [Int32: [WatchList.Folder]] = [:]
        for (path, folder) in list.directories() {
            let watch = inotify_add_watch(descriptor, path, mask)
            if watch >= 0 { watched[watch, default: []].append(folder) }
        }
        return watched
    }

    /// Calls `body` with each event's watch descriptor, mask and file name (empty for the folder).
    private static func forEachEvent(in bytes: ArraySlice<UInt8>, _ body: (Int32, UInt32, String) -> Void) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= raw.count {
                let watch = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                let nameBytes = raw[(offset + header)..<min(raw.count, offset + header + length)].prefix { $0 != 0 }
                body(watch, mask, String(decoding: nameBytes, as: UTF8.self))
                offset += header + length
            }
        }
    }
    #endif

    // MARK: - Polling

    private func runPolling(from first: [String: [Double]]) {
        var last = first
        while !isStopped {
            Thread.sleep(forTimeInterval: 0.25)
            let now = Self.snapshot(currentList)
            if now != last, !isStopped {
                last = now
                onChange()
            }
        }
    }

    /// Size, modification time and inode of every file that matters in the list's folders.
    private static func snapshot(_ list: WatchList) -> [String: [Double]] {
        var result: [String: [Double]] = [:]
        for (path, folder) in list.directories() {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            for name in names where folder.matters(name) {
                let attributes = (try? FileManager.default.attributesOfItem(atPath: path + "/" + name)) ?? [:]
                result[path + "/" + name] = [
                    (attributes[.size] as? NSNumber)?.doubleValue ?? -1,
                    (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1,
                    (attributes[.systemFileNumber] as? NSNumber)?.doubleValue ?? -1,
                ]
            }
        }
        return result
    }
}
