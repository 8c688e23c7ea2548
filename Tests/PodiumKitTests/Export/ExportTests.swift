import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// `Podium.export` on real warehouses: the Tokyo project and a small one with dates, read back
/// with our own footer reader and, when it is installed, with pyarrow (`scripts/check-parquet`).
@Suite struct ExportTests {
    static let pyarrowInstalled: Bool = {
        guard let result = try? runCommand(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import pyarrow"],
                                           in: FileManager.default.temporaryDirectory) else { return false }
        return result.status == 0
    }()

    private func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("podium-export-\(UUID().uuidString)", isDirectory: true)
    }

    private func export(_ project: URL, to out: URL, tables: [String] = []) throws -> ExportReport {
        try Podium.export(ExportOptions(build: BuildOptions(projectRoot: project), output: out, tables: tables))
    }

    private func file(_ name: String, in folder: URL) throws -> ParquetTestFile {
        try ParquetTestFile(Array(Data(contentsOf: folder.appendingPathComponent(name))))
    }

    @Test func tokyoExportWritesOneReadableFilePerTableAndBuildsFirst() throws {
        let project = try copyTokyoProject(), out = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: project); try? FileManager.default.removeItem(at: out) }
        let report = try export(project, to: out)  // no warehouse yet: the export builds it
        let tables = try Podium.query("select name from sqlite_schema where type = 'table' order by name",
                                      BuildOptions(projectRoot: project)).rows.map { $0[0].text }
        #expect(report.files.map(\.table) == tables)
        #expect(tables.count == 13)
        for exported in report.files {
            let parquet = try file(exported.name, in: out)
            let count = try Podium.query("select count(*) from \(exported.table)", BuildOptions(projectRoot: project)).rows[0][0]
            #expect(parquet.numRows.map(Value.integer) == count, "\(exported.table)")
            #expect(exported.rows == parquet.numRows)
            #expect(parquet.createdBy == "podium version \(Podium.version)")
            #expect(parquet.columnNames == exported.columns.map { $0.name })
            #expect(Int64(parquet.bytes.count) == exported.bytes)
        }
        let medals = try #require(report.files.first { $0.table == "src_medals" })
        #expect(medals.columns.map { $0.type } == ["int64", "int64", "string", "int64", "int64", "int64", "int64", "int64"])
        let gold = try file("src_medals.parquet", in: out).values(ofColumn: 3).compactMap { $0?.int }.reduce(0, +)
        #expect(gold == 340)
        #expect(try String(contentsOf: out.appendingPathComponent(".podium-export"), encoding: .utf8).hasSuffix("src_medals.parquet\nsrc_teams.parquet\n"))
        #expect(report.summary.hasPrefix("exported 13 tables to \(out.relativePath): 27086 rows, "))
    }

    @Test(.enabled(if: pyarrowInstalled, "pyarrow is not installed (pip install pyarrow): the read-back with pyarrow is skipped"))
    func pyarrowReadsTokyoBackAsTheWarehouseHasIt() throws {
        let project = try copyTokyoProject(), out = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: project); try? FileManager.default.removeItem(at: out) }
        _ = try export(project, to: out)
        let result = try runCommand(repositoryRoot.appendingPathComponent("scripts/check-parquet"),
                                    ["--compare", out.path, "--warehouse", project.appendingPathComponent(".podium/warehouse.sqlite").path],
                                    in: project)
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("13 files compared"), "\(result.stdout)")
    }

    @Test func sameWarehouseGivesIdenticalBytesAndAnEarlierExportIsReplaced() throws {
        let project = try copyTokyoProject(), first = temporaryFolder(), second = temporaryFolder()
        defer { for url in [project, first, second] { try? FileManager.default.removeItem(at: url) } }
        _ = try export(project, to: first)
        _ = try export(project, to: second)
        #expect(try readTree(first) == readTree(second))

        // Into the same folder again: allowed, as the marker shows an earlier export; a half-written
        // file a killed export left is removed, and so is the file of a table that is gone.
        let before = try readTree(first)
        try Data("partial".utf8).write(to: first.appendingPathComponent(".src_medals.parquet.podium-tmp"))
        try Data("old".utf8).write(to: first.appendingPathComponent("gone.parquet"))
        let marker = first.appendingPathComponent(".podium-export")
        try (String(contentsOf: marker, encoding: .utf8) + "gone.parquet\n").write(to: marker, atomically: true, encoding: .utf8)
        let again = try export(project, to: first)
        #expect(again.removed == ["gone.parquet"])
        #expect(try readTree(first) == before)

        // Named tables replace only their files; the others stay listed.
        let some = try export(project, to: first, tables: ["src_medals", "dim_country", "src_medals"])
        #expect(some.files.map(\.table) == ["src_medals", "dim_country"])
        #expect(some.removed.isEmpty)
        #expect(try readTree(first) == before)
    }

    @Test func datesAndModelColumnsAreTypedAndNullsCounted() throws {
        let project = temporaryFolder(), out = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: project); try? FileManager.default.removeItem(at: out) }
        try writeFiles([
            "podium.yaml": """
                title: Dates
                sources:
                  cases:
                    path: data/cases.csv
                    null_values: [NA]
                models: models/

                """,
            "data/cases.csv": "day,country,cases,rate\n2021-07-23,Japan,10,0.5\n1969-12-31,\"Hong Kong, China\",NA,\n2000-02-29,,3,1.25\n",
            "models/daily.sql": "select day, sum(cases) as cases, max(rate) as rate, day || '' as copy, 'n' || cases as label, null as blank from src_cases group by day\n",
            "pages/index.md": "---\ntitle: Dates\n---\n# Dates\n",
        ], in: project)
        let report = try export(project, to: out)
        #expect(report.files.map(\.table) == ["daily", "src_cases"])
        #expect(report.files[0].columns.map { $0.type } == ["date", "int64", "double", "date", "string", "string"])
        #expect(report.files[1].columns.map { $0.type } == ["int64", "date", "string", "int64", "double"])
        let cases = try file("src_cases.parquet", in: out)
        #expect(try cases.values(ofColumn: 1) == [.int(18831), .int(-1), .int(11016)])
        #expect(try cases.values(ofColumn: 2) == [.binary(Array("Japan".utf8)), .binary(Array("Hong Kong, China".utf8)), nil])
        #expect(try cases.values(ofColumn: 3) == [.int(10), nil, .int(3)])
        let statistics = cases.rowGroups[0][1]?.list?.map { $0[3]?[12]?[3]?.int }
        #expect(statistics == [0, 0, 1, 1, 1])
    }

    // MARK: - Bad inputs

    @Test func exportRefusesAFileANonEmptyFolderAndUnknownTables() throws {
        let project = try copyTokyoProject(), out = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: project); try? FileManager.default.removeItem(at: out) }
        func diagnostics(_ out: URL, tables: [String] = []) -> String {
            do {
                _ = try export(project, to: out, tables: tables)
                return "no error"
            } catch let error as DiagnosticsError {
                return error.description
            } catch {
                return "unexpected \(error)"
            }
        }
        // An output path that is a file.
        let notes = project.appendingPathComponent("notes.txt")
        try Data("keep me".utf8).write(to: notes)
        #expect(diagnostics(notes) == """
            error: cannot export into '\(notes.path)': it is a file, not a folder
              hint: name a folder for --out (it is created if missing), such as 'export/'
            """)
        #expect(try String(contentsOf: notes, encoding: .utf8) == "keep me")

        // A folder with other files in it: nothing is written, nothing removed.
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: out.appendingPathComponent("report.csv"))
        try Data("mine".utf8).write(to: out.appendingPathComponent("src_medals.parquet"))
        #expect(diagnostics(out) == """
            error: cannot export into '\(out.path)': the folder is not empty ('report.csv', 'src_medals.parquet') and no earlier export wrote it
              hint: name a new or empty folder for --out; podium export replaces only a folder it wrote before (it holds .podium-export)
            """)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["report.csv", "src_medals.parquet"])
        #expect(try String(contentsOf: out.appendingPathComponent("src_medals.parquet"), encoding: .utf8) == "mine")

        // Unknown tables, each with a suggestion where one is close; nothing is written.
        let fresh = temporaryFolder()
        #expect(diagnostics(fresh, tables: ["src_medal", "fact_medals_tally", "nope"]) == """
            error: unknown table 'src_medal'; did you mean 'src_medals'?
              hint: the warehouse's tables are dim_country, dim_discipline, fact_athlete_entry, fact_coach, fact_delegation_discipline, fact_gender_entries, fact_medal_tally, fact_team_entry, src_athletes, src_coaches, src_entries_gender, src_medals, src_teams
            error: unknown table 'fact_medals_tally'; did you mean 'fact_medal_tally'?
              hint: the warehouse's tables are dim_country, dim_discipline, fact_athlete_entry, fact_coach, fact_delegation_discipline, fact_gender_entries, fact_medal_tally, fact_team_entry, src_athletes, src_coaches, src_entries_gender, src_medals, src_teams
            error: unknown table 'nope'
              hint: the warehouse's tables are dim_country, dim_discipline, fact_athlete_entry, fact_coach, fact_delegation_discipline, fact_gender_entries, fact_medal_tally, fact_team_entry, src_athletes, src_coaches, src_entries_gender, src_medals, src_teams
            """)
        #expect(!FileManager.default.fileExists(atPath: fresh.path))
    }
}

/// Writes `files` (path → contents) under `folder`.
private func writeFiles(_ files: [String: String], in folder: URL) throws {
    for (path, contents) in files {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
    }
}
