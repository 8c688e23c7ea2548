import Dispatch
import Synchronization

/// The inserting half of `SQLiteRowSink`, on a thread of its own: while it binds, counts and
/// inserts one buffer of full batches, the sink's thread parses and checks the next. On the Tokyo ×100
/// athletes file (1.1 M rows) parsing took 220 ms and inserting 140 ms of the 360 ms staging
/// took on one thread.
///
/// Batches travel in `Buffer`s: the sink fills one, hands it over and takes an empty one (there
/// are two, so at most one batch waits while one is inserted). Only this thread touches the
/// statement and the tallies until `finish()` has waited for it; the connection is not used by
/// anyone else meanwhile (staging does nothing else until its rows are in).
final class BatchInserter: @unchecked Sendable {
    /// Batches of queued parameters, with the text they point into. Reached once per field, so
    /// without the dynamic exclusivity check (as `Arena`), and handed between the threads only
    /// through the inserter's locked queues: one thread at a time owns a buffer.
    final class Buffer: @unchecked Sendable {
        @exclusivity(unchecked) var slots: ContiguousArray<SQLiteRowSink.Slot> = []
        let arena = Arena()
        @exclusivity(unchecked) var rows = 0
    }

    private let batch: SQLiteStatement
    private let batchRows: Int
    private let single: SQLiteStatement
    private let width: Int
    /// Each column's values as inserted; read by the sink after `finish()`.
    private(set) var counted: [ColumnTally]

    private let filled = Mutex<[Buffer?]>([])  // nil: no more batches
    private let filledCount = DispatchSemaphore(value: 0)
    private let empty = Mutex<[Buffer]>([])
    private let emptyCount = DispatchSemaphore(value: 0)
    private let failure = Mutex<(any Error)?>(nil)
    private let done = DispatchSemaphore(value: 0)
    private var started = false

    /// - Parameters: `batch` inserts `batchRows` rows of `width` parameters, `single` one row (the
    ///   buffers handed over hold whole batches, so the sink's own last buffer alone needs it).
    init(batch: SQLiteStatement, batchRows: Int, single: SQLiteStatement, width: Int, counted: [ColumnTally]) {
        self.batch = batch
        self.batchRows = batchRows
        self.single = single
        self.width = width
        self.counted = counted
    }

    /// Hands a full batch over, and returns an empty one to fill (waiting for one if both are
    /// in use). Throws what inserting an earlier batch threw.
    func submit(_ buffer: Buffer) throws -> Buffer {
        if !started {
            started = true
            empty.withLock { $0.append(Buffer()) }
            emptyCount.signal()
            DispatchQueue.global(qos: .userInitiated).async { self.run() }
        }
        filled.withLock { $0.append(buffer) }
        filledCount.signal()
        emptyCount.wait()
        if let error = failure.withLock({ $0 }) { throw error }
        return empty.withLock { $0.removeLast() }
    }

    /// Waits until every batch handed over is inserted and the thread is gone; throws what
    /// inserting threw. Call it once, also when staging stops early.
    func finish() throws {
        guard started else { return }
        started = false
        filled.withLock { $0.append(nil) }
        filledCount.signal()
        done.wait()
        if let error = failure.withLock({ $0 }) { throw error }
    }

    private func run() {
        while true {
            filledCount.wait()
            guard let buffer = filled.withLock({ $0.removeFirst() }) else { break }
            if failure.withLock({ $0 }) == nil {
                do {
                    try SQLiteRowSink.insert(buffer, batch: batch, batchRows: batchRows, single: single, width: width,
                                             counting: &counted)
                } catch {
                    failure.withLock { $0 = error }
                }
            }
            buffer.slots.removeAll(keepingCapacity: true)
            buffer.arena.bytes.removeAll()
            buffer.rows = 0
            empty.withLock { $0.append(buffer) }
            emptyCount.signal()
        }
        done.signal()
    }
}
