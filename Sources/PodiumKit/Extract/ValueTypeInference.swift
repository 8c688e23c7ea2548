/// The type of a column from the values a warehouse returns (a model's, where SQLite declares no
/// type for a computed column and keeps dates as text), in Podium's words: only integers →
/// integer; numbers → real; text that is all ISO dates → date; any other text → text. The
/// catalog and the Parquet export both type model columns this way. (CSV text is typed by
/// ``TypeInference``.)
struct ValueTypeInference {
    private var integers = false, reals = false, texts = false, allDates = true

    mutating func add(_ value: Value) {
        switch value {
        case .null: break
        case .integer: integers = true
        case .real: reals = true
        case .text(var text):
            texts = true
            if allDates, !text.withUTF8({ ValueParser.isDate($0) }) { allDates = false }
        }
    }

    /// The type of the values added; nil when none was non-NULL.
    var type: ColumnType? {
        if texts { return !integers && !reals && allDates ? .date : .text }
        if reals { return .real }
        return integers ? .integer : nil
    }

    /// The type of `values`.
    static func type(of values: some Sequence<Value>) -> ColumnType? {
        var inference = ValueTypeInference()
        for value in values { inference.add(value) }
        return inference.type
    }

    /// An engine's declared type (`INT`, `bigint`, `double precision`, `DATE`, `TEXT`) in Podium's
    /// words, by SQLite's affinity rules, which PostgreSQL's names also fit; nil when it says nothing.
    static func mapped(_ declared: String) -> ColumnType? {
        let name = declared.uppercased()
        if name.contains("INT") { return .integer }
        if ["REAL", "FLOA", "DOUB", "NUMERIC", "DECIMAL"].contains(where: name.contains) { return .real }
        if name.contains("DATE") { return .date }
        if ["TEXT", "CHAR", "CLOB"].contains(where: name.contains) { return .text }
        return nil
    }
}
