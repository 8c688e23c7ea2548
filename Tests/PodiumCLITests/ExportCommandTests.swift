import Foundation
import PodiumTestSupport
import Testing

/// `podium export`, run as a user would.
@Suite struct ExportCommandTests {
    @Test func exportWritesParquetFilesAndSaysWhat() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let result = try runPodium(["export", "--format", "parquet", "--out", "export", "--table", "src_medals", "--table", "dim_country"], in: project)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        // The size depends on libzstd's version: only its form is checked.
        let lines = result.stderr.split(separator: "\n").suffix(3).map(String.init)
        #expect(Array(lines.prefix(2)) == ["wrote src_medals.parquet: 93 rows, 1 row group, 8 columns",
                                           "wrote dim_country.parquet: 206 rows, 1 row group, 2 columns"], "\(result.stderr)")
        #expect(lines.last?.hasPrefix("exported 2 tables to export: 299 rows, ") == true, "\(result.stderr)")
        #expect(lines.last?.hasSuffix(" KB; removed 0 files") == true, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: project.appendingPathComponent("export").path).sorted()
        #expect(files == [".podium-export", "dim_country.parquet", "src_medals.parquet"])
    }

    @Test func mistakesExitWithStatus1AndAHint() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let unknown = try runPodium(["export", "--out", "export", "--table", "src_medal"], in: project)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("error: unknown table 'src_medal'; did you mean 'src_medals'?\n  hint: the warehouse's tables are dim_country, "), "\(unknown.stderr)")
        #expect(unknown.stderr.hasSuffix("export failed: 1 error\n"))
        let busy = try runPodium(["export", "--out", "data"], in: project)
        #expect(busy.status == 1)
        #expect(busy.stderr.contains("error: cannot export into 'data': the folder is not empty ('tokyo2021') and no earlier export wrote it"), "\(busy.stderr)")
        let format = try runPodium(["export", "--format", "csv", "--out", "x"], in: project)
        #expect(format.status != 0)
        #expect(format.stderr.contains("parquet"), "\(format.stderr)")
    }
}
