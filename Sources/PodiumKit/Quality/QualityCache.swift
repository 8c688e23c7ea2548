import Foundation

/// The data tests' results and the catalog's column profiles, materialized like chart results
/// (`ChartQueries`): each keyed by what it was computed from — a test by its definition, a
/// table's profile by its columns' declarations — and the fingerprints of the tables it reads,
/// stored in the result store (`.podium/results/<key>.test`, `<key>.profile`) and reused while
/// its key equals the last build's. A page, template or chart edit changes no key, so it runs no
/// test and profiles nothing; a changed source changes the keys downstream of it only.
///
/// A reused result is the stored one, with the test as declared now (its place in podium.yaml
/// may have moved): a failing test stays failing, with the same rows, until a table it reads or
/// its definition changes.
struct QualityCache: Sendable {
    let store: ResultStore
    /// This build's table fingerprints (staging tables and models).
    let tables: [String: TableStamp]
    /// The tool and engine (`ChartQueries.tool`): another podium or engine recomputes everything.
    let tool: String
    /// The last build's stamps, by test id (`DataTest.ids`) and by staging table.
    let previousTests: [String: ResultStamp]
    let previousProfiles: [String: ResultStamp]

    /// A test's or profile's key, why it is recomputed (nil: reused), and the stored value.
    struct Lookup<T> {
        var stamp: ResultStamp
        var reason: String?
        var cached: T?
    }

    // MARK: - Data tests

    /// The stamp of `test`: its definition (everything that shapes its result, not its place in
    /// podium.yaml) and the fingerprints of the tables it reads.
    func stamp(_ test: DataTest, sourcePath: String?, sampleSize: Int) -> ResultStamp {
        var reads: Set<String> = []
        switch test.kind {
        case .check(_, let sql): reads = Set(Models.references(in: sql, to: Set(tables.keys)).map(\.name))
        case .references(_, let target, _): reads = [test.table, target]
        default: reads = [test.table]
        }
        var fingerprints: [String: String] = [:]
        for name in reads { fingerprints[name] = tables[name]?.fingerprint ?? "missing" }
        let definition = "test \(test.table)\n\(test.kind)\nsample \(sampleSize)\nsource \(sourcePath ?? "-")"
        return ResultStamp(key: ResultStore.key(sql: definition, tables: fingerprints, tool: tool), sql: definition,
                           tables: fingerprints)
    }

    /// Compares the test's stamp with the last build's and reads its stored result if fresh.
    func lookup(_ test: DataTest, id: String, sourcePath: String?, sampleSize: Int) -> Lookup<DataTestResult> {
        var found = Lookup<DataTestResult>(stamp: stamp(test, sourcePath: sourcePath, sampleSize: sampleSize))
        found.reason = found.stamp.reason(comparedWith: previousTests[id], what: "test")
        if found.reason == nil {
            found.cached = store.data(for: found.stamp.key, kind: .test).flatMap { StoredTest.decode($0, test: test) }
            if found.cached == nil { found.reason = "cached result missing or damaged" }
        }
        return found
    }

    /// Stores a test's result under its key.
    func store(_ result: DataTestResult, for stamp: ResultStamp) throws {
        try store.store(StoredTest.encode(result), for: stamp.key, kind: .test)
    }

    // MARK: - Profiles

    /// The stamp of a staging table's profile: its columns as staged and declared, and the
    /// table's fingerprint.
    func stamp(_ table: StagedTable, required: [Bool]) -> ResultStamp {
        var definition = "profile \(table.name)\n"
        for (column, required) in zip(table.columns, required) {
            definition += "\(column.name)|\(column.header)|\(column.type.rawValue)|\(column.isDeclared)|\(required)\n"
        }
        let fingerprints = [table.name: tables[table.name]?.fingerprint ?? "missing"]
        return ResultStamp(key: ResultStore.key(sql: definition, tables: fingerprints, tool: tool), sql: definition,
                           tables: fingerprints)
    }

    /// Compares the profile's stamp with the last build's and reads the stored profile if fresh.
    func lookup(_ table: StagedTable, required: [Bool]) -> Lookup<[Catalog.ColumnProfile]> {
        var found = Lookup<[Catalog.ColumnProfile]>(stamp: stamp(table, required: required))
        found.reason = found.stamp.reason(comparedWith: previousProfiles[table.name], what: "profile")
        if found.reason == nil {
            found.cached = store.data(for: found.stamp.key, kind: .profile).flatMap(StoredProfile.decode)
            if found.cached?.count != table.columns.count {
                found.cached = nil
                found.reason = "cached profile missing or damaged"
            }
        }
        return found
    }

