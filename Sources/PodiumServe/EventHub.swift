import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// The Server-Sent Events stream at `/__podium/events`: every open page holds one connection, and
/// each build sends it the build's status and, when files changed, which.
///
/// Events, each `event: <name>` and one `data:` line of JSON:
/// - `status` `{"errors": ["pages/x.md:3:1: error: …\n  hint: …"]}`: sent on connect and after
///   every build; no errors means the last build succeeded.
/// - `reload` `{"changed": ["index.html", "assets/podium.css"]}`: output files written or removed.
///
/// A comment line every 15 s keeps the connection open through proxies and notices closed pages.
final class EventHub: Sendable {
    private struct State {
        var next = 0
        var subscribers: [Int: AsyncStream<Data>.Continuation] = [:]
        var errors: [String] = []
        var finished = false
    }

    private let state = Mutex(State())

    init() {
        Thread.detachNewThread { [weak self] in
            while true {
                Thread.sleep(forTimeInterval: 15)
                guard let hub = self, !hub.isFinished else { return }
                hub.broadcast(Data(": keep-alive\n\n".utf8))
            }
        }
    }

    /// How many pages are connected.
    var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    private var isFinished: Bool { state.withLock { $0.finished } }

    /// A new connection's stream: `retry`, the current status, then every later event.
    func subscribe() -> AsyncStream<Data> {
        let (stream, continuation) = AsyncStream<Data>.makeStream(bufferingPolicy: .bufferingNewest(64))
        let id: Int? = state.withLock { state in
            guard !state.finished else { return nil }
            let id = state.next
            state.next += 1
            state.subscribers[id] = continuation
            continuation.yield(Data("retry: 500\n\n".utf8) + Self.event("status", ["errors": state.errors]))
            return id
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Sends a build's outcome: its errors (none after a success) and the output files it changed.
    func publish(errors: [String], changed: [String]) {
        let data = state.withLock { state -> Data in
            state.errors = errors
            var data = Self.event("status", ["errors": errors])
            if !changed.isEmpty { data += Self.event("reload", ["changed": changed]) }
            return data
        }
        broadcast(data)
    }

    /// Ends every stream (the server is stopping); later subscribers get an empty stream.
    func finish() {
        let subscribers = state.withLock { state in
            state.finished = true
            defer { state.subscribers.removeAll() }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers { subscriber.finish() }
    }

    private func broadcast(_ data: Data) {
        let subscribers = state.withLock { Array($0.subscribers.values) }
        for subscriber in subscribers { subscriber.yield(data) }
    }

    private static func event(_ name: String, _ payload: [String: [String]]) -> Data {
        let json = (try? JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        // JSONSerialization escapes newlines inside strings, so the payload is one `data:` line.
        return Data("event: \(name)\ndata: ".utf8) + json + Data("\n\n".utf8)
    }

    /// The HTTP response for one subscriber: `text/event-stream`, sent chunk by chunk as events come.
    func response() -> HTTPResponse {
        HTTPResponse(statusCode: .ok,
                     headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store",
                               HTTPHeader("X-Accel-Buffering"): "no"],
                     body: HTTPBodySequence(from: EventStreamBody(stream: subscribe()), suggestedBufferSize: 4096))
    }
}

/// An `AsyncStream` of event bytes as the byte sequence FlyingFox sends as a chunked body: each
/// event becomes one chunk, written as soon as it is yielded.
struct EventStreamBody: AsyncBufferedSequence {
    typealias Element = UInt8
    let stream: AsyncStream<Data>

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<Data>.Iterator
        var pending: [UInt8] = []

        mutating func next() async throws -> UInt8? {
            if pending.isEmpty {
                guard let data = await base.next() else { return nil }
                pending = Array(data)
            }
            return pending.isEmpty ? nil : pending.removeFirst()
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            if !pending.isEmpty {
                defer { pending = [] }
                return pending
            }
            guard let data = await base.next() else { return nil }
            return Array(data)
        }
    }
}
