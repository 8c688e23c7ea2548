import Foundation
import Testing
@testable import PodiumKit
import PodiumTestSupport

/// Real Tokyo rows chosen to be hostile, plus synthetic ones with quotes and markup.
private let athletesCSV = #"""
    Name,NOC,Discipline
    ALI Mohamed,Bahrain,Handball
    "SMITH ""Jo""",United States of America,Swimming
    LEE Chi,"Hong Kong, China",Fencing
    WANG Yang,People's Republic of China,Sailing
    KONE Ali,Côte d'Ivoire,Athletics
    X Y,<b>x</b>,Judo

    """#

private let medalsCSV = #"""
    Rank,Team/NOC,Gold,Silver,Bronze,Total,Rank by Total
    1,United States of America,39,41,33,113,1
    2,People's Republic of China,38,32,18,88,2
    61,"Hong Kong, China",1,2,3,6,40
    86,Côte d'Ivoire,0,0,1,1,77

    """#

private let yaml = Diagnostic.Location(file: "podium.yaml", line: 3, column: 3)

private func athletes(key: [String] = [], references: [SourceSpec.Reference] = []) -> SourceSpec {
    SourceSpec(
        name: "athletes", path: "data/Athletes.csv",
        columns: [
            ColumnSpec(header: "Name", name: "name", type: .text, required: true,
                       location: .init(file: "podium.yaml", line: 5, column: 7)),
            ColumnSpec(header: "NOC", name: "country", location: .init(file: "podium.yaml", line: 6, column: 7)),
        ],
        key: key, references: references, location: yaml)
}

private func medals(key: [String] = ["country"], references: [SourceSpec.Reference] = [
    .init(column: "country", targetSource: "athletes", targetColumn: "country"),
]) -> SourceSpec {
    SourceSpec(
        name: "medals", path: "data/Medals.csv",
        columns: [
            ColumnSpec(header: "Team/NOC", name: "country", type: .text, required: true,
                       location: .init(file: "podium.yaml", line: 10, column: 7)),
            ColumnSpec(header: "Gold", name: "gold", type: .integer, location: .init(file: "podium.yaml", line: 11, column: 7)),
        ],
        key: key, references: references, location: .init(file: "podium.yaml", line: 8, column: 3))
}

/// Stages `sources` from a temporary project holding `files`.
private func stage(_ files: [String: String], _ sources: [SourceSpec], maxErrors: Int = 20) throws -> (SQLiteDatabase, [StagedTable]) {
    let root = try makeTemporaryProject(files)
    defer { try? FileManager.default.removeItem(at: root) }
    let database = try SQLiteDatabase.inMemory()
    var staging = Staging(projectRoot: root, sources: sources)
    staging.maxErrorsPerSource = maxErrors
    return (database, try staging.load(into: database))
}

@Suite struct StagingTests {
    @Test func stagesHostileValuesWithMappedNamesAndTypes() throws {
        let (database, tables) = try stage(
            ["data/Athletes.csv": athletesCSV, "data/Medals.csv": medalsCSV], [athletes(), medals()])
        #expect(tables.map(\.name) == ["src_athletes", "src_medals"])
        #expect(tables.map(\.rowCount) == [6, 4])
        #expect(tables[1].columns.map { "\($0.header)→\($0.name):\($0.type.rawValue)\($0.isDeclared ? "!" : "")" } == [
            "Rank→rank:integer", "Team/NOC→country:text!", "Gold→gold:integer!", "Silver→silver:integer",
            "Bronze→bronze:integer", "Total→total:integer", "Rank by Total→rank_by_total:integer",
        ])
        #expect(try database.columns(of: "src_medals").map { "\($0.name) \($0.declaredType)" } == [
            "_line INTEGER", "rank INTEGER", "country TEXT", "gold INTEGER", "silver INTEGER", "bronze INTEGER",
            "total INTEGER", "rank_by_total INTEGER",
        ])
        #expect(try database.query("SELECT _line, name, country FROM src_athletes ORDER BY _line").rows == [
            [.integer(2), .text("ALI Mohamed"), .text("Bahrain")],
            [.integer(3), .text("SMITH \"Jo\""), .text("United States of America")],
            [.integer(4), .text("LEE Chi"), .text("Hong Kong, China")],
            [.integer(5), .text("WANG Yang"), .text("People's Republic of China")],
            [.integer(6), .text("KONE Ali"), .text("Côte d'Ivoire")],
            [.integer(7), .text("X Y"), .text("<b>x</b>")],
        ])
        #expect(try database.query("SELECT country, gold FROM src_medals WHERE gold < 2 ORDER BY gold").rows == [
            [.text("Côte d'Ivoire"), .integer(0)], [.text("Hong Kong, China"), .integer(1)],
        ])
    }

    @Test func loadsEmptyFieldsAsNullAndInfersTypes() throws {
        let csv = "Event,Total,Share,Day,Code,Empty\nSoftball,,0.5,2021-07-21,007,\nBaseball,12,1,2021-07-28,12,\n"
        let (database, tables) = try stage(["e.csv": csv], [SourceSpec(name: "e", path: "e.csv")])
        #expect(tables[0].columns.map(\.type) == [.text, .integer, .real, .date, .text, .text])
        #expect(try database.query("SELECT total, share, day, code, empty FROM src_e ORDER BY _line").rows == [
            [.null, .real(0.5), .text("2021-07-21"), .text("007"), .null],
            [.integer(12), .real(1), .text("2021-07-28"), .text("12"), .null],
        ])
    }

    /// Issue 6: a header-only file is bad input (an export that lost its rows), not an empty table.
    @Test func refusesAHeaderOnlyFile() {
        let found = diagnostics { _ = try stage(["h.csv": "Name,Gold\r\n"], [SourceSpec(name: "h", path: "h.csv")]) }
        #expect(found.map { String($0.prefix(40)) } == ["h.csv:2: error: h.csv has a header but n"])
    }

    @Test func reportsValuesThatDoNotFitTheirType() {
        let csv = "Team/NOC,Gold,Share,Day\nJapan,n/a,x,2021-02-30\nChina,3,0.5,2021-07-01\n"
        let source = SourceSpec(name: "m", path: "data/m.csv", columns: [
            ColumnSpec(header: "Gold", name: "gold", type: .integer),
            ColumnSpec(header: "Share", name: "share", type: .real),
            ColumnSpec(header: "Day", name: "day", type: .date),
        ])
        let found = diagnostics { _ = try stage(["data/m.csv": csv], [source]) }
        #expect(found == [
            """
            data/m.csv:2:7: error: column 'Gold' expects an integer, found "n/a"
              hint: if 'n/a' means a missing value, declare it: `null_values: ["n/a"]` on the source (every column) or on columns.Gold; otherwise fix the value
            """,
            """
            data/m.csv:2:11: error: column 'Share' expects a number, found "x"
              hint: fix the value, or declare the column as text in podium.yaml (columns.Share.type: text)
            """,
            """
            data/m.csv:2:13: error: column 'Day' expects a date (YYYY-MM-DD), found "2021-02-30"
              hint: fix the value, or declare the column as text in podium.yaml (columns.Day.type: text)
            """,
        ])
    }

    @Test func reportsRequiredEmptyAndRaggedRows() {
        let csv = "Name,NOC,Discipline\n,Japan,Judo\nA,B\n\"Hong Kong\", China,Fencing,x\nB,C,D\n"
        let found = diagnostics { _ = try stage(["data/Athletes.csv": csv], [athletes()]) }
        #expect(found == [
            """
            data/Athletes.csv:2:1: error: column 'Name' is required but empty
              hint: fill in the value, or drop 'required: true' from columns.Name in podium.yaml
            """,
            """
            data/Athletes.csv:3: error: row has 2 fields, but the header has 3
              hint: add the missing fields; an empty field is written as nothing between commas (a,,c)
            """,
            """
            data/Athletes.csv:4: error: row has 4 fields, but the header has 3
              hint: a value containing a comma must be quoted, as in "Hong Kong, China"
            """,
        ])
    }

    @Test func capsReportedRowsPerSource() {
        let csv = "Team/NOC,Gold\n" + (1...25).map { "C\($0),none\n" }.joined()
        let found = headlines { _ = try stage(["data/Medals.csv": csv], [medals(references: [])], maxErrors: 3) }
        #expect(found == [
            "data/Medals.csv:2:4: error: column 'Gold' expects an integer, found \"none\"",
            "data/Medals.csv:3:4: error: column 'Gold' expects an integer, found \"none\"",
            "data/Medals.csv:4:4: error: column 'Gold' expects an integer, found \"none\"",
            "data/Medals.csv: error: and 22 more errors in this file",
        ])
    }

    @Test func reportsDeclaredHeadersMissingFromTheFile() {
        let csv = "Rank,Team/NOC,Golds\n1,Japan,27\n"
        let found = diagnostics { _ = try stage(["data/Medals.csv": csv], [medals(key: [], references: [])]) }
        #expect(found == [
            """
            podium.yaml:11:7: error: column 'Gold' of source 'medals' is not in data/Medals.csv
              note: data/Medals.csv:1: the header row is here; its columns are 'Rank', 'Team/NOC', 'Golds'
              hint: did you mean 'Golds'? fix the column name in podium.yaml, or add the column to data/Medals.csv
            """,
        ])
    }

    @Test func reportsColumnsWithTheSameStagingName() {
        let csv = "Team/NOC,Team NOC,_line\nJapan,Japan,1\n"
        let found = diagnostics { _ = try stage(["t.csv": csv], [SourceSpec(name: "t", path: "t.csv")]) }
        #expect(found == [
            """
            t.csv:1:10: error: columns 'Team/NOC' and 'Team NOC' would both be staged as 'team_noc'
              note: t.csv:1:1: 'Team/NOC' is here
              hint: give one of them another name in podium.yaml: columns: {"Team NOC": {as: other_name}}
            """,
        ])
        let reserved = headlines {
            _ = try stage(["t.csv": "A\n1\n"], [SourceSpec(name: "t", path: "t.csv", columns: [
                ColumnSpec(header: "A", name: "_line"),
            ])])
        }
        #expect(reserved == ["t.csv:1:1: error: column 'A' cannot be staged as '_line': the name is reserved for source lines"])
    }

    @Test func reportsDuplicateAndEmptyKeysWithBothLines() {
        let csv = medalsCSV + "90,Japan,0,0,0,0,90\n91,Côte d'Ivoire,0,0,1,1,77\n92,,0,0,0,0,93\n"
        let source = SourceSpec(name: "medals", path: "data/Medals.csv", key: ["team_noc"])
        let found = diagnostics { _ = try stage(["data/Medals.csv": csv], [source]) }
        #expect(found == [
            """
            data/Medals.csv:7: error: duplicate key team_noc = "Côte d'Ivoire" in source 'medals'
              note: data/Medals.csv:5: the first row with this key
              hint: remove the duplicate row, or change 'key:' of source 'medals' in podium.yaml
            """,
            """
            data/Medals.csv:8: error: key column 'team_noc' of source 'medals' is empty
              hint: every row needs a value in each key column ('team_noc')
            """,
        ])
    }

    @Test func reportsMultiColumnDuplicateKeys() {
        let csv = "Name,NOC,Discipline\nWANG Yang,China,Sailing\nWANG Yang,Slovakia,Table Tennis\nWANG Yang,China,Diving\n"
        let found = headlines {
            _ = try stage(["data/Athletes.csv": csv], [athletes(key: ["name", "country"])])
        }
        #expect(found == [
            "data/Athletes.csv:4: error: duplicate key (name, country) = (\"WANG Yang\", \"China\") in source 'athletes'",
        ])
    }

    @Test func reportsReferencesThatDoNotResolve() {
        let csv = medalsCSV + "93,Narnia,0,0,1,1,77\n"
        let found = diagnostics {
            _ = try stage(["data/Athletes.csv": athletesCSV, "data/Medals.csv": csv], [athletes(), medals()])
        }
        #expect(found == [
            """
            data/Medals.csv:6: error: "Narnia" in column 'country' is not a 'country' of source 'athletes'
              note: source 'athletes' is read from data/Athletes.csv
              hint: fix the value, or the reference in podium.yaml (references.country)
            """,
        ])
    }

    /// A value missing on many rows is one problem with its row count and first lines, not one per
    /// row (a 271k-row data set printed 20 identical errors and "329 more" for one code).
    @Test func reportsEachMissingValueOnceWithItsRows() {
        let rows = athletesCSV + (1...5).map { "P\($0),Atlantis,Judo\n" }.joined() + "Q,Narnia,Judo\n"
            + "R,Atlantis,Judo\n"
        let found = diagnostics {
            _ = try stage(["data/Athletes.csv": rows, "data/Medals.csv": medalsCSV], [
                athletes(references: [.init(column: "country", targetSource: "medals", targetColumn: "country")]),
                medals(references: []),
            ])
        }
        #expect(found.map { $0.split(separator: "\n")[0] } == [
            #"data/Athletes.csv:2: error: "Bahrain" in column 'country' is not a 'country' of source 'medals'"#,
            #"data/Athletes.csv:7: error: "<b>x</b>" in column 'country' is not a 'country' of source 'medals'"#,
            #"data/Athletes.csv:8: error: "Atlantis" in column 'country' (6 rows, first at lines 8, 9, 10, …) is not a 'country' of source 'medals'"#,
            #"data/Athletes.csv:13: error: "Narnia" in column 'country' is not a 'country' of source 'medals'"#,
        ])
    }

    @Test func reportsUnknownColumnsAndSourcesInKeysAndReferences() {
        let bad = medals(key: ["contry"], references: [
            .init(column: "gold", targetSource: "athlete", targetColumn: "country"),
            .init(column: "country", targetSource: "athletes", targetColumn: "noc"),
        ])
        let found = diagnostics {
            _ = try stage(["data/Athletes.csv": athletesCSV, "data/Medals.csv": medalsCSV], [athletes(), bad])
        }
        #expect(found.count == 3)
        #expect(found[0].hasPrefix("""
            podium.yaml:8:3: error: key column 'contry' is not a column of source 'medals'
              hint: did you mean 'country'? use a staging column name: 'rank', 'country', 'gold'
            """))
        #expect(found[1] == """
            podium.yaml:8:3: error: source 'medals' references unknown source 'athlete'
              hint: did you mean 'athletes'? a reference names another source and its column, as in 'athletes.country'
            """)
        #expect(found[2].hasPrefix("podium.yaml:8:3: error: referenced column 'noc' is not a column of source 'athletes'"))
    }

    @Test func reportsProblemsOfEverySource() {
        let found = headlines {
            _ = try stage(
                ["data/Athletes.csv": "Name,NOC,Discipline\n\"open,x,y\n", "data/Medals.csv": "Team/NOC,Gold\nJapan,x\n"],
                [athletes(), medals(references: []), SourceSpec(name: "gone", path: "data/Gone.csv")])
        }
        #expect(found == [
            "data/Athletes.csv:2:1: error: quoted field is never closed",
            "data/Medals.csv:2:7: error: column 'Gold' expects an integer, found \"x\"",
            "data/Gone.csv: error: cannot find source file",
        ])
    }

    @Test func stagesTheRealAthletesFile() throws {
        try requireTokyoData()
        let database = try SQLiteDatabase.inMemory()
        let source = SourceSpec(name: "athletes", path: "data/tokyo2021/Athletes.csv")
        let tables = try Staging(projectRoot: repositoryRoot, sources: [source]).load(into: database)
        #expect(tables[0].rowCount == 11085)
        #expect(tables[0].columns.map(\.name) == ["name", "noc", "discipline"])
        #expect(try database.scalar("SELECT count(DISTINCT noc) FROM src_athletes") == .integer(206))
        #expect(try database.scalar("SELECT count(*) FROM src_athletes WHERE noc = 'Côte d''Ivoire'") == .integer(29))
        #expect(try database.scalar("SELECT max(_line) FROM src_athletes") == .integer(11086))
    }

    @Test func snakeCasesHeaders() {
        #expect(ColumnNaming.snakeCase("Team/NOC") == "team_noc")
        #expect(ColumnNaming.snakeCase("Rank by Total") == "rank_by_total")
        #expect(ColumnNaming.snakeCase("RankByTotal") == "rank_by_total")
        #expect(ColumnNaming.snakeCase("HTMLParser v2") == "html_parser_v2")
        #expect(ColumnNaming.snakeCase("  Côte  ") == "côte")
        #expect(ColumnNaming.snakeCase("2020 Gold") == "_2020_gold")
        #expect(ColumnNaming.snakeCase("#") == "")
    }
}
