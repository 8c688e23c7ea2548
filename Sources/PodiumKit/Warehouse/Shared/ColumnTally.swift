/// The profile of a staging column's values: what the catalog shows of it.
public struct ColumnStats: Equatable, Sendable {
    /// Empty values (NULL in staging).
    public var nulls: Int
    /// Distinct non-null values.
    public var distinct: Int
    /// Smallest and largest non-null value, in SQLite's order.
    public var min: Value?
    public var max: Value?
    /// The most frequent non-null values, most frequent first, ties by value.
    public var top: [Catalog.Frequency]
    /// The longest text (in characters, as SQLite's `length()` counts), first by value among
    /// equals; text columns only.
    public var longest: String?
    /// The bytes of every distinct non-null value of a text (or date) column, when there are at
    /// most `ColumnTally.maxListed` of them (else nil): what the data tests' `accepted_values`
    /// need to pass a column without reading it. Bytes, because SQL compares text byte by byte
    /// where Swift's `String` would take two spellings of `é` as one.
    var texts: Set<[UInt8]>? = nil
}

/// Counts one staging column's values as they are inserted, so that the catalog profile and
/// the reference checks need no second pass over the table.
///
/// Each distinct value is kept with its count, up to `maxDistinct`; a column with more gives
/// up (`isComplete` turns false, its memory is freed) and is profiled in SQL after the build,
/// so memory stays bounded however large the table. Values compare as SQLite compares them in
/// a column of this type: text byte by byte, integers and reals by value.
struct ColumnTally {
    /// The most distinct values a column keeps before giving up. At 2^18 (it was 2^15) an id or
    /// name column of a 250k-row table is still counted, which spares the catalog a sorted SQL
    /// pass over it after the build (~0.2 s of CPU each in the wide benchmark); a column that
    /// gives up has held at most ~100 bytes per value (about 26 MB), and frees them.
    static let maxDistinct = 1 << 18

    /// The most distinct values a profile lists (`ColumnStats.values`).
    static let maxListed = 64

    let type: ColumnType
    private(set) var nulls = 0
    private(set) var isComplete = true
    private var text = ByteCounts()
    private var integers: [Int64: Int] = [:]
    private var reals: [Double: Int] = [:]

    init(type: ColumnType) { self.type = type }

    var distinct: Int { text.distinct + integers.count + reals.count }

    mutating func addNull() { nulls += 1 }

    mutating func add(text bytes: UnsafeBufferPointer<UInt8>) {
        guard isComplete else { return }
        text.add(bytes)
        if text.distinct > Self.maxDistinct { giveUp() }
    }

    mutating func add(integer value: Int64) {
        guard isComplete else { return }
        integers[value, default: 0] += 1
        if integers.count > Self.maxDistinct { giveUp() }
    }

    mutating func add(real value: Double) {
        // SQLite stores a NaN bound as a double as NULL.
        if value.isNaN { return addNull() }
        guard isComplete else { return }
        // -0.0 is kept as 0.0: SQLite stores an integral real as an integer on disk, losing the sign.
        reals[value == 0 ? 0 : value, default: 0] += 1
        if reals.count > Self.maxDistinct { giveUp() }
    }

    private mutating func giveUp() {
        isComplete = false
        text = ByteCounts()
        integers = [:]
        reals = [:]
    }

    /// Whether every value of `other` is also a value here, or nil when that cannot be told
    /// from the counts (either column gave up, or their types compare differently).
    func containsAll(of other: ColumnTally) -> Bool? {
        guard isComplete, other.isComplete, type.storage == other.type.storage else { return nil }
        switch type.storage {
        case .text:
            return other.text.entries.allSatisfy { entry in other.text.withBytes(of: entry) { text.contains($0) } }
        case .integer:
            return other.integers.keys.allSatisfy { integers[$0] != nil }
        case .real:
            return other.reals.keys.allSatisfy { reals[$0] != nil }
        }
    }

    /// The column's profile, or nil if the column gave up counting.
    func stats(topCount: Int = 5) -> ColumnStats? {
        guard isComplete else { return nil }
        var stats = ColumnStats(nulls: nulls, distinct: distinct, min: nil, max: nil, top: [], longest: nil)
        if type.storage == .text, distinct <= Self.maxListed { stats.texts = Set(text.entries.map { text.withBytes(of: $0) { Array($0) } }) }
        switch type.storage {
        case .text:
            stats.top = Self.top(text.entries, count: topCount, frequency: \.count, by: text.precedes).map {
                Catalog.Frequency(value: .text(string(of: $0)), count: $0.count)
            }
            if let first = text.entries.min(by: text.precedes), let last = text.entries.max(by: text.precedes) {
                stats.min = .text(string(of: first))
                stats.max = .text(string(of: last))
            }
            if type == .text { stats.longest = longest().map(string(of:)) }
        case .integer:
            Self.addNumbers(integers, as: Value.integer, topCount: topCount, to: &stats)
        case .real:
            Self.addNumbers(reals, as: Value.real, topCount: topCount, to: &stats)
        }
        return stats
    }

    /// The top values, min and max of a number column's counts.
    private static func addNumbers<N: Comparable>(_ counts: [N: Int], as value: (N) -> Value, topCount: Int,
                                                  to stats: inout ColumnStats) {
        stats.top = top(Array(counts), count: topCount, frequency: \.value, by: { $0.key < $1.key })
            .map { Catalog.Frequency(value: value($0.key), count: $0.value) }
        stats.min = counts.keys.min().map(value)
        stats.max = counts.keys.max().map(value)
    }

    // MARK: - Internals

    private func string(of entry: ByteCounts.Entry) -> String {
        text.withBytes(of: entry) { String(decoding: $0, as: UTF8.self) }
    }

    /// The entry with the most characters; among equals, the first in BINARY order.
    private func longest() -> ByteCounts.Entry? {
        var best: (entry: ByteCounts.Entry, length: Int)?
        for entry in text.entries {
            // A value has no more characters than bytes: shorter ones cannot win.
            if let current = best, entry.length < current.length { continue }
            let length = text.withBytes(of: entry, Self.characterCount)
            if let current = best, length < current.length || (length == current.length && !text.precedes(entry, current.entry)) {
                continue
            }
            best = (entry, length)
        }
        return best?.entry
    }

    /// Characters as SQLite's `length()` counts them: up to the first NUL, a lead byte and the
    /// continuation bytes after it count once.
    static func characterCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var index = 0
        while index < bytes.count, bytes[index] != 0 {
            let lead = bytes[index]
            index += 1
            if lead >= 0xC0 {
                while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            }
            count += 1
        }
        return count
    }

    /// The `count` most frequent items, most frequent first, ties in `precedes` order.
    private static func top<T>(_ items: [T], count: Int, frequency: (T) -> Int, by precedes: (T, T) -> Bool) -> [T] {
        var best: [T] = []
        for item in items {
            let seen = frequency(item)
            let index = best.firstIndex { seen > frequency($0) || (seen == frequency($0) && precedes(item, $0)) } ?? best.count
            guard index < count else { continue }
            best.insert(item, at: index)
            if best.count > count { best.removeLast() }
        }
        return best
    }
}

extension ColumnType {
    /// How SQLite stores and compares the column's values.
    enum Storage { case text, integer, real }

    var storage: Storage {
        switch self {
        case .text, .date: .text
        case .integer: .integer
        case .real: .real
        }
    }
}
