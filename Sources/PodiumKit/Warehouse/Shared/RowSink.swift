/// Where an engine puts a staging table's rows: the only part of loading a source that differs
/// between engines (SQLite: `SQLiteRowSink`, batched prepared INSERTs; PostgreSQL: `CopyRowSink`,
/// `COPY … FROM STDIN` text).
///
/// `RowValidator` calls, for each record that has the right number of fields, `beginRow`, then one
/// `append…` per column in order (for a valid field; nothing for a bad one), then `endRow` if
/// every field was valid or `discardRow` if not; `finish` once after the last record.
protocol RowSink {
    /// What the sink throws when it cannot write (`Never` for one that only collects bytes).
    associatedtype Failure: Error
    /// Each column's values as written, counted for the catalog's profile and for references
    /// proved without a query; nil when the engine does not count them.
    var tallies: [ColumnTally]? { get }
    /// Starts a row from the source line `line`.
    mutating func beginRow(line: Int)
    /// An empty field: NULL.
    mutating func appendNull()
    /// A text field's bytes.
    mutating func append(text bytes: UnsafeBufferPointer<UInt8>)
    /// An integer field, parsed, and its bytes as written in the source.
    mutating func append(integer value: Int64, spelled bytes: UnsafeBufferPointer<UInt8>)
    /// A real field, parsed, and its bytes as written in the source.
    mutating func append(real value: Double, spelled bytes: UnsafeBufferPointer<UInt8>)
    /// A date field's bytes (a valid ISO-8601 date).
    mutating func append(date bytes: UnsafeBufferPointer<UInt8>)
    /// Forgets the row begun last: one of its fields was invalid.
    mutating func discardRow()
    /// Keeps the row begun last; the sink may write what it has collected.
    mutating func endRow() throws(Failure)
    /// Writes what is still collected. Called once, after the last record.
    mutating func finish() throws(Failure)
}
