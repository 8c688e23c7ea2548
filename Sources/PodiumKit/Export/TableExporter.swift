/// Reads warehouse tables and writes each as a Parquet file: decides each column's Parquet type,
/// then streams the rows, in the order they were inserted, into a `ParquetFileWriter`.
///
/// **Types.** A staging table's columns have the types the build gave them (declared in
/// podium.yaml or inferred; `_line` is an integer): integer → INT64, real → DOUBLE, text →
/// String, date → Date. A model's columns are typed by their values, as staging infers a CSV
/// column's type (SQLite keeps a type per value, not per column): only integers → INT64;
/// numbers → DOUBLE; only ISO dates (`YYYY-MM-DD`) → Date; any other text → String (numbers in
/// such a column are written as text). A column with no value at all takes its declared type.
struct TableExporter {
    let engine: any WarehouseEngine
    /// The staging tables as the build loaded them (table name → table), when known.
    let stagedTables: [String: StagedTable]
    /// The footer's `created_by`.
    let createdBy: String
    var limits = ParquetLimits.standard

    /// The Parquet columns of `table`, in table order.
    func columns(of table: String) throws -> [ParquetColumn] {
        let columns = try engine.columns(of: table)
        if let staged = stagedTables[table] {
            let types = Dictionary(staged.columns.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
            if columns.allSatisfy({ $0.name == StagingLayout.lineColumn || types[$0.name] != nil }) {
                return columns.map { ParquetColumn(name: $0.name, kind: Self.kind(of: types[$0.name] ?? .integer)) }
            }
        }
        var inferences = columns.map { ColumnKindInference(declaredType: $0.declaredType) }
        try engine.scanRows(selectAll(from: table, columns: columns)) { row in
            for index in row.indices { inferences[index].add(row[index]) }
            return true
        }
        return zip(columns, inferences).map { ParquetColumn(name: $0.name, kind: $1.kind) }
    }

    /// Writes `table` with `columns` to `output`.
    /// - Throws: `ParquetValueError` for a value that does not fit its column (the table changed
    ///   while it was read), or the output's error.
    func export(_ table: String, columns: [ParquetColumn], to output: any ParquetOutput) throws -> ParquetFileWriter.Summary {
        let writer = try ParquetFileWriter(columns: columns, output: output, createdBy: createdBy, limits: limits)
        try engine.scanRows(selectAll(from: table, columns: columns.map { WarehouseColumn(name: $0.name, declaredType: "") })) { row in
            try writer.append(row)
            return true
        }
        return try writer.finish()
    }

    /// Every column of `table` in insertion order (a plain scan on SQLite).
    private func selectAll(from table: String, columns: [WarehouseColumn]) -> String {
        let list = columns.map { SQLText.quote($0.name) }.joined(separator: ", ")
        return "SELECT \(list) FROM \(SQLText.quote(table)) ORDER BY \(engine.dialect.rowOrder)"
    }

    static func kind(of type: ColumnType) -> ParquetColumn.Kind {
        switch type {
        case .integer: .int64
        case .real: .double
        case .text: .string
        case .date: .date
        }
    }
}

/// A model column's Parquet type, from the values it holds (``ValueTypeInference``), else its
/// declared type, else text.
struct ColumnKindInference {
    let declaredType: String
    private var inference = ValueTypeInference()

    init(declaredType: String) { self.declaredType = declaredType }

    mutating func add(_ value: Value) { inference.add(value) }

    var kind: ParquetColumn.Kind {
        TableExporter.kind(of: inference.type ?? ValueTypeInference.mapped(declaredType) ?? .text)
    }
}
