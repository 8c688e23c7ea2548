import Foundation
import Testing
@testable import PodiumKit

/// The XLSX reader over the committed fixtures of `Fixtures/XLSX/` (written by its `generate.py`).
@Suite struct XLSXReaderTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/XLSX")

    /// Every record as `row: fields`.
    private func rows(_ name: String, sheet: String? = nil, headerRow: Int = 1, nullValues: [String] = [],
                      limits: ZipLimits = .default) throws -> [String] {
        let reader = try XLSXReader(path: Self.fixtures.appendingPathComponent(name).path, displayPath: "data/\(name)",
                                    sheet: sheet, headerRow: headerRow, nullValues: nullValues, columnNullValues: [:],
                                    limits: limits)
        var result: [String] = []
        try reader.read { record in result.append("\(record.line): " + record.strings.joined(separator: "|")) }
        return result
    }

    private func error(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch let error as DiagnosticsError {
            return error.description
        } catch {
            return "\(error)"
        }
    }

    @Test func firstSheetIsTheDefault() throws {
        #expect(try rows("types.xlsx") == ["1: Note", "2: first sheet"])
    }

    @Test func typesFromASpreadsheetTool() throws {
        #expect(try rows("types.xlsx", sheet: "Details", headerRow: 3, nullValues: ["#N/A"]) == [
            "3: Name|Count|Ratio|Flag|Day|Stamp|Clock|Custom|Err|Rich|Big",
            "4: Côte d'Ivoire|42|0.25|1|2021-07-23|2021-07-23 18:30:00|06:15:30|1900-01-01|#N/A|Bold and plain|12345678901234",
            "5: Trinidad & Tobago <b>|-7|1e-07|0|1900-03-01||||ok|x|1.5e+20",
            "9: Sparse|||1|||||||3",
        ])
    }

    @Test func handWrittenParts() throws {
        // Shared strings (rich runs joined, phonetic runs left out, _x000D_ unescaped), inline rich
        // strings, cached formula results, cells without references, a custom date format, t="d".
        #expect(try rows("handmade.xlsx", nullValues: ["#DIV/0!"]) == [
            "1: Label|Value|Formula|When",
            "2: Rich text|inline|2|2021-07-23",
            "3: Line\rbreak é|3.5|ab|2021-07-23",
            "6: 1||#DIV/0!|2021-07-23 18:30:00",
        ])
    }

    @Test func date1904System() throws {
        #expect(try rows("dates1904.xlsx") == ["1: Day|Serial", "2: 2021-07-23|1"])
    }

    @Test func errorCellIsAnErrorNamingTheCell() {
        let text = error { _ = try rows("types.xlsx", sheet: "Details", headerRow: 3) }
        #expect(text == """
            data/types.xlsx, sheet Details, cell I4: error: the cell holds the error value #N/A
              hint: fix the formula in the workbook; or, if '#N/A' means a missing value, declare it: `null_values: ["#N/A"]` on the source (every column) or on columns.Err
            """)
    }

    @Test func sheetNotFoundSuggestsTheNames() {
        let text = error { _ = try rows("types.xlsx", sheet: "Detail") }
        #expect(text == """
            data/types.xlsx: error: the workbook has no sheet 'Detail'; did you mean 'Details'?
              hint: its sheets are 'Summary', 'Details'; set `sheet:` in podium.yaml to one of them (names are case-sensitive)
            """)
    }

    @Test func headerRowPastTheEnd() {
        #expect(error { _ = try rows("types.xlsx", headerRow: 5) }.hasPrefix(
            "data/types.xlsx: error: header_row 5 is past the end of sheet Summary, whose last row is 2"))
        #expect(error { _ = try rows("types.xlsx", sheet: "Details", headerRow: 2) }.hasPrefix(
            "data/types.xlsx, sheet Details, cell A2: error: header row 2 is empty"))
    }

    @Test func valueWithoutAHeader() {
        #expect(error { _ = try rows("types.xlsx", sheet: "Details") } == """
            data/types.xlsx, sheet Details, cell B3: error: the cell holds a value, but its column has no header
              note: data/types.xlsx, sheet Details, cell B1: the header cell is empty
              hint: name the column in the header row, or clear the cell (`header_row:` sets which row names the columns)
            """)
    }

    @Test func doctypeIsRefusedSoNoEntityIsEverResolved() {
        #expect(error { _ = try rows("doctype.xlsx") } == """
            data/doctype.xlsx: error: the workbook's part xl/worksheets/sheet1.xml declares a DOCTYPE, which workbooks never do: refused
              hint: Podium reads no DTDs or external entities; open it in the spreadsheet and save it again as an Excel workbook (.xlsx), or export the sheet as CSV
            """)
    }

    @Test func notAZipFile() {
        #expect(error { _ = try rows("not-a-zip.xlsx") }.hasPrefix(
            "data/not-a-zip.xlsx: error: not an XLSX workbook: the file is not a ZIP archive"))
    }

    @Test func zipBombIsRefused() {
        #expect(error { _ = try rows("bomb.xlsx") }.hasPrefix(
            "data/bomb.xlsx: error: the workbook's part xl/worksheets/sheet1.xml expands to more than 100 times its compressed size"))
        var small = ZipLimits.default
        small.maxEntryBytes = 1 << 20
        small.maxRatio = 10_000
        #expect(error { _ = try rows("bomb.xlsx", limits: small) }.hasPrefix(
            "data/bomb.xlsx: error: the workbook's part xl/worksheets/sheet1.xml is larger than 1 MiB once inflated"))
    }

    @Test func missingFile() {
        #expect(error { _ = try rows("absent.xlsx") }.hasPrefix("data/absent.xlsx: error: cannot find source file"))
    }

    @Test func dateSerials() throws {
        #expect(try XLSXDate.text(1, kind: .date, date1904: false) == "1900-01-01")
        #expect(try XLSXDate.text(59, kind: .date, date1904: false) == "1900-02-28")
        #expect(throws: XLSXDate.Failure.self) { try XLSXDate.text(60, kind: .date, date1904: false) }
        #expect(try XLSXDate.text(61, kind: .date, date1904: false) == "1900-03-01")
        #expect(try XLSXDate.text(44400, kind: .date, date1904: false) == "2021-07-23")
        #expect(try XLSXDate.text(42938, kind: .date, date1904: true) == "2021-07-23")
        #expect(try XLSXDate.text(0, kind: .date, date1904: true) == "1904-01-01")
        #expect(try XLSXDate.text(44400.5, kind: .dateTime, date1904: false) == "2021-07-23 12:00:00")
        #expect(try XLSXDate.text(1.5, kind: .time(elapsed: true), date1904: false) == "36:00:00")
        #expect(try XLSXDate.text(1.5, kind: .time(elapsed: false), date1904: false) == "12:00:00")
    }

    @Test func numberFormatKinds() {
        #expect(XLSXValueKind.parse("yyyy-mm-dd") == .date)
        #expect(XLSXValueKind.parse("yyyy\\-mm\\-dd") == .date)
        #expect(XLSXValueKind.parse("d/m/yy h:mm") == .dateTime)
        #expect(XLSXValueKind.parse("h:mm AM/PM") == .time(elapsed: false))
        #expect(XLSXValueKind.parse("[h]:mm:ss") == .time(elapsed: true))
        #expect(XLSXValueKind.parse("mm:ss") == .time(elapsed: false))
        #expect(XLSXValueKind.parse("mmm yyyy") == .date)
        #expect(XLSXValueKind.parse("[Red]#,##0.00;[Blue]-#,##0.00") == .number)
        #expect(XLSXValueKind.parse("0.00E+00") == .number)
        #expect(XLSXValueKind.parse("\"days\" 0") == .number)
        #expect(XLSXValueKind.parse("General") == .number)
        #expect(XLSXValueKind.builtIn(14) == .date)
        #expect(XLSXValueKind.builtIn(22) == .dateTime)
        #expect(XLSXValueKind.builtIn(46) == .time(elapsed: true))
        #expect(XLSXValueKind.builtIn(2) == .number)
    }

    @Test func columnReferences() {
        #expect(XLSXRowAssembler.column(of: Array("A1".utf8)[...]) == 0)
        #expect(XLSXRowAssembler.column(of: Array("AA10".utf8)[...]) == 26)
        #expect(XLSXRowAssembler.column(of: Array("XFD1".utf8)[...]) == 16_383)
        #expect(XLSXReader.columnName(0) == "A")
        #expect(XLSXReader.columnName(26) == "AA")
        #expect(XLSXReader.columnName(16_383) == "XFD")
    }

    /// Seeded mutations of an uncompressed workbook (so they reach the XML and the ZIP headers):
    /// each read ends in records or a diagnostic naming the file, never a crash or a hang.
    @Test func mutatedWorkbooksFailCleanly() throws {
        let original = try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent("stored.xlsx")))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("podium-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let interesting: [UInt8] = Array("<>/&;\"'=:!?[]-x0 9\u{0}".utf8) + [0xFF, 0xC3]
        var outcomes: [String: Int] = [:]
        for round in 0..<400 {
            var bytes = original
            for _ in 0..<(1 + next(4)) {
                let index = next(bytes.count)
                switch next(4) {
                case 0: bytes[index] = interesting[next(interesting.count)]
                case 1: bytes[index] = UInt8(truncatingIfNeeded: next(256))
                case 2: bytes.removeSubrange(index..<min(bytes.count, index + 1 + next(16)))
                default: bytes.insert(contentsOf: bytes[index..<min(bytes.count, index + next(16))], at: index)
                }
            }
            if round % 50 == 0 { bytes = Array(bytes.prefix(next(bytes.count))) }
            let url = folder.appendingPathComponent("m.xlsx")
            try Data(bytes).write(to: url)
            do {
                let reader = try XLSXReader(path: url.path, displayPath: "m.xlsx", nullValues: ["#DIV/0!"])
                try reader.read { record in _ = record.strings; _ = record.location(of: 0) }
                outcomes["read", default: 0] += 1
            } catch let error as DiagnosticsError {
                #expect(error.description.hasPrefix("m.xlsx"), "\(error)")
                outcomes["diagnostic", default: 0] += 1
            }
        }
        #expect(outcomes["diagnostic", default: 0] > 100, "\(outcomes)")
    }
}