    /// The profiles a build stored under `stamp` (`podium catalog` reads them back); nil when
    /// missing, damaged or not of `columns` columns.
    static func storedProfiles(_ stamp: ResultStamp, in store: ResultStore, columns: Int) -> [Catalog.ColumnProfile]? {
        guard let profiles = store.data(for: stamp.key, kind: .profile).flatMap(StoredProfile.decode),
              profiles.count == columns else { return nil }
        return profiles
    }

    /// Stores a table's column profiles under its key.
    func store(_ profiles: [Catalog.ColumnProfile], for stamp: ResultStamp) throws {
        try store.store(StoredProfile.encode(profiles), for: stamp.key, kind: .profile)
    }
}

extension DataTest {
    /// An id per test, for the cache and `--explain`: its name, and `#2`, `#3`… after the name
    /// of a test declared again.
    static func ids(_ tests: [DataTest]) -> [String] {
        var seen: [String: Int] = [:]
        return tests.map { test in
            seen[test.name, default: 0] += 1
            let count = seen[test.name]!
            return count == 1 ? test.name : "\(test.name) #\(count)"
        }
    }
}

/// A data test's result without the test, in JSON, cells tagged as in `ResultStore`.
private struct StoredTest: Codable {
    var passed: Bool
    var failingRows: Int?
    var detail: String
    var sql: String
    var sourcePath: String?
    var columns: [String]
    var rows: [[String?]]

    static func encode(_ result: DataTestResult) throws -> Data {
        try JSONEncoder().encode(StoredTest(
            passed: result.passed, failingRows: result.failingRows, detail: result.detail, sql: result.sql,
            sourcePath: result.sourcePath, columns: result.sample.columns,
            rows: result.sample.rows.map { $0.map(TaggedValue.encode) }))
    }

    static func decode(_ data: Data, test: DataTest) -> DataTestResult? {
        guard let stored = try? JSONDecoder().decode(StoredTest.self, from: data) else { return nil }
        var rows: [[Value]] = []
        for row in stored.rows {
            let values = row.compactMap(TaggedValue.decode)
            guard values.count == row.count, values.count == stored.columns.count else { return nil }
            rows.append(values)
        }
        return DataTestResult(test: test, passed: stored.passed, failingRows: stored.failingRows, detail: stored.detail,
                              sql: stored.sql, sample: QueryResult(columns: stored.columns, rows: rows),
                              sourcePath: stored.sourcePath)
    }
}

/// A table's column profiles in JSON, values tagged as in `ResultStore`.
private struct StoredProfile: Codable {
    var name: String
    var header: String
    var type: ColumnType
    var isDeclared: Bool
    var nullable: Bool
    var nulls: Int
    var distinct: Int
    var min: String?
    var max: String?
    var top: [String?]
    var topCounts: [Int]
    var longest: String?

    static func encode(_ profiles: [Catalog.ColumnProfile]) throws -> Data {
        try JSONEncoder().encode(profiles.map { profile in
            StoredProfile(name: profile.name, header: profile.header, type: profile.type, isDeclared: profile.isDeclared,
                          nullable: profile.nullable, nulls: profile.nulls, distinct: profile.distinct,
                          min: profile.min.flatMap(TaggedValue.encode), max: profile.max.flatMap(TaggedValue.encode),
                          top: profile.top.map { TaggedValue.encode($0.value) }, topCounts: profile.top.map(\.count),
                          longest: profile.longest)
        })
    }

    static func decode(_ data: Data) -> [Catalog.ColumnProfile]? {
        guard let stored = try? JSONDecoder().decode([StoredProfile].self, from: data) else { return nil }
        var profiles: [Catalog.ColumnProfile] = []
        for entry in stored {
            guard entry.top.count == entry.topCounts.count else { return nil }
            // min and max are absent (nil) or a tagged non-null value
            let min = entry.min.flatMap { TaggedValue.decode($0) }, max = entry.max.flatMap { TaggedValue.decode($0) }
            guard (min == nil) == (entry.min == nil), (max == nil) == (entry.max == nil) else { return nil }
            var top: [Catalog.Frequency] = []
            for (cell, count) in zip(entry.top, entry.topCounts) {
                guard let value = TaggedValue.decode(cell) else { return nil }
                top.append(Catalog.Frequency(value: value, count: count))
            }
            profiles.append(Catalog.ColumnProfile(
                name: entry.name, header: entry.header, type: entry.type, isDeclared: entry.isDeclared, nullable: entry.nullable,
                nulls: entry.nulls, distinct: entry.distinct, min: min, max: max, top: top, longest: entry.longest))
        }
        return profiles
    }
}
