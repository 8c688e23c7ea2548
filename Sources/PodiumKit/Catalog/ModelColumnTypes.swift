/// The types the catalog shows for a model's columns, in Podium's words (`integer`, `real`,
/// `text`, `date`) whatever the engine: read from the values of the model's first rows, since
/// SQLite declares no type for a computed column (`count(*) as athletes`, a join key) and keeps
/// dates as text; from the engine's declared type when the sample has no value.
enum ModelColumnTypes {
    /// How many rows are read: enough to see each column's kind, few enough to cost nothing.
    static let sampleSize = 1000

    static func columns(of model: String, in database: any WarehouseEngine) throws -> [Catalog.Model.Column] {
        let declared = try database.columns(of: model)
        let sample = try database.readQuery("SELECT * FROM \(SQLText.quote(model)) LIMIT \(sampleSize)")
        return declared.map { column in
            let index = sample.columnIndex(column.name)
            let values = index.map { index in sample.rows.map { $0[index] } } ?? []
            return .init(name: column.name, type: type(of: values)?.rawValue ?? mapped(column.declaredType))
        }
    }

    /// The type of non-NULL values: integers only → integer; numbers → real; text that is all ISO
    /// dates → date; other text → text. Nil when every value is NULL.
    static func type(of values: [Value]) -> ColumnType? {
        var integers = false, reals = false, texts = false, dates = true
        for value in values {
            switch value {
            case .null: continue
            case .integer: integers = true
            case .real: reals = true
            case .text(let text):
                texts = true
                if dates { dates = Array(text.utf8).withUnsafeBufferPointer(ValueParser.isDate) }
            }
        }
        if texts { return dates && !integers && !reals ? .date : .text }
        if reals { return .real }
        return integers ? .integer : nil
    }

    /// An engine's declared type in Podium's words; "" when it says nothing.
    static func mapped(_ declared: String) -> String {
        let name = declared.lowercased()
        if name.contains("int") { return ColumnType.integer.rawValue }
        if ["real", "double", "float", "numeric", "decimal"].contains(where: name.contains) { return ColumnType.real.rawValue }
        if name.contains("date") { return ColumnType.date.rawValue }
        if ["text", "char", "clob"].contains(where: name.contains) { return ColumnType.text.rawValue }
        return ""
    }
}
