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
            let type = ValueTypeInference.type(of: values) ?? ValueTypeInference.mapped(column.declaredType)
            return .init(name: column.name, type: type?.rawValue ?? "")
        }
    }
}
