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
