import Foundation
import Testing
@testable import PodiumKit
import PodiumTestSupport

private func model(_ name: String, _ dependencies: [String] = [], sql: String = "select 1") -> ModelSpec {
    ModelSpec(name: name, path: "models/\(name).sql", sql: sql, dependencies: dependencies)
}

@Suite struct ModelsTests {
    // MARK: - Discovery

    @Test func discoversSQLFilesSortedWithDependencies() throws {
        let root = try makeTemporaryProject([
            "models/fact_medal_tally.sql": """
                -- reads dim_country; 'fact_x' in a string is not a table
                select c.country_id, m.gold, 'dim_x' as label
                from src_medals m join "dim_country" c on c.country = m.country;
                """,
            "models/dim_country.sql": "WITH countries AS (SELECT DISTINCT country FROM SRC_ATHLETES)\nSELECT row_number() OVER () AS country_id, country FROM countries\n",
            "models/dim_x.sql": "/* dim_country */ select count(*) as dim_country from src_medals as fact_medal_tally",
            "models/notes.txt": "not a model",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let models = try Models.discover(
            directory: root.appendingPathComponent("models"), displayDirectory: "models/",
            knownTables: ["src_athletes", "src_medals"])
        #expect(models.map(\.name) == ["dim_country", "dim_x", "fact_medal_tally"])
        #expect(models.map(\.path) == ["models/dim_country.sql", "models/dim_x.sql", "models/fact_medal_tally.sql"])
        #expect(models.map(\.dependencies) == [["src_athletes"], ["src_medals"], ["dim_country", "src_medals"]])
    }

    @Test func refusesFilesThatAreNotOneQuery() throws {
        let root = try makeTemporaryProject([
            "models/a.sql": "create table a as select 1",
            "models/b.sql": "select 1;\n  drop table src_medals;",
            "models/c.sql": "  -- nothing\n",
            "models/d.sql": "select 1;\n-- trailing comment\n;",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let found = headlines {
            _ = try Models.discover(directory: root.appendingPathComponent("models"), displayDirectory: "models")
        }
        #expect(found == [
            "models/a.sql:1:1: error: a model must be one SELECT or WITH query, found 'create'",
            "models/b.sql:2:3: error: a model must be a single query, but another statement follows ';'",
            "models/c.sql:1: error: model file is empty",
        ])
    }

    @Test func reportsMissingModelsFolder() {
        let found = headlines {
            _ = try Models.discover(directory: URL(fileURLWithPath: "/nonexistent/podium/models"), displayDirectory: "models")
        }
        #expect(found == ["models: error: cannot find the models folder"])
    }

    @Test func tokenizerSkipsStringsCommentsAndKeepsQuotedNames() {
        let tokens = SQLTokenizer.tokenize("select 'it''s' -- c\n, \"a \"\"b\"\"\" /* x\n*/ [c d] `e`;")
        #expect(tokens.map(\.text) == ["select", "'it''s'", ",", "a \"b\"", "c d", "e", ";"])
        #expect(tokens.map(\.kind) == [.word, .string, .symbol, .quotedIdentifier, .quotedIdentifier, .quotedIdentifier, .symbol])
        #expect(tokens.map(\.line) == [1, 1, 2, 2, 3, 3, 3])
        #expect(tokens[3].column == 3)
    }

    // MARK: - Order

    @Test func ordersAChainByDependencies() throws {
        let ordered = try Models.order(
            [model("a", ["b"]), model("b", ["c", "src_x"]), model("c", ["src_x"])], knownTables: ["src_x"])
        #expect(ordered.map(\.name) == ["c", "b", "a"])
    }

    @Test func ordersIndependentModelsByName() throws {
        let ordered = try Models.order(
            [model("zeta"), model("fact", ["dim_b", "dim_a"]), model("dim_b"), model("dim_a")], knownTables: [])
        #expect(ordered.map(\.name) == ["dim_a", "dim_b", "fact", "zeta"])
    }

    @Test func reportsACycleNamingEveryFile() {
        let models = [
            model("a", ["c"], sql: "select * from c"),
            model("b", ["a"], sql: "select *\nfrom a"),
            model("c", ["b"], sql: "select * from  b"),
            model("d", ["a"]),
            model("e", ["f"], sql: "select * from f"),
            model("f", ["e"], sql: "select * from e"),
        ]
        let found = diagnostics { _ = try Models.order(models, knownTables: []) }
        #expect(found == [
            """
            models/a.sql:1: error: models read each other in a cycle: models/a.sql → models/c.sql → models/b.sql → models/a.sql
              note: models/a.sql:1:15: 'a' reads 'c'
              note: models/c.sql:1:16: 'c' reads 'b'
              note: models/b.sql:2:6: 'b' reads 'a'
              hint: a model cannot read a model that reads it back; move the shared part into a model of its own
            """,
            """
            models/e.sql:1: error: models read each other in a cycle: models/e.sql → models/f.sql → models/e.sql
              note: models/e.sql:1:15: 'e' reads 'f'
              note: models/f.sql:1:15: 'f' reads 'e'
              hint: a model cannot read a model that reads it back; move the shared part into a model of its own
            """,
        ])
    }

    @Test func reportsModelNamesThatClash() {
        let found = headlines {
            _ = try Models.order([model("src_medals"), model("Dim"), model("dim")], knownTables: ["src_medals"])
        }
        #expect(found == [
            "models/dim.sql:1: error: models 'Dim' and 'dim' name the same table",
            "models/src_medals.sql:1: error: model 'src_medals' has the name of a staging table",
        ])
    }

    // MARK: - Run

    @Test func runsModelsAsTables() throws {
        let database = try SQLiteDatabase.inMemory()
        try database.execute("CREATE TABLE src_medals (_line INTEGER, country TEXT, gold INTEGER); INSERT INTO src_medals VALUES (2, 'Japan', 27), (3, 'Côte d''Ivoire', 0);")
        let built = try Models.run([
            model("dim_country", ["src_medals"], sql: "select row_number() over (order by country) as country_id, country from src_medals;\n"),
            model("fact_gold", ["dim_country", "src_medals"], sql: "select c.country_id, m.gold from src_medals m join dim_country c using (country)"),
        ], in: database)
        #expect(built.map(\.rowCount) == [2, 2])
        #expect(try database.query("select * from fact_gold order by country_id").rows == [
            [.integer(1), .integer(0)], [.integer(2), .integer(27)],
        ])
    }

    @Test func reportsAFailingModelAtTheLineSQLitePointsTo() throws {
        let database = try SQLiteDatabase.inMemory()
        try database.execute("CREATE TABLE src_medals (country TEXT, gold INTEGER)")
        let found = diagnostics {
            try Models.run([
                model("bad", ["src_medals"], sql: "select country,\n       golds\nfrom src_medals"),
                model("after_bad", ["bad"], sql: "select * from bad"),
                model("syntax", sql: "select from"),
                model("fine", ["src_medals"], sql: "select gold from src_medals"),
            ], in: database)
        }
        #expect(found == [
            """
            models/bad.sql:2:8: error: model 'bad' failed: no such column: golds
              hint: fix the query in models/bad.sql; try it with 'podium query'
            """,
            """
            models/syntax.sql:1:8: error: model 'syntax' failed: near "from": syntax error
              hint: fix the query in models/syntax.sql; try it with 'podium query'
            """,
        ])
        #expect(try database.tableNames() == ["fine", "src_medals"])
    }
}
