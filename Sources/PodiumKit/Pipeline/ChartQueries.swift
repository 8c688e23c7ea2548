import Foundation

/// Runs the charts' SQL on a read-only connection, serving each result from the result cache
/// when its key (query text + fingerprints of the tables it reads + tool) is unchanged.
struct ChartQueries {
    /// Opens the warehouse to query, the first time a result is not cached.
    var warehouse: () throws -> any WarehouseEngine
    let store: ResultStore
    /// Fingerprints of the warehouse's tables for this build.
    let tables: [String: TableStamp]
    var tool: String
    let previous: [String: ResultStamp]

    /// Queries the SQLite warehouse file `warehouse`, read-only.
    init(warehouse: URL, store: ResultStore, tables: [String: TableStamp], tool: String, previous: [String: ResultStamp]) {
        self.init(engine: { try SQLiteDatabase(path: warehouse.path, mode: .readOnly) }, store: store, tables: tables,
                  tool: tool, previous: previous)
    }

    /// Queries the warehouse `engine` opens (a PostgreSQL schema).
    init(engine: @escaping () throws -> any WarehouseEngine, store: ResultStore, tables: [String: TableStamp],
         tool: String, previous: [String: ResultStamp]) {
        warehouse = engine
        self.store = store
        self.tables = tables
        self.tool = tool
        self.previous = previous
    }

    /// What running the queries produced.
    struct Outcome {
        var results: [String: QueryResult] = [:]
        var stamps: [String: ResultStamp] = [:]
        var explanations: [BuildReport.Explanation] = []
        var queriesRun = 0
    }

    /// The result of each chart, keyed by chart id.
    /// - Throws: `DiagnosticsError` listing every chart whose query failed or lacks a column.
    func run(_ charts: [ChartSpec]) throws -> Outcome {
        var outcome = Outcome()
        var database: (any WarehouseEngine)?
        let diagnostics = DiagnosticCollector()
        let tableNames = Set(tables.keys)
        for chart in charts {
            let read = Models.references(in: chart.sql, to: tableNames).map(\.name)
            var fingerprints: [String: String] = [:]
            for name in read { fingerprints[name] = tables[name]?.fingerprint }
            let key = ResultStore.key(sql: chart.sql, tables: fingerprints, tool: tool)
            let stamp = ResultStamp(key: key, sql: chart.sql, tables: fingerprints)
            var reason = stamp.reason(comparedWith: previous[chart.id])
            var result: QueryResult?
            if reason == nil {
                result = store.result(for: key)
                if result == nil { reason = "cached result missing or damaged" }
            }
            do {
                if result == nil {
                    if database == nil { database = try warehouse() }
                    let fresh = try database!.readQuery(chart.sql)
                    outcome.queriesRun += 1
                    try store.store(fresh, for: key)
                    result = fresh
                }
                let problems = ChartBlockParser.check(chart, against: result!)
                guard problems.isEmpty else {
                    diagnostics.emit(contentsOf: problems)
                    continue
                }
                outcome.results[chart.id] = result
                outcome.stamps[chart.id] = stamp
                outcome.explanations.append(.init(kind: .result, name: chart.id, status: reason == nil ? .fresh : .rebuilt,
                                                  reason: reason))
            } catch let error as any WarehouseQueryError {
                diagnostics.emit(.error("chart '\(chart.id)': query failed: \(error.message)", at: chart.location,
                                        hint: "fix the chart's `sql:`; try it with `podium query`"))
            }
        }
        try diagnostics.throwIfErrors()
        return outcome
    }
}
