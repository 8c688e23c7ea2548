import PodiumTestSupport
import Testing
@testable import PodiumKit

/// The one-pass column profile gives what a query per statistic gives.
@Suite struct ColumnProfilerTests {
    /// The profile of `t.c` from `ColumnProfiler`'s sorted pass.
    private func profile(_ database: SQLiteDatabase, type: ColumnType) throws -> ColumnProfiler {
        var profiler = ColumnProfiler()
        try database.query(ColumnProfiler.sql(column: "c", table: "t", type: type)) { profiler.add($0); return true }
        profiler.finish()
        return profiler
    }

    /// The same statistics, each from its own query (the catalog's queries before the one-pass profile).
    private func reference(_ database: SQLiteDatabase) throws -> (nulls: Int, distinct: Int, min: Value, max: Value,
                                                                  top: [Catalog.Frequency], longest: Value) {
        let counts = try database.query("SELECT count(*) - count(c), count(DISTINCT c), min(c), max(c) FROM t").rows[0]
        let top = try database.query("SELECT c, count(*) AS n FROM t WHERE c IS NOT NULL GROUP BY c ORDER BY n DESC, c LIMIT 5")
            .rows.map { Catalog.Frequency(value: $0[0], count: Int($0[1].number ?? 0)) }
        let longest = try database.scalar("SELECT c FROM t WHERE c IS NOT NULL ORDER BY length(c) DESC, c LIMIT 1")
        return (Int(counts[0].number ?? 0), Int(counts[1].number ?? 0), counts[2], counts[3], top, longest)
    }

    @Test func textAgreesWithAQueryPerStatistic() throws {
        let database = try SQLiteDatabase.inMemory()
        try database.execute("CREATE TABLE t (c TEXT)")
        // Ties in frequency (broken by value), more than five values, NULLs, two longest values of
        // equal length, and "é" written two ways: equal for Swift, different bytes for SQL.
        var values = ["'bb'", "'ab'", "'bb'", "'ab'", "'zz'", "'zz'", "'c'", "NULL", "'dddd'", "'aaaa'", "'e'",
                      "'f'", "NULL", "'g'", "'caf\u{E9}'", "'cafe\u{301}'", "'caf\u{E9}'"]
        var random = SplitMix64(seed: 7)
        for _ in 0..<300 { values.append("'v\(random.next() % 40)'") }
        for value in values { try database.execute("INSERT INTO t VALUES (\(value))") }

        let profile = try profile(database, type: .text)
        let expected = try reference(database)
        #expect(profile.nulls == expected.nulls)
        #expect(profile.distinct == expected.distinct)
        #expect(profile.min == expected.min && profile.max == expected.max)
        #expect(profile.top == expected.top)
        #expect(profile.longest.map { Value.text($0.text) } == expected.longest)
        #expect(profile.distinct == 9 + 2 + 40)  // nine plain values, "é" two ways, v0 … v39
    }

    @Test func numbersAgreeWithAQueryPerStatistic() throws {
        let database = try SQLiteDatabase.inMemory()
        try database.execute("CREATE TABLE t (c REAL)")
        var random = SplitMix64(seed: 11)
        for index in 0..<500 {
            try database.execute("INSERT INTO t VALUES (\(index % 17 == 0 ? "NULL" : String(Int(random.next() % 25) - 5)))")
        }
        let profile = try profile(database, type: .real)
        let expected = try reference(database)
        #expect(profile.nulls == expected.nulls && profile.nulls > 0)
        #expect(profile.distinct == expected.distinct)
        #expect(profile.min == expected.min && profile.max == expected.max)
        #expect(profile.top == expected.top)
        #expect(profile.longest == nil)
    }

    @Test func anEmptyOrAllNullColumn() throws {
        let database = try SQLiteDatabase.inMemory()
        try database.execute("CREATE TABLE t (c TEXT); INSERT INTO t VALUES (NULL), (NULL)")
        let profile = try profile(database, type: .text)
        #expect(profile.nulls == 2 && profile.distinct == 0 && profile.min == nil && profile.top.isEmpty && profile.longest == nil)
    }
}
