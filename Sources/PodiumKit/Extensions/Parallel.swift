import Dispatch
import Foundation

/// Independent work spread over the machine's cores, with results in a fixed order so the output
/// stays deterministic.
enum Parallel {
    /// `transform` applied to every element, concurrently; the results in the elements' order.
    /// If any call throws, the error of the first such element (in order) is rethrown.
    static func map<Element, Result>(_ elements: [Element], _ transform: (Element) throws -> Result) throws -> [Result] {
        if elements.count < 2 || ProcessInfo.processInfo.activeProcessorCount < 2 {
            return try elements.map(transform)
        }
        var outcomes = [Swift.Result<Result, any Error>?](repeating: nil, count: elements.count)
        outcomes.withUnsafeMutableBufferPointer { slots in
            let base = slots.baseAddress!
            DispatchQueue.concurrentPerform(iterations: elements.count) { index in
                base[index] = Swift.Result { try transform(elements[index]) }
            }
        }
        return try outcomes.map { try $0!.get() }
    }

    /// Starts `work` on another thread; `wait()` returns its result (or rethrows its error).
    final class Background<Value> {
        private let done = DispatchSemaphore(value: 0)
        private var outcome: Swift.Result<Value, any Error>?

        init(_ work: @escaping () throws -> Value) {
            DispatchQueue.global(qos: .userInitiated).async { [self] in
                outcome = Swift.Result { try work() }
                done.signal()
            }
        }

        /// Blocks until the work is finished; call it once.
        func wait() throws -> Value {
            done.wait()
            return try outcome!.get()
        }
    }
}
