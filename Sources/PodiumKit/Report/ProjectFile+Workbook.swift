import Yams

extension ProjectFile {
    /// `sheet:` and `header_row:`, which only a workbook source (`path: ….xlsx`) takes.
    static func parseWorkbookKeys(of source: inout SourceSpec, _ mapping: YAMLMapping, reader: YAMLReader,
                                  diagnostics: DiagnosticCollector) {
        let isWorkbook = SourceReaders.isWorkbook(source.path)
        let lower = source.path.lowercased()
        if let (suffix, kind) = SourceReaders.unreadableSpreadsheets.first(where: { lower.hasSuffix($0.key) }) {
            diagnostics.emit(.error("source '\(source.name)': '\(source.path)' is \(kind) (\(suffix)), which Podium does not read",
                                    at: reader.location(of: mapping["path"]),
                                    hint: "save it as an Excel workbook (.xlsx) or as CSV, and point `path:` at that file"))
        }
        for key in ["sheet", "header_row"] where mapping[key] != nil && !isWorkbook && !source.path.isEmpty {
            diagnostics.emit(.error("'\(key)' applies to workbook sources only, and '\(source.path)' is not an .xlsx file",
                                    at: reader.location(of: mapping.keyNode(key)),
                                    hint: "remove `\(key):`, or point `path:` at the .xlsx workbook"))
        }
        if let sheet = reader.string(mapping["sheet"], key: "sheet", diagnostics: diagnostics) {
            if sheet.isEmpty {
                diagnostics.emit(.error("'sheet' is empty", at: reader.location(of: mapping["sheet"]),
                                        hint: "name the sheet to read, or remove `sheet:` to read the first"))
            } else {
                source.sheet = sheet
            }
        }
        if let node = mapping["header_row"] {
            if let text = node.string, let row = Int(text), row >= 1, row <= 1 << 20 {
                source.headerRow = row
            } else {
                diagnostics.emit(.error("'header_row' must be a row number from 1, found '\(node.string ?? "a collection")'",
                                        at: reader.location(of: node),
                                        hint: "write the row holding the column names as the spreadsheet numbers it, such as `header_row: 3`"))
            }
        }
    }
}
