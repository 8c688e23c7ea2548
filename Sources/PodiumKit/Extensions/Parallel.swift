import Dispatch
import Foundation
import Synchronization

/// Independent work spread over the machine's cores, with results in a fixed order so the output
/// stays deterministic. The compiler checks (Swift 6 language mode) that what crosses threads is
/// `Sendable`.
enum Parallel {
    /// `transform` applied to every element, concurrently; the results in the elements' order.
    /// If any call throws, the error of the first such element (in order) is rethrown.
    static func map<Element: Sendable, Result: Sendable>(
        _ elements: [Element], _ transform: @Sendable (Element) throws -> Result
    ) throws -> [Result] {
        if elements.count < 2 || ProcessInfo.processInfo.activeProcessorCount < 2 {
            return try elements.map(transform)
        }
        let slots = Slots<Swift.Result<Result, any Error>>(count: elements.count)
        DispatchQueue.concurrentPerform(iterations: elements.count) { index in
            slots.fill(index, with: Swift.Result { try transform(elements[index]) })
        }
        return try slots.values().map { try $0.get() }
    }

    /// How many files are created at once by the site's and the cache's writers.
    static let fileThreads = 8

    /// `body` called for every element on `threads` threads of their own, for work that waits on
    /// the disk rather than the CPU (creating files: on this project's machines a file creation
    /// can wait milliseconds for the journal, and eight in flight finish several times sooner
    /// than one). Dispatch's pool would keep to the number of cores.
    /// If calls throw, the error of the first such element (in order) is rethrown; elements not
    /// started by then are skipped.
    static func forEach<Element: Sendable>(_ elements: [Element], threads: Int,
                                           _ body: @escaping @Sendable (Element) throws -> Void) throws {
        let count = min(threads, elements.count)
        guard count > 1 else {
            for element in elements { try body(element) }
            return
        }
        let state = SharedWork()
        let group = DispatchGroup()
        for _ in 0..<count {
            group.enter()
            let thread = Thread {
                while let index = state.next(below: elements.count) {
                    do { try body(elements[index]) } catch { state.fail(index, error) }
                }
                group.leave()
            }
            thread.start()
        }
        group.wait()
        if let error = state.firstError { throw error }
    }

    /// The next index to take, and the first failure, shared by ``forEach(_:threads:_:)``'s threads.
    private final class SharedWork: Sendable {
        private let cursor = Mutex(0)
        private let failure = Mutex<(index: Int, error: any Error)?>(nil)

        /// The next index below `limit`, or nil when all are taken or a call failed.
        func next(below limit: Int) -> Int? {
            if failure.withLock({ $0 != nil }) { return nil }
            return cursor.withLock { index in
                guard index < limit else { return nil }
                defer { index += 1 }
                return index
            }
        }

        func fail(_ index: Int, _ error: any Error) {
            failure.withLock { if $0 == nil || $0!.index > index { $0 = (index, error) } }
        }

        var firstError: (any Error)? { failure.withLock { $0?.error } }
    }

    /// Starts `work` on another thread; `wait()` returns its result (or rethrows its error).
    final class Background<Value: Sendable>: Sendable {
        private let done = DispatchSemaphore(value: 0)
        private let outcome = Mutex<Swift.Result<Value, any Error>?>(nil)

        init(_ work: @escaping @Sendable () throws -> Value) {
            DispatchQueue.global(qos: .userInitiated).async { [self] in
                let result = Swift.Result { try work() }
                outcome.withLock { $0 = result }
                done.signal()
            }
        }

        /// Blocks until the work is finished; call it once.
        func wait() throws -> Value {
            done.wait()
            return try outcome.withLock { $0! }.get()
        }
    }

    /// One slot per index, each written once by one thread; read after all writers are done.
    private final class Slots<Value: Sendable>: Sendable {
        private let storage: Mutex<[Value?]>

        init(count: Int) { storage = Mutex(Array(repeating: nil, count: count)) }

        func fill(_ index: Int, with value: Value) { storage.withLock { $0[index] = value } }

        func values() -> [Value] { storage.withLock { $0.map { $0! } } }
    }
}
