/// SQLite's `RowSink`: queues valid rows and inserts them in batches with one prepared
/// multi-row INSERT, on a thread of its own (`BatchInserter`) while the next rows are parsed.
///
/// A batch statement (`INSERT … VALUES (…), (…), …`) costs one `sqlite3_step` and one reset for
/// `batchRows` rows. Text is copied once, into an arena that lives until the batch is inserted,
/// and bound without a second copy (`SQLITE_STATIC`); numbers are bound as such. Each value is
/// counted in its column's `ColumnTally` as it is inserted. Nothing is allocated per field or per
/// row once the two buffers the rows travel in have grown to their size.
struct SQLiteRowSink: RowSink {
    typealias Failure = any Error

    /// Each column's values as inserted, for the profile and reference checks (complete after
    /// `finish()`).
    private(set) var counted: [ColumnTally]
    var tallies: [ColumnTally]? { counted }

    /// One queued parameter.
    enum Slot {
        case null
        case integer(Int64)
        case real(Double)
        /// Bytes `start..<start+count` of the arena.
        case text(start: Int, count: Int)
    }

    private let batch: SQLiteStatement
    private let single: SQLiteStatement
    private let batchRows: Int
    /// Rows handed to the inserting thread at once: several batches, so that the two threads
    /// meet once per thousands of rows rather than per batch.
    private let bufferRows: Int
    private let width: Int  // parameters per row: the line, then one per column
    private let inserter: BatchInserter
    /// The rows being queued. A class shared by copies of the sink (the validator that holds it
    /// is a value that staging moves around), never by two owners at once.
    private var buffer = BatchInserter.Buffer()
    // Where the row begun last starts, to forget it.
    private var rowMark = 0
    private var arenaMark = 0

    /// The most parameters a batch statement binds (SQLite's limit is 32,766 since 3.32).
    static let maxParameters = 4096
    /// The most rows a batch statement inserts.
    static let maxBatchRows = 128
    /// How many batches travel to the inserting thread together.
    static let batchesPerBuffer = 16

    /// Prepares the INSERT statements for `table`, whose columns have the given types.
    init(table: StagedTable, types: [ColumnType], database: SQLiteDatabase) throws {
        counted = types.map(ColumnTally.init(type:))
        width = types.count + 1
        batchRows = max(1, min(Self.maxBatchRows, Self.maxParameters / width))
        bufferRows = batchRows * Self.batchesPerBuffer
        batch = try database.prepare(Self.insertSQL(table, rows: batchRows))
        single = try database.prepare(Self.insertSQL(table, rows: 1))
        inserter = BatchInserter(batch: batch, batchRows: batchRows, single: single, width: width, counted: counted)
        buffer.slots.reserveCapacity(bufferRows * width)
    }

