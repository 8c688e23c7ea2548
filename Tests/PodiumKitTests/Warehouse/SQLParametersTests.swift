import Testing
@testable import PodiumKit

@Suite struct SQLParametersTests {
    @Test func namesBecomeTheDialectsNumberedParameters() {
        let sql = "select * from t where a = :country and b = :id or c = :country"
        let sqlite = SQLParameters.bind(sql, dialect: .sqlite) { $0 == "country" ? .text("Japan") : .integer(3) }
        #expect(sqlite.sql == "select * from t where a = ?1 and b = ?2 or c = ?1")
        #expect(sqlite.bindings == [.text("Japan"), .integer(3)])
        let postgres = SQLParameters.bind(sql, dialect: .postgres) { _ in .null }
        #expect(postgres.sql == "select * from t where a = $1 and b = $2 or c = $1")
    }

    @Test func stringsIdentifiersCommentsAndCastsAreLeftAlone() {
        let sql = """
            select ':country', ":country", [:x], x::text, `:y` -- :z
            /* :w */ from t where a = :country
            """
        #expect(SQLParameters.references(in: sql).map(\.name) == ["country"])
        #expect(SQLParameters.references(in: sql).first.map { [$0.line, $0.column] } == [2, 27])
        let bound = SQLParameters.bind(sql, dialect: .sqlite) { _ in .text("'; drop table t; --") }
        #expect(bound.sql.hasSuffix("where a = ?1"))
        #expect(bound.sql.contains("':country'"))
    }

    @Test func anUnknownNameIsReported() {
        let bound = SQLParameters.bind("select :a, :b", dialect: .sqlite) { $0 == "a" ? .integer(1) : nil }
        #expect(bound.unknown?.name == "b")
    }

    @Test func hostileValuesStayData() throws {
        let database = try SQLiteDatabase(path: ":memory:")
        try database.execute("create table x (name text)")
        try database.execute("insert into x values ('a')")
        let bound = SQLParameters.bind("select :v as v, count(*) as n from x", dialect: .sqlite) { _ in .text("'; drop table x; --") }
        let result = try database.readQuery(bound.sql, bindings: bound.bindings)
        #expect(result.rows == [[.text("'; drop table x; --"), .integer(1)]])
    }
}
