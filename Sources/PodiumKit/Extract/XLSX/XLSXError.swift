/// The diagnostics of the XLSX reader, each wrapped in a `DiagnosticsError` and naming the
/// workbook (and, where there is one, the sheet and cell).
enum XLSXError {
    private static let resave = "open it in the spreadsheet and save it again as an Excel workbook (.xlsx), or export the sheet as CSV"

    static func notAWorkbook(_ path: String) -> DiagnosticsError {
        DiagnosticsError(.error(
            "not an XLSX workbook: the file is not a ZIP archive", at: .init(file: path),
            hint: "save it as an Excel workbook (.xlsx); .xls, .xlsb and .ods are other formats, and a CSV file needs a .csv path"))
    }

    static func notAWorkbookArchive(_ path: String) -> DiagnosticsError {
        DiagnosticsError(.error(
            "not an XLSX workbook: the ZIP archive holds no workbook", at: .init(file: path),
            hint: "save it as an Excel workbook (.xlsx); .ods, .numbers and .xlsb files are other formats"))
    }

    static func corrupt(_ path: String, _ detail: String) -> DiagnosticsError {
        DiagnosticsError(.error("the workbook is damaged: \(detail)", at: .init(file: path), hint: resave))
    }

    static func unsupported(_ path: String, _ detail: String) -> DiagnosticsError {
        DiagnosticsError(.error("cannot read the workbook: \(detail)", at: .init(file: path), hint: resave))
    }

    static func expansion(_ path: String, entry: String, limits: ZipLimits) -> DiagnosticsError {
        DiagnosticsError(.error(
            "the workbook's part \(entry) expands to more than \(limits.maxRatio) times its compressed size: refused as a possible zip bomb",
            at: .init(file: path),
            hint: "a genuine workbook compresses far less; if this one is genuine, export the sheet as CSV and point `path:` at that"))
    }

    static func tooLarge(_ path: String, entry: String, maxBytes: Int64) -> DiagnosticsError {
        DiagnosticsError(.error(
            "the workbook's part \(entry) is larger than \(maxBytes >> 20) MiB once inflated: refused",
            at: .init(file: path),
            hint: "split the data across sheets or workbooks, or export it as CSV (CSV sources have no size limit)"))
    }

    static func missingPart(_ path: String, _ part: String) -> DiagnosticsError {
        corrupt(path, "it has no \(part)")
    }

    static func malformedXML(_ path: String, part: String, _ detail: String) -> DiagnosticsError {
        corrupt(path, "its part \(part) is not well-formed XML (\(detail))")
    }

    static func doctype(_ path: String, part: String) -> DiagnosticsError {
        DiagnosticsError(.error(
            "the workbook's part \(part) declares a DOCTYPE, which workbooks never do: refused", at: .init(file: path),
            hint: "Podium reads no DTDs or external entities; \(resave)"))
    }

    static func sheetNotFound(_ path: String, sheet: String, sheets: [String]) -> DiagnosticsError {
        let list = sheets.map { "'\($0)'" }.joined(separator: ", ")
        return DiagnosticsError(.error(
            "the workbook has no sheet '\(sheet)'" + (sheet.closestMatch(in: sheets).map { "; did you mean '\($0)'?" } ?? ""),
            at: .init(file: path),
            hint: "its sheets are \(list); set `sheet:` in podium.yaml to one of them (names are case-sensitive)"))
    }

    static func noSheets(_ path: String) -> DiagnosticsError {
        corrupt(path, "it lists no sheets")
    }

    static func headerPastEnd(_ path: String, sheet: String, headerRow: Int, lastRow: Int) -> DiagnosticsError {
        DiagnosticsError(.error(
            lastRow == 0
                ? "sheet \(sheet) is empty: there is no header row \(headerRow)"
                : "header_row \(headerRow) is past the end of sheet \(sheet), whose last row is \(lastRow)",
            at: .init(file: path),
            hint: "set `header_row:` to the row holding the column names (counted from 1, as the spreadsheet numbers rows)"))
    }

    static func headerEmpty(at location: Diagnostic.Location, headerRow: Int) -> DiagnosticsError {
        DiagnosticsError(.error(
            "header row \(headerRow) is empty", at: location,
            hint: "set `header_row:` to the row holding the column names (counted from 1, as the spreadsheet numbers rows)"))
    }

    static func errorCell(at location: Diagnostic.Location, value: String, header: String?) -> DiagnosticsError {
        let column = header.map { "columns.\($0)" } ?? "the column"
        return DiagnosticsError(.error(
            "the cell holds the error value \(value)", at: location,
            hint: "fix the formula in the workbook; or, if '\(value)' means a missing value, declare it: "
                + "`null_values: [\"\(value)\"]` on the source (every column) or on \(column)"))
    }

    static func valuePastHeader(at location: Diagnostic.Location, header: Diagnostic.Location) -> DiagnosticsError {
        DiagnosticsError(.error(
            "the cell holds a value, but its column has no header", at: location,
            notes: [.init("the header cell is empty", at: header)],
            hint: "name the column in the header row, or clear the cell (`header_row:` sets which row names the columns)"))
    }

    static func badCell(at location: Diagnostic.Location, _ detail: String) -> DiagnosticsError {
        DiagnosticsError(.error("the cell \(detail)", at: location, hint: resave))
    }

    static func leapDay(at location: Diagnostic.Location) -> DiagnosticsError {
        DiagnosticsError(.error(
            "the cell holds day 60 of Excel's 1900 date system, 29 February 1900, a day that never existed",
            at: location,
            hint: "Excel counts 1900 as a leap year for compatibility with Lotus 1-2-3; enter the intended date"))
    }
}