    /// `INSERT INTO "src_x" VALUES (?, ?, …), …`: per row, the line, then one parameter per column.
    static func insertSQL(_ table: StagedTable, rows: Int = 1) -> String {
        let row = "(" + Array(repeating: "?", count: table.columns.count + 1).joined(separator: ", ") + ")"
        return "INSERT INTO \(SQLText.quote(table.name)) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ")
    }

    // MARK: - RowSink

    mutating func beginRow(line: Int) {
        rowMark = buffer.slots.count
        arenaMark = buffer.arena.bytes.count
        buffer.slots.append(.integer(Int64(line)))
    }

    @inline(__always)
    mutating func appendNull() { buffer.slots.append(.null) }

    @inline(__always)
    mutating func append(text bytes: UnsafeBufferPointer<UInt8>) { buffer.slots.append(queue(bytes)) }

    @inline(__always)
    mutating func append(integer value: Int64, spelled bytes: UnsafeBufferPointer<UInt8>) { buffer.slots.append(.integer(value)) }

    @inline(__always)
    mutating func append(real value: Double, spelled bytes: UnsafeBufferPointer<UInt8>) { buffer.slots.append(.real(value)) }

    @inline(__always)
    mutating func append(date bytes: UnsafeBufferPointer<UInt8>) { buffer.slots.append(queue(bytes)) }

    mutating func discardRow() {
        buffer.slots.removeSubrange(rowMark...)
        buffer.arena.bytes.truncate(to: arenaMark)
    }

    mutating func endRow() throws {
        buffer.rows += 1
        if buffer.rows == bufferRows { buffer = try inserter.submit(buffer) }
    }

    mutating func finish() throws {
        try inserter.finish()
        counted = inserter.counted
        try Self.insert(buffer, batch: batch, batchRows: batchRows, single: single, width: width, counting: &counted)
        buffer = BatchInserter.Buffer()
    }

    /// Stops the inserting thread when staging ends without `finish()` (a malformed file).
    func abandon() {
        try? inserter.finish()
    }

    // MARK: - Inserting

    @inline(__always)
    private mutating func queue(_ bytes: UnsafeBufferPointer<UInt8>) -> Slot {
        let start = buffer.arena.bytes.count
        buffer.arena.bytes.append(bytes.baseAddress!, count: bytes.count)
        return .text(start: start, count: bytes.count)
    }

    /// Inserts the rows of `buffer` (`width` slots each): whole batches with `batch`, the rest
    /// one at a time with `single`.
    static func insert(_ buffer: BatchInserter.Buffer, batch: SQLiteStatement, batchRows: Int, single: SQLiteStatement,
                       width: Int, counting counted: inout [ColumnTally]) throws {
        let whole = buffer.rows / batchRows * batchRows
        let text = UnsafePointer(buffer.arena.bytes.base)
        for start in stride(from: 0, to: whole, by: batchRows) {
            try insert(buffer.slots, rows: start..<(start + batchRows), width: width, text: text, into: batch, counting: &counted)
        }
        for row in whole..<buffer.rows {
            try insert(buffer.slots, rows: row..<(row + 1), width: width, text: text, into: single, counting: &counted)
        }
    }

    /// Binds the slots of `rows` (`width` slots each, text in `text`) to `statement` and runs it
    /// once; counts each value in its column's tally (slot 0 of a row is its line, not a column).
    static func insert(_ slots: ContiguousArray<Slot>, rows: Range<Int>, width: Int, text base: UnsafePointer<UInt8>,
                       into statement: SQLiteStatement, counting counted: inout [ColumnTally]) throws {
        // The arena does not move between binding and stepping, so its bytes are bound in place.
        var parameter: Int32 = 1
        var column = -1
        for index in (rows.lowerBound * width)..<(rows.upperBound * width) {
            switch slots[index] {
            case .null:
                try statement.bindNull(at: parameter)
                if column >= 0 { counted[column].addNull() }
            case .integer(let number):
                try statement.bind(number, at: parameter)
                if column >= 0 { counted[column].add(integer: number) }
            case .real(let number):
                try statement.bind(number, at: parameter)
                counted[column].add(real: number)
            case .text(let start, let count):
                try statement.bindStaticText(base + start, count: count, at: parameter)
                counted[column].add(text: UnsafeBufferPointer(start: base + start, count: count))
            }
            parameter += 1
            column = column + 1 == width - 1 ? -1 : column + 1
        }
        try statement.step()
        try statement.reset()
    }
}

/// The box `SQLiteRowSink` keeps its text in. The buffer is reached once per text field, so the
/// dynamic exclusivity check a class's stored property would pay is left out: only the sink,
/// on one thread, ever touches it.
final class Arena {
    @exclusivity(unchecked) var bytes = ByteBuffer(capacity: 64 * 1024)
}

/// SQLite staging's row loader: the shared validator over the batched INSERT sink.
typealias RowLoader = RowValidator<SQLiteRowSink>

extension RowValidator where Sink == SQLiteRowSink {
    /// Prepares the INSERT statements for `table`, checking rows against `layout`.
    init(layout: StagingLayout, table: StagedTable, database: SQLiteDatabase, path: String, maxErrors: Int) throws {
        let sink = try SQLiteRowSink(table: table, types: layout.columns.map { $0.type ?? .text }, database: database)
        self.init(layout: layout, path: path, maxErrors: maxErrors, sink: sink)
    }

    /// Each column's values as inserted.
    var tallies: [ColumnTally] { sink.counted }
}
