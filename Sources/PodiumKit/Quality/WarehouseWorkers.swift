import Foundation

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
    func run<T>(_ jobs: [WarehouseJob<T>], rows: [String: Int]) -> [Result<T, any Error>] {
        run(jobs.map(\.run), sizes: jobs.map { $0.reads.reduce(0) { $0 + (rows[$1] ?? 0) } })
    }

    /// Runs every job and returns their outcomes in job order.
    /// - Parameter sizes: an estimate of each job's work; the largest start first, so that no
    ///   long job is left running alone at the end while the other connections idle.
    func run<T>(_ jobs: [(any WarehouseEngine) throws -> T], sizes: [Int]? = nil) -> [Result<T, any Error>] {
        let results = Slots<Result<T, any Error>>(count: jobs.count)
        let next = Slots<Int>(count: 1)
        let order = sizes.map { sizes in jobs.indices.sorted { sizes[$0] > sizes[$1] || (sizes[$0] == sizes[$1] && $0 < $1) } }
            ?? Array(jobs.indices)
        let work = { (engine: any WarehouseEngine) in
            while let position = next.take(below: jobs.count) {
                let index = order[position]
                results[index] = Result { try jobs[index](engine) }
            }
        }
        if engines.count == 1 || jobs.count < 2 {
            work(engines[0])
        } else {
            DispatchQueue.concurrentPerform(iterations: Swift.min(engines.count, jobs.count)) { work(engines[$0]) }
        }
        return results.values.map { $0! }
    }
}

/// A job for `WarehouseWorkers`: the query work, and the tables it reads (the larger they are,
/// the earlier it starts).
struct WarehouseJob<T> {
    var reads: [String]
    var run: (any WarehouseEngine) throws -> T

    /// The same job, its outcome transformed.
    func map<U>(_ transform: @escaping (T) -> U) -> WarehouseJob<U> {
        let run = self.run
        return WarehouseJob<U>(reads: reads) { transform(try run($0)) }
    }
}

/// Values that worker threads fill in, under a lock.
private final class Slots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [T?]

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    subscript(index: Int) -> T? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [T?] { lock.withLock { storage } }

    /// For a counter in slot 0: the next number below `limit`, or nil once they are all taken.
    func take(below limit: Int) -> Int? where T == Int {
        lock.withLock {
            let value = storage[0] ?? 0
            guard value < limit else { return nil }
            storage[0] = value + 1
            return value
        }
    }
}
