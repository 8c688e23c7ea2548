/// A growable byte buffer that keeps its storage between records, so the CSV hot path does not
/// allocate per field or per record.
///
/// Noncopyable: it owns its memory and frees it in `deinit`, and the compiler refuses any copy,
/// so no second value can keep a pointer to storage that a grow or the end of the first freed.
/// (A struct rather than a class, so its counters are plain stored properties: a class's would
/// pay a dynamic exclusivity check on every byte.)
struct ByteBuffer: ~Copyable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// Past this size the buffer grows only as much as it must, not by doubling: the CSV parser
    /// refuses records a little over its limit, and doubling there would allocate twice the limit.
    private let softLimit: Int

    init(capacity: Int = 4096, softLimit: Int = .max) {
        self.softLimit = softLimit
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: count + 1) }
        base[count] = byte
        count += 1
    }

    /// Appends `count` bytes from `bytes`.
    @inline(__always)
    mutating func append(_ bytes: UnsafePointer<UInt8>, count added: Int) {
        if count + added > capacity { grow(toHold: count + added) }
        (base + count).update(from: bytes, count: added)
        count += added
    }

    /// Forgets the bytes past `count`.
    mutating func truncate(to count: Int) { self.count = min(count, self.count) }

    /// Forgets the contents and keeps the storage.
    mutating func removeAll() { count = 0 }

    private mutating func grow(toHold needed: Int) {
        var larger = capacity
        while larger < needed { larger *= 2 }
        if larger > softLimit { larger = needed <= softLimit ? softLimit : needed + needed / 4 }
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        storage.update(from: base, count: count)
        base.deallocate()
        base = storage
        capacity = larger
    }
}
