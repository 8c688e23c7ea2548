/// Staging's hot path: checks each record's fields straight from their bytes, queues valid rows,
/// and inserts them in batches with one prepared multi-row INSERT.
///
/// A batch statement (`INSERT … VALUES (…), (…), …`) costs one `sqlite3_step` and one reset for
/// `batchRows` rows. Text is copied once, into an arena that lives until the batch is inserted,
/// and bound without a second copy (`SQLITE_STATIC`); numbers are parsed and bound as such.
/// Nothing is allocated per field or per row once the arena and queue have grown to one batch.
struct RowLoader {
    let layout: StagingLayout
    let path: String
    let maxErrors: Int
    private(set) var rowCount = 0
    private(set) var problems: [Diagnostic] = []
    /// Each column's values as inserted (`ColumnTally`), for the profile and reference checks.
    private(set) var tallies: [ColumnTally]
    private var errorCount = 0
    // Flat copies of the layout, so the per-field loop does not copy column structs.
    private let types: [ColumnType]
    private let required: [Bool]

    /// One queued parameter.
    private enum Slot {
        case null
        case integer(Int64)
        case real(Double)
        /// Bytes `start..<start+count` of the arena.
        case text(start: Int, count: Int)
    }

    private let batch: SQLiteStatement
    private let single: SQLiteStatement
    private let batchRows: Int
    private let width: Int  // parameters per row: the line, then one per column
    private var slots: ContiguousArray<Slot> = []
    private var arena = ByteBuffer(capacity: 64 * 1024)
    private var queued = 0

    /// The most parameters a batch statement binds (SQLite's limit is 32,766 since 3.32).
    static let maxParameters = 4096
    /// The most rows a batch statement inserts.
    static let maxBatchRows = 128

    /// Prepares the INSERT statements for `table`.
    init(layout: StagingLayout, table: StagedTable, database: SQLiteDatabase, path: String, maxErrors: Int) throws {
        self.layout = layout
        self.path = path
        self.maxErrors = maxErrors
        types = layout.columns.map { $0.type ?? .text }
        required = layout.columns.map(\.required)
        tallies = types.map(ColumnTally.init(type:))
        width = types.count + 1
        batchRows = max(1, min(Self.maxBatchRows, Self.maxParameters / width))
        batch = try database.prepare(Self.insertSQL(table, rows: batchRows))
        single = try database.prepare(Self.insertSQL(table, rows: 1))
        slots.reserveCapacity(batchRows * width)
    }

    /// `INSERT INTO "src_x" VALUES (?, ?, …), …`: per row, the line, then one parameter per column.
    static func insertSQL(_ table: StagedTable, rows: Int = 1) -> String {
        let row = "(" + Array(repeating: "?", count: table.columns.count + 1).joined(separator: ", ") + ")"
        return "INSERT INTO \(SQLText.quote(table.name)) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ")
    }

    /// Checks one data record and queues it if it is valid; records its problems otherwise.
    mutating func load(_ record: CSVRecord) throws {
        guard record.count == types.count else {
            report(StagingError.raggedRow(
                fields: record.count, expected: types.count, at: .init(file: path, line: record.line)))
            return
        }
        let mark = slots.count, arenaMark = arena.count
        var valid = true
        slots.append(.integer(Int64(record.line)))
        for index in 0..<types.count {
            if record.isEmpty(index) {
                if required[index] {
                    report(StagingError.requiredEmpty(layout.columns[index], at: record.location(of: index)))
                    valid = false
                }
                slots.append(.null)
                continue
            }
            let type = types[index]
            let slot = record.withBytes(index) { bytes -> Slot? in
                switch type {
                case .text:
                    return queue(bytes)
                case .integer:
                    return ValueParser.int64(bytes).map(Slot.integer)
                case .real:
                    return ValueParser.double(bytes).map(Slot.real)
                case .date:
                    return ValueParser.isDate(bytes) ? queue(bytes) : nil
                }
            }
            if let slot {
                slots.append(slot)
            } else {
                report(StagingError.typeMismatch(
                    layout.columns[index], type: type, value: record[index], at: record.location(of: index)))
                valid = false
                slots.append(.null)
            }
        }
        guard valid else {
            slots.removeSubrange(mark...)
            arena.truncate(to: arenaMark)
            return
        }
        queued += 1
        rowCount += 1
        if queued == batchRows { try flush() }
    }

    /// Inserts the rows still queued. Call once, after the last record.
    mutating func finish() throws {
        // Fewer than one batch: one row at a time.
        for row in 0..<queued { try insert(single, rows: row..<(row + 1)) }
        clear()
    }

    @inline(__always)
    private mutating func queue(_ bytes: UnsafeBufferPointer<UInt8>) -> Slot {
        let start = arena.count
        arena.append(bytes.baseAddress!, count: bytes.count)
        return .text(start: start, count: bytes.count)
    }

    private mutating func flush() throws {
        try insert(batch, rows: 0..<queued)
        clear()
    }

    private mutating func clear() {
        slots.removeAll(keepingCapacity: true)
        arena.removeAll()
        queued = 0
    }

    /// Binds the slots of the queued `rows` to `statement` and runs it once; counts each value
    /// in its column's tally (slot 0 of a row is its line, not a column).
    private mutating func insert(_ statement: SQLiteStatement, rows: Range<Int>) throws {
        // The arena does not move between binding and stepping, so its bytes are bound in place.
        let base = UnsafePointer(arena.base)
        var parameter: Int32 = 1
        var column = -1
        for index in (rows.lowerBound * width)..<(rows.upperBound * width) {
            switch slots[index] {
            case .null:
                try statement.bindNull(at: parameter)
                if column >= 0 { tallies[column].addNull() }
            case .integer(let number):
                try statement.bind(number, at: parameter)
                if column >= 0 { tallies[column].add(integer: number) }
            case .real(let number):
                try statement.bind(number, at: parameter)
                tallies[column].add(real: number)
            case .text(let start, let count):
                try statement.bindStaticText(base + start, count: count, at: parameter)
                tallies[column].add(text: UnsafeBufferPointer(start: base + start, count: count))
            }
            parameter += 1
            column = column + 1 == width - 1 ? -1 : column + 1
        }
        try statement.step()
        try statement.reset()
    }

    /// Reports a problem, up to `maxErrors`; past that only counts it and keeps one summary last.
    private mutating func report(_ diagnostic: Diagnostic) {
        errorCount += 1
        if errorCount <= maxErrors {
            problems.append(diagnostic)
        } else {
            if errorCount > maxErrors + 1 { problems.removeLast() }
            problems.append(StagingError.more(errorCount - maxErrors, in: path))
        }
    }
}
