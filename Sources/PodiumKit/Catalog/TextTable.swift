/// Plain-text renderings of tabular data for a terminal: aligned columns, CSV and JSON.
///
/// Used by `podium query` and `podium catalog`.
public enum TextTable {
    /// Output formats of `podium query`.
    public enum Format: String, CaseIterable, Sendable {
        case table, csv, json
    }

    /// `result` in `format`, ending with a newline.
    public static func render(_ result: QueryResult, as format: Format) -> String {
        switch format {
        case .table: aligned(header: result.columns, rows: result.rows.map { $0.map(cell) })
            + "(\(String(counting: result.rows.count, "row")))\n"
        case .csv: DataExport.csv(result)
        case .json: json(result).rendered() + "\n"
        }
    }

    /// `{"columns": [...], "rows": [[...], ...]}`.
    static func json(_ result: QueryResult) -> JSON {
        .object([
            ("columns", .array(result.columns.map { .string($0) })),
            ("rows", .array(result.rows.map { .array($0.map(JSON.init)) })),
        ])
    }

    /// Columns padded to their widest cell (in characters), separated by two spaces, with a rule
    /// under the header. Numbers are right-aligned when `rightAligned` says so.
    public static func aligned(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
        let count = header.count
        var widths = header.map(\.count)
        for row in rows {
            for (index, text) in row.prefix(count).enumerated() { widths[index] = max(widths[index], text.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for index in 0..<count {
                let text = index < cells.count ? cells[index] : ""
                let padding = String(repeating: " ", count: widths[index] - text.count)
                parts.append(rightAligned.contains(index) ? padding + text : text + padding)
            }
            var text = parts.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        var out = line(header) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }

    /// A cell as one line of text: NULL for null, line breaks shown as `\n`.
    static func cell(_ value: Value) -> String {
        if case .null = value { return "NULL" }
        return value.text.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
    }
}
