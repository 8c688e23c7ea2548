/// Profiles one staging column in a single sorted pass: `SELECT c FROM t ORDER BY c`.
///
/// Equal values arrive together and in order, so runs of equal values give the distinct count
/// and each value's frequency; the first and last values are the minimum and maximum; the five
/// most frequent values and the longest text are kept as the rows go by. Only those few values
/// are held, whatever the size of the table: the database sorts (on disk when it must). This
/// replaces a query per statistic, each of which sorted or hashed the column again.
struct ColumnProfiler {
    /// How many most frequent values the profile keeps.
    static let topCount = 5

    private(set) var nulls = 0
    private(set) var distinct = 0
    private(set) var min: Value?
    private(set) var max: Value?
    /// The most frequent values so far, most frequent first; among equal counts, the smaller
    /// (earlier) value first, as `ORDER BY count DESC, value` would give.
    private(set) var top: [Catalog.Frequency] = []
    private(set) var longest: (text: String, length: Int)?
    private var run: (value: Value, count: Int)?

    /// The query: the column's values in order, with their length for text columns.
    static func sql(column: String, table: String, type: ColumnType) -> String {
        let name = SQLText.quote(column)
        let length = type == .text ? ", length(\(name))" : ""
        return "SELECT \(name)\(length) FROM \(SQLText.quote(table)) ORDER BY \(name)"
    }

    /// Takes the next row of `sql(column:table:type:)`.
    mutating func add(_ row: [Value]) {
        let value = row[0]
        guard value != .null else {  // first in SQLite's order, last in PostgreSQL's
            nulls += 1
            return
        }
        if let current = run, Self.same(current.value, value) {
            run?.count += 1
        } else {
            endRun()
            run = (value, 1)
            distinct += 1
            if min == nil { min = value }
            max = value
        }
        if row.count > 1, case .text(let text) = value, let length = row[1].number.map(Int.init),
           length > longest?.length ?? -1 {
            longest = (text, length)
        }
    }

    /// Ends the pass; call once after the last row.
    mutating func finish() { endRun() }

    private mutating func endRun() {
        guard let (value, count) = run else { return }
        run = nil
        guard top.count < Self.topCount || count > top[top.count - 1].count else { return }
        let index = top.firstIndex { $0.count < count } ?? top.count
        top.insert(Catalog.Frequency(value: value, count: count), at: index)
        if top.count > Self.topCount { top.removeLast() }
    }

    /// Whether two non-null values fall in one group, as SQL compares them: numbers by value,
    /// text byte by byte (the BINARY collation, not Swift's Unicode equivalence).
    static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case let (.integer(x), .integer(y)): x == y
        case let (.text(x), .text(y)): x.utf8.elementsEqual(y.utf8)
        case (.integer, .real), (.real, .integer), (.real, .real): a.number == b.number
        default: false
        }
    }
}
