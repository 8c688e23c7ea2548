import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// Workbook sources end to end: the Tokyo project read from its original Kaggle workbooks.
@Suite(.serialized) struct XLSXBuildTests {
    static let sources = ["Athletes", "Coaches", "EntriesGender", "Medals", "Teams"]

    /// The folder holding the five workbooks: the project's `data/tokyo2021/xlsx/`, else the shared copy.
    static let workbooks: URL? = {
        var candidates = [repositoryRoot.appendingPathComponent("data/tokyo2021/xlsx")]
        if let shared = ProcessInfo.processInfo.environment["PODIUM_SHARED_DATA"] {
            candidates.append(URL(fileURLWithPath: shared).appendingPathComponent("tokyo2021/xlsx"))
        }
        candidates.append(repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data/tokyo2021/xlsx"))
        return candidates.first { folder in
            sources.allSatisfy { FileManager.default.fileExists(atPath: folder.appendingPathComponent("\($0).xlsx").path) }
        }
    }()

    @Test(.enabled(if: workbooks != nil, "the Tokyo workbooks are not in data/tokyo2021/xlsx/ or ../shared/data: run scripts/get-data"))
    func tokyoFromWorkbooksGivesTheSameChartDataAsFromCSV() throws {
        let fromCSV = try copyTokyoProject(), fromXLSX = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: fromCSV); try? FileManager.default.removeItem(at: fromXLSX) }
        let folder = fromXLSX.appendingPathComponent("data/tokyo2021/xlsx")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.copyItem(at: try #require(Self.workbooks), to: folder)
        let yaml = fromXLSX.appendingPathComponent("podium.yaml")
        var text = try String(contentsOf: yaml, encoding: .utf8)
        // Same lines as before (no `sheet:`: each workbook's first sheet is the data), so the data
        // tests' report, which names podium.yaml lines, stays comparable.
        for name in Self.sources {
            text = text.replacingOccurrences(of: "path: data/tokyo2021/\(name).csv", with: "path: data/tokyo2021/xlsx/\(name).xlsx")
        }
        try text.write(to: yaml, atomically: true, encoding: .utf8)

        let csvReport = try Podium.build(BuildOptions(projectRoot: fromCSV))
        let xlsxReport = try Podium.build(BuildOptions(projectRoot: fromXLSX))
        #expect(csvReport.charts == xlsxReport.charts)

        // Every chart's data, byte for byte; the data tests' report names the source files.
        var csvData = try readTree(fromCSV.appendingPathComponent("site/data"))
        var xlsxData = try readTree(fromXLSX.appendingPathComponent("site/data"))
        #expect(csvData.count > 400)
        for name in Self.sources {
            xlsxData["quality.json"] = xlsxData["quality.json"].map {
                Data(String(decoding: $0, as: UTF8.self)
                    .replacingOccurrences(of: "data/tokyo2021/xlsx/\(name).xlsx", with: "data/tokyo2021/\(name).csv").utf8)
            }
        }
        let differing = csvData.keys.filter { csvData[$0] != xlsxData[$0] }.sorted()
        #expect(differing.isEmpty, "chart data differs between the CSV and XLSX builds: \(differing.prefix(10))")
        #expect(Set(csvData.keys) == Set(xlsxData.keys))
        csvData.removeAll()

        // The staging tables too, row for row (`_line` is the sheet's row number, the CSV's line).
        let csvWarehouse = try SQLiteDatabase(path: fromCSV.appendingPathComponent(".podium/warehouse.sqlite").path, mode: .readOnly)
        let xlsxWarehouse = try SQLiteDatabase(path: fromXLSX.appendingPathComponent(".podium/warehouse.sqlite").path, mode: .readOnly)
        for table in ["src_athletes", "src_coaches", "src_entries_gender", "src_medals", "src_teams"] {
            let sql = "select * from \(table) order by _line"
            let csvRows = try csvWarehouse.query(sql).rows, xlsxRows = try xlsxWarehouse.query(sql).rows
            #expect(csvRows.count > 0)
            #expect(csvRows == xlsxRows, "\(table) differs")
        }
    }

    /// `sheet:` and `header_row:` are part of the source's fingerprint: changing either re-stages
    /// it; a rebuild with nothing changed stages nothing.
    @Test func changingTheSheetReloadsTheSource() throws {
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("podium-xlsx-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: project) }
        try FileManager.default.createDirectory(at: project.appendingPathComponent("data"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: project.appendingPathComponent("pages"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("Tests/PodiumKitTests/Fixtures/XLSX/types.xlsx"),
            to: project.appendingPathComponent("data/types.xlsx"))
        try """
            ---
            title: Types
            queries:
              stats: select count(*) as n, max(_line) as last from src_types
            ---
            {{stats.n}} rows, the last in row {{stats.last}}
            """.write(to: project.appendingPathComponent("pages/index.md"), atomically: true, encoding: .utf8)
        func build(_ source: String) throws -> (report: BuildReport, page: String) {
            try "title: Types\nsources:\n  types:\n    path: data/types.xlsx\n\(source)"
                .write(to: project.appendingPathComponent("podium.yaml"), atomically: true, encoding: .utf8)
            let report = try Podium.build(BuildOptions(projectRoot: project))
            return (report, try String(contentsOf: project.appendingPathComponent("site/index.html"), encoding: .utf8))
        }
        let first = try build("")
        #expect(first.page.contains("1 rows, the last in row 2"))
        let details = try build("    sheet: Details\n    header_row: 3\n    null_values: [\"#N/A\"]\n")
        #expect(details.report.explanations.contains { $0.name == "src_types" && $0.status == .rebuilt })
        #expect(details.page.contains("3 rows, the last in row 9"))
        let again = try build("    sheet: Details\n    header_row: 3\n    null_values: [\"#N/A\"]\n")
        #expect(again.report.tablesRebuilt == 0)
    }
}
