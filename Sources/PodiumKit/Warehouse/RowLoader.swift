/// Staging's hot path: checks and binds each record's fields straight from their bytes and
/// inserts the row with one prepared statement.
struct RowLoader {
    let layout: StagingLayout
    let insert: SQLiteStatement
    let path: String
    let maxErrors: Int
    private(set) var rowCount = 0
    private(set) var problems: [Diagnostic] = []
    private var errorCount = 0
    // Flat copies of the layout, so the per-field loop does not copy column structs.
    private let types: [ColumnType]
    private let required: [Bool]

    init(layout: StagingLayout, insert: SQLiteStatement, path: String, maxErrors: Int) {
        self.layout = layout
        self.insert = insert
        self.path = path
        self.maxErrors = maxErrors
        types = layout.columns.map { $0.type ?? .text }
        required = layout.columns.map(\.required)
    }

    /// `INSERT INTO "src_x" VALUES (?1, ?2, …)`: the line, then one parameter per column.
    static func insertSQL(_ table: StagedTable) -> String {
        let parameters = (1...(table.columns.count + 1)).map { "?\($0)" }.joined(separator: ", ")
        return "INSERT INTO \(SQLText.quote(table.name)) VALUES (\(parameters))"
    }

    /// Checks one data record and inserts it if it is valid; records its problems otherwise.
    mutating func load(_ record: CSVRecord) throws {
        guard record.count == types.count else {
            report(StagingError.raggedRow(
                fields: record.count, expected: types.count, at: .init(file: path, line: record.line)))
            return
        }
        var valid = true
        try insert.bind(Int64(record.line), at: 1)
        for index in 0..<types.count {
            let parameter = Int32(index + 2)
            if record.isEmpty(index) {
                if required[index] {
                    report(StagingError.requiredEmpty(layout.columns[index], at: record.location(of: index)))
                    valid = false
                }
                try insert.bindNull(at: parameter)
                continue
            }
            let type = types[index]
            let bound = try record.withBytes(index) { bytes -> Bool in
                switch type {
                case .text:
                    try insert.bindText(bytes, at: parameter)
                case .integer:
                    guard let number = ValueParser.int64(bytes) else { return false }
                    try insert.bind(number, at: parameter)
                case .real:
                    guard let number = ValueParser.double(bytes) else { return false }
                    try insert.bind(number, at: parameter)
                case .date:
                    guard ValueParser.isDate(bytes) else { return false }
                    try insert.bindText(bytes, at: parameter)
                }
                return true
            }
            if !bound {
                report(StagingError.typeMismatch(
                    layout.columns[index], type: type, value: record[index], at: record.location(of: index)))
                valid = false
            }
        }
        guard valid else { return }
        try insert.step()
        try insert.reset()
        rowCount += 1
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
