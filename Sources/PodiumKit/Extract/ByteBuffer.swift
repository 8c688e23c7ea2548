/// A growable byte buffer that keeps its storage between records, so the CSV hot path does not
/// allocate per field or per record.
///
/// A struct, so that its counters are plain stored properties (a class's would pay a dynamic
/// exclusivity check on every byte); a small class owns the memory and frees it. Copies share
/// the storage: keep one owner (the parser) and mutate only that.
struct ByteBuffer {
    private final class Owner {
        var pointer: UnsafeMutablePointer<UInt8>
        init(_ pointer: UnsafeMutablePointer<UInt8>) { self.pointer = pointer }
        deinit { pointer.deallocate() }
    }

    private let owner: Owner
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
        owner = Owner(base)
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow() }
        base[count] = byte
        count += 1
    }

    /// Appends `count` bytes from `bytes`.
    @inline(__always)
    mutating func append(_ bytes: UnsafePointer<UInt8>, count added: Int) {
        while count + added > capacity { grow() }
        (base + count).update(from: bytes, count: added)
        count += added
    }

    /// Forgets the bytes past `count`.
    mutating func truncate(to count: Int) { self.count = min(count, self.count) }

    /// Forgets the contents and keeps the storage.
    mutating func removeAll() { count = 0 }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        larger.update(from: base, count: count)
        base.deallocate()
        base = larger
        owner.pointer = larger
        capacity *= 2
    }
}
