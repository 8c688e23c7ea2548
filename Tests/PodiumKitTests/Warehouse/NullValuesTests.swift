import Foundation
import Testing
@testable import PodiumKit
import PodiumTestSupport

/// `null_values:` — whole fields that mean NULL, per source and per column, applied before types.
@Suite struct NullValuesTests {
    private func stage(_ csv: String, _ source: SourceSpec) throws -> (SQLiteDatabase, [StagedTable]) {
        let root = try makeTemporaryProject(["data/r.csv": csv])
        defer { try? FileManager.default.removeItem(at: root) }
        let database = try SQLiteDatabase.inMemory()
        return (database, try Staging(projectRoot: root, sources: [source]).load(into: database))
    }

    private static let csv = "Country,Code,Height,Medal,Note\nNamibia,NA,1.8,NA,-\nJapan,JPN,NA,Gold,N/A\nChad,TCD,,-,ok\n"

    /// The source's tokens apply to every column, inferred types included; a column's own list
    /// replaces them (`[]` turns them off, keeping Namibia's code).
    @Test func sourceTokensApplyEverywhereAndAColumnListReplacesThem() throws {
        var source = SourceSpec(name: "r", path: "data/r.csv", columns: [
            ColumnSpec(header: "Code", name: "code", type: .text, nullValues: []),
            ColumnSpec(header: "Medal", name: "medal", nullValues: ["-"]),
        ])
        source.nullValues = ["NA", "N/A", "-"]
        let (database, tables) = try stage(Self.csv, source)
        // Height infers as real: NA and the empty field are NULL, not text.
        #expect(tables[0].columns.map(\.type) == [.text, .text, .real, .text, .text])
        #expect(try database.query("SELECT code, height, medal, note FROM src_r ORDER BY _line").rows == [
            [.text("NA"), .real(1.8), .text("NA"), .null],
            [.text("JPN"), .null, .text("Gold"), .null],
            [.text("TCD"), .null, .null, .text("ok")],
        ])
    }

    /// Exact and case-sensitive: `na` and ` NA` stay values (and fail an integer column).
    @Test func tokensMatchWholeFieldsExactly() throws {
        var source = SourceSpec(name: "r", path: "data/r.csv", columns: [ColumnSpec(header: "N", name: "n", type: .integer)])
        source.nullValues = ["NA"]
        let found = diagnostics { _ = try stage("N\n1\nNA\nna\n", source) }
        #expect(found == ["""
            data/r.csv:4:1: error: column 'N' expects an integer, found "na"
              hint: if 'na' means a missing value, declare it: `null_values: ["na"]` on the source (every column) or on columns.N; otherwise fix the value
            """])
    }

    /// A token in a required column is a missing value: an error that says which token it was.
    @Test func aTokenInARequiredColumnIsMissing() {
        var source = SourceSpec(name: "r", path: "data/r.csv", columns: [ColumnSpec(header: "N", name: "n", type: .integer, required: true)])
        source.nullValues = ["NA"]
        let found = diagnostics { _ = try stage("N\n1\nNA\n", source) }
        #expect(found == ["""
            data/r.csv:3:1: error: column 'N' is required but "NA", one of its null_values
              hint: fill in the value, or drop 'required: true' from columns.N in podium.yaml
            """])
    }

    /// Without tokens a mismatch suggests the type that fits: `real` for `1.0`, not `text`.
    @Test func aMismatchSuggestsTheTypeThatFits() {
        let source = SourceSpec(name: "r", path: "data/r.csv", columns: [
            ColumnSpec(header: "N", name: "n", type: .integer), ColumnSpec(header: "D", name: "d", type: .integer),
        ])
        let found = diagnostics { _ = try stage("N,D\n1.0,2021-07-23\n", source) }
        #expect(found == [
            """
            data/r.csv:2:1: error: column 'N' expects an integer, found "1.0"
              hint: fix the value, or declare the column as real in podium.yaml (columns.N.type: real)
            """,
            """
            data/r.csv:2:5: error: column 'D' expects an integer, found "2021-07-23"
              hint: fix the value, or declare the column as text in podium.yaml (columns.D.type: text); the value reads as a date (YYYY-MM-DD)
            """,
        ])
    }

    /// podium.yaml: lists on sources and columns, `[]`, and an empty token refused at its line.
    @Test func readFromPodiumYAML() throws {
        let yaml = """
            title: Results
            sources:
              r:
                path: data/r.csv
                null_values: [NA, "N/A", "-"]
                columns:
                  Code: {type: text, null_values: []}
                  Medal: {null_values: "-"}
            """
        let root = try makeTemporaryProject(["podium.yaml": yaml, "data/r.csv": Self.csv])
        defer { try? FileManager.default.removeItem(at: root) }
        let project = try ProjectFile.load(root: root)
        #expect(project.sources[0].nullValues == ["NA", "N/A", "-"])
        #expect(project.sources[0].columns.map(\.nullValues) == [[], ["-"]])
        try Data((yaml + "\n      Note: {null_values: [\"\"]}\n").utf8).write(to: root.appendingPathComponent("podium.yaml"))
        let found = diagnostics { _ = try ProjectFile.load(root: root) }
        #expect(found.count == 1 && found[0].hasPrefix("podium.yaml:9:") && found[0].contains("an empty token is not needed"))
    }
}
