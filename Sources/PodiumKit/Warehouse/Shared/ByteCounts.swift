#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Distinct byte strings and how often each occurred, kept in one arena.
///
/// Counting a value hashes its bytes and compares them where they lie: no `String` or array
/// is made per value, which is what makes counting every text field while staging cheap.
/// Open addressing with linear probing over a power-of-two table kept at most half full.
struct ByteCounts {
    /// One distinct value: `length` bytes of the arena from `start`, seen `count` times.
    struct Entry {
        var start: Int
        var length: Int
        var count: Int
        var hash: UInt64
    }

    private(set) var entries: [Entry] = []
    private var arena: [UInt8] = []
    /// Entry indexes by hash slot; -1 for an empty slot.
    private var slots = [Int32](repeating: -1, count: 64)

    /// The number of distinct values.
    var distinct: Int { entries.count }

    /// Bytes held (arena, entries and table), for a memory budget.
    var memoryBytes: Int {
        arena.capacity + entries.capacity * MemoryLayout<Entry>.stride + slots.count * MemoryLayout<Int32>.stride
    }

    /// Counts one occurrence of `bytes`.
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        // Probed through raw buffers: this runs for every text field staged.
        let found = slots.withUnsafeBufferPointer { slots in
            arena.withUnsafeBufferPointer { arena in
                entries.withUnsafeMutableBufferPointer { entries -> Bool in
                    while true {
                        let index = Int(slots[slot])
                        if index < 0 { return false }
                        let entry = entries[index]
                        if entry.hash == hash, entry.length == bytes.count,
                           entry.length == 0 || memcmp(arena.baseAddress! + entry.start, bytes.baseAddress!, entry.length) == 0 {
                            entries[index].count += 1
                            return true
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
        if found { return }
        slots[slot] = Int32(entries.count)
        entries.append(Entry(start: arena.count, length: bytes.count, count: 1, hash: hash))
        arena.append(contentsOf: bytes)
        if entries.count * 2 > slots.count { grow() }
    }

    /// Whether `bytes` was counted.
    func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let hash = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while true {
            let index = Int(slots[slot])
            if index < 0 { return false }
            if entries[index].hash == hash, equals(entries[index], bytes) { return true }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    /// Calls `body` with the bytes of `entry`.
    func withBytes<R>(of entry: Entry, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try arena.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[entry.start..<(entry.start + entry.length)])) }
    }

    /// Whether `a` sorts before `b` byte by byte, shorter first on a common prefix: SQLite's
    /// BINARY collation.
    func precedes(_ a: Entry, _ b: Entry) -> Bool {
        arena.withUnsafeBufferPointer { buffer in
            let shared = Swift.min(a.length, b.length)
            let order = shared == 0 ? 0 : memcmp(buffer.baseAddress! + a.start, buffer.baseAddress! + b.start, shared)
            return order != 0 ? order < 0 : a.length < b.length
        }
    }

    private func equals(_ entry: Entry, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard entry.length == bytes.count else { return false }
        guard entry.length > 0 else { return true }
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + entry.start, bytes.baseAddress!, entry.length) == 0 }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }

    /// A multiply-xor hash over eight bytes at a time, then a final mix so that the low bits
    /// used for slots depend on every byte.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xff51_afd7_ed55_8ccd
            hash ^= hash >> 32
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return hash
    }
}
