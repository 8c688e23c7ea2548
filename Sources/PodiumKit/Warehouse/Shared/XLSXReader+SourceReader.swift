/// XLSX workbooks: `XLSXReader` and `XLSXRecord` (Extract/XLSX/) as staging reads them.

extension XLSXRecord: SourceRecord {}

extension XLSXReader: SourceReader {
    /// A reader of `source`'s sheet (`sheet:`, default the first) from `header_row:` (default 1),
    /// whose error cells are NULL where a column's `null_values` (else the source's) name them.
    init(_ source: SourceSpec, path: String, displayPath: String? = nil) throws {
        var columnNullValues: [String: [String]] = [:]
        for column in source.columns { if let tokens = column.nullValues { columnNullValues[column.header] = tokens } }
        try self.init(path: path, displayPath: displayPath ?? source.path, sheet: source.sheet, headerRow: source.headerRow ?? 1,
                      nullValues: source.nullValues, columnNullValues: columnNullValues, limits: .default,
                      declaration: source.location.map { .init("source '\(source.name)' is declared here", at: $0) })
    }

    func read<Handler: RecordHandler>(into handler: inout Handler) throws {
        try read { record in try handler.handle(record) }
    }
}
