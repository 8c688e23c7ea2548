import Foundation
import Testing
@testable import PodiumKit
import PodiumTestSupport

@Suite struct SQLiteDatabaseTests {
    private func sample() throws -> SQLiteDatabase {
        let database = try SQLiteDatabase.inMemory()
        try database.execute("""
            CREATE TABLE country (name TEXT, gold INTEGER, share REAL);
            INSERT INTO country VALUES ('People''s Republic of China', 38, 0.5), ('Côte d''Ivoire', NULL, NULL);
            """)
        return database
    }

    @Test func mapsColumnValues() throws {
        let result = try sample().query("SELECT name, gold, share FROM country ORDER BY name")
        #expect(result.columns == ["name", "gold", "share"])
        #expect(result.rows == [
            [.text("Côte d'Ivoire"), .null, .null],
            [.text("People's Republic of China"), .integer(38), .real(0.5)],
        ])
    }

    @Test func bindsValuesAndBytes() throws {
        let database = try sample()
        let insert = try database.prepare("INSERT INTO country VALUES (?1, ?2, ?3)")
        var name = "Hong Kong, China"
        try name.withUTF8 { try insert.bindText($0, at: 1) }
        try insert.bind(Int64(1), at: 2)
        try insert.bind(0.25, at: 3)
        #expect(try insert.step() == false)
        try insert.reset()
        try insert.bindText(UnsafeBufferPointer(start: nil, count: 0), at: 1)
        try insert.bindNull(at: 2)
        try insert.bind(Value.text("<b>x</b>"), at: 3)
        try insert.step()
        let rows = try database.query("SELECT name, gold, share FROM country WHERE rowid > 2 ORDER BY rowid").rows
        #expect(rows == [[.text("Hong Kong, China"), .integer(1), .real(0.25)], [.text(""), .null, .text("<b>x</b>")]])
        #expect(try database.scalar("SELECT count(*) FROM country WHERE gold > ?1", [.integer(10)]) == .integer(1))
        #expect(try database.scalar("SELECT name FROM country WHERE 0") == .null)
    }

    @Test func listsTablesAndColumns() throws {
        let database = try sample()
        try database.execute("CREATE TABLE \"a table\" (x); CREATE INDEX i ON country (name);")
        #expect(try database.tableNames() == ["a table", "country"])
        #expect(try database.columns(of: "country") == [
            .init(name: "name", declaredType: "TEXT"), .init(name: "gold", declaredType: "INTEGER"),
            .init(name: "share", declaredType: "REAL"),
        ])
        #expect(try database.columns(of: "a table") == [.init(name: "x", declaredType: "")])
    }

    @Test func errorsCarrySQLiteMessageAndSQL() throws {
        let database = try sample()
        let error = #expect(throws: SQLiteError.self) { try database.query("SELECT gold FROM nowhere") }
        #expect(error?.message == "no such table: nowhere")
        #expect(error?.sql == "SELECT gold FROM nowhere")
        #expect(error?.description == "no such table: nowhere - while executing `SELECT gold FROM nowhere`")
        let query = #expect(throws: SQLiteError.self) { try database.query("SELECT gold,\n  nope FROM country") }
        #expect(query?.message == "no such column: nope")
        #expect(query?.position?.line == 2)
        #expect(query?.position?.column == 3)
    }

    @Test(arguments: [
        "drop table country",
        "insert into country values ('x', 1, 1)",
        "attach database ':memory:' as other",
        "pragma journal_mode=wal",
        "create temp table t (a)",
        "begin",
        "update country set gold = 0",
        "select 1; drop table country",
    ])
    func readOnlyQueryRefusesWrites(sql: String) throws {
        let database = try sample()
        #expect(throws: SQLiteError.self) { try database.query(sql, readOnly: true) }
        #expect(try database.tableNames() == ["country"])
        #expect(try database.scalar("SELECT count(*) FROM country") == .integer(2))
        #expect(try database.scalar("SELECT count(*) FROM pragma_database_list WHERE name NOT IN ('main', 'temp')") == .integer(0))
        #expect(try database.scalar("SELECT count(*) FROM sqlite_temp_schema") == .integer(0))
        #expect(try database.scalar("PRAGMA journal_mode") == .text("memory"))
    }

    @Test func readOnlyRefusalSaysWhy() throws {
        let database = try sample()
        let attach = #expect(throws: SQLiteError.self) { try database.query("attach 'x.db' as x") }
        #expect(attach?.message == "a query may only read (SELECT or WITH), not change the warehouse (not authorized)")
        let drop = #expect(throws: SQLiteError.self) { try database.query("drop table country") }
        #expect(drop?.message == "a query may only read (SELECT or WITH), not change the warehouse")
        let two = #expect(throws: SQLiteError.self) { try database.query("select 1; select 2") }
        #expect(two?.message == "a query must be a single statement")
    }

    @Test func readOnlyQueryAllowsReads() throws {
        let database = try sample()
        #expect(try database.query("with t as (select gold from country) select sum(gold) from t;").rows == [[.integer(38)]])
        #expect(try database.query("select count(*) from pragma_table_info('country') -- comment").rows == [[.integer(3)]])
    }

    @Test func readOnlyConnectionCannotWrite() throws {
        let root = try makeTemporaryProject([:])
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("w.sqlite").path
        try SQLiteDatabase(path: path).execute("CREATE TABLE t (a); INSERT INTO t VALUES (1);")
        let readOnly = try SQLiteDatabase(path: path, mode: .readOnly)
        #expect(try readOnly.scalar("SELECT a FROM t") == .integer(1))
        let error = #expect(throws: SQLiteError.self) { try readOnly.execute("INSERT INTO t VALUES (2)") }
        #expect(error?.message.contains("readonly") == true)
        #expect(throws: SQLiteError.self) { try SQLiteDatabase(path: root.appendingPathComponent("missing.sqlite").path, mode: .readOnly) }
    }

    @Test func transactionRollsBackOnError() throws {
        struct Failure: Error {}
        let database = try sample()
        #expect(throws: Failure.self) {
            try database.transaction {
                try database.execute("DELETE FROM country")
                throw Failure()
            }
        }
        #expect(try database.scalar("SELECT count(*) FROM country") == .integer(2))
    }
}
