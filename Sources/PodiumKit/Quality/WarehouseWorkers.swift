import Foundation
import Synchronization

/// Read-only warehouse connections that run independent queries side by side: one worker
/// thread per connection, each taking the next job in order until none is left.
///
/// Data tests and column profiles are many small queries over one file that nothing writes
/// during the stage, so two SQLite connections read it at once on two cores. A PostgreSQL
/// warehouse is one connection, and its jobs run one after another.
final class WarehouseWorkers {
    /// One connection per worker.
    let engines: [any WarehouseEngine]

    /// What `close()` does with the connections.
    private let closeConnections: () -> Void

    /// Workers over already open connections (each used by one thread at a time).
    /// - Parameter close: closes the connections, if the workers own them.
    init(engines: [any WarehouseEngine], close: @escaping () -> Void = {}) {
        precondition(!engines.isEmpty)
        self.engines = engines
        closeConnections = close
    }

    /// Closes the connections the workers own.
    func close() {
        closeConnections()
    }

    /// Runs every job, the ones reading the most rows (`rows`: table name → row count) first,
    /// and returns their outcomes in job order.
    /// - Parameter stopped: asked before each job is taken; once it says true, no other job
    ///   starts, and those not started fail with `NotRun`.
    func run<T: Sendable>(_ jobs: [WarehouseJob<T>], rows: [String: Int],
                          stopped: @escaping @Sendable () -> Bool = { false }) -> [Result<T, any Error>] {
        run(jobs.map(\.run), sizes: jobs.map { $0.reads.reduce(0) { $0 + (rows[$1] ?? 0) } }, stopped: stopped)
    }

    /// The outcome of a job that was not started because the run was stopped.
    struct NotRun: Error {}

    /// Runs every job and returns their outcomes in job order.
    /// - Parameter sizes: an estimate of each job's work; the largest start first, so that no
    ///   long job is left running alone at the end while the other connections idle.
    func run<T: Sendable>(_ jobs: [@Sendable (any WarehouseEngine) throws -> T], sizes: [Int]? = nil,
                          stopped: @escaping @Sendable () -> Bool = { false }) -> [Result<T, any Error>] {
        let results = Slots<Result<T, any Error>>(count: jobs.count)
        let next = Slots<Int>(count: 1)
        let order = sizes.map { sizes in jobs.indices.sorted { sizes[$0] > sizes[$1] || (sizes[$0] == sizes[$1] && $0 < $1) } }
            ?? Array(jobs.indices)
        let work = { @Sendable (connection: Handoff) in
            while !stopped(), let position = next.take(below: jobs.count) {
                let index = order[position]
                results[index] = Result { try jobs[index](connection.engine) }
            }
        }
        let connections = engines.map(Handoff.init)
        if engines.count == 1 || jobs.count < 2 {
            work(connections[0])
        } else {
            DispatchQueue.concurrentPerform(iterations: Swift.min(engines.count, jobs.count)) { work(connections[$0]) }
        }
        return results.values.map { $0 ?? .failure(NotRun()) }
    }
}

/// A connection handed to the one worker thread that uses it.
///
/// The one unchecked `Sendable` of the warehouse's readers: a connection (SQLite's or
/// PostgreSQL's) is not safe to use from two threads at once, and the compiler cannot see that
/// `run` gives each to exactly one thread (worker `i` takes connection `i`; with one connection,
/// the calling thread alone) and uses none of them again until every worker has returned.
private struct Handoff: @unchecked Sendable {
    let engine: any WarehouseEngine
}

/// A job for `WarehouseWorkers`: the query work, and the tables it reads (the larger they are,
/// the earlier it starts).
struct WarehouseJob<T>: Sendable {
    var reads: [String]
    var run: @Sendable (any WarehouseEngine) throws -> T

    /// The same job, its outcome transformed.
    func map<U>(_ transform: @escaping @Sendable (T) -> U) -> WarehouseJob<U> {
        let run = self.run
        return WarehouseJob<U>(reads: reads) { transform(try run($0)) }
    }
}

/// Values that worker threads fill in, under a lock.
private final class Slots<T: Sendable>: Sendable {
    private let storage: Mutex<[T?]>

    init(count: Int) { storage = Mutex(Array(repeating: nil, count: count)) }

    subscript(index: Int) -> T? {
        get { storage.withLock { $0[index] } }
        set { storage.withLock { $0[index] = newValue } }
    }

    var values: [T?] { storage.withLock { $0 } }

    /// For a counter in slot 0: the next number below `limit`, or nil once they are all taken.
    func take(below limit: Int) -> Int? where T == Int {
        storage.withLock {
            let value = $0[0] ?? 0
            guard value < limit else { return nil }
            $0[0] = value + 1
            return value
        }
    }
}
