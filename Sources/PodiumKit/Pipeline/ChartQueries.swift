import Foundation

/// Runs the charts' SQL, the pages' named queries and their KPI blocks' queries on read-only connections, serving each
/// result from the result cache when its key (query text + fingerprints of the tables it reads +
/// tool) is unchanged.
struct ChartQueries {
    /// Opens at most the given number of connections to query, when some result is not cached.
    var connect: (Int) throws -> WarehouseWorkers
    let store: ResultStore
    /// Fingerprints of the warehouse's tables for this build.
    let tables: [String: TableStamp]
    let tool: String
    let previous: [String: ResultStamp]

    /// Queries the warehouse that `connect` opens up to the given number of read-only connections to.
    init(connect: @escaping (Int) throws -> WarehouseWorkers, store: ResultStore, tables: [String: TableStamp],
         tool: String, previous: [String: ResultStamp]) {
        self.connect = connect
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

    /// One query to run: a chart's, or a named query's (`chart` nil).
    private struct Item {
        var id: String
        var sql: String
        var location: Diagnostic.Location?
        var chart: ChartSpec?
        /// How messages name it: `chart 'medals-top15'`, `named query 'totals'`.
        var label: String
        /// What to fix when the query fails.
        var hint = "fix the query under `queries:` in the front matter; try it with `podium query`"
    }

    /// The result of each chart, keyed by chart id, and of each named query, keyed by its id
    /// (`index.totals`).
    ///
    /// First every query's key is compared with the last build's and its cached result read;
    /// then the queries left run on the workers' connections side by side; then the results are
    /// stored and checked in chart order, so problems are reported in the order of the charts.
    /// - Throws: `DiagnosticsError` listing every chart whose query failed or lacks a column,
    ///   and every named query that failed.
    func run(_ charts: [ChartSpec], named: [NamedQuery] = [], kpis: [KPISpec] = []) throws -> Outcome {
        let tableNames = Set(tables.keys)
        let items = charts.map { Item(id: $0.id, sql: $0.sql, location: $0.location, chart: $0, label: "chart '\($0.id)'",
                                      hint: "fix the chart's `sql:`; try it with `podium query`") }
            + named.map { Item(id: $0.id, sql: $0.sql, location: $0.location, label: "named query '\($0.name)'") }
            + kpis.flatMap { kpi in
                [Item(id: kpi.resultID, sql: kpi.sql, location: kpi.location, label: "kpi '\(kpi.id)'",
                      hint: "fix the block's `sql:`; try it with `podium query`")]
                    + (kpi.series.map { [Item(id: kpi.seriesResultID, sql: $0, location: kpi.location, label: "kpi '\(kpi.id)' series",
                                              hint: "fix the block's `series:`; try it with `podium query`")] } ?? [])
            }
        var lookups = items.map { lookup($0, tableNames: tableNames) }
        let missing = lookups.indices.filter { lookups[$0].cached == nil }
        if !missing.isEmpty {
            let workers = try connect(missing.count)
            defer { workers.close() }
            let outcomes = workers.run(missing.map { index in { [sql = items[index].sql] in try $0.readQuery(sql) } })
            for (index, outcome) in zip(missing, outcomes) { lookups[index].queried = outcome }
        }

        var outcome = Outcome()
        let diagnostics = DiagnosticCollector()
        for (item, lookup) in zip(items, lookups) {
            do {
                var result = lookup.cached
                if let queried = lookup.queried {
                    let value = try queried.get()
                    outcome.queriesRun += 1
                    try store.store(value, for: lookup.stamp.key)
                    result = value
                }
                if let chart = item.chart {
                    let problems = ChartBlockParser.check(chart, against: result!)
                    guard problems.isEmpty else {
                        diagnostics.emit(contentsOf: problems)
                        continue
                    }
                }
                outcome.results[item.id] = result
                outcome.stamps[item.id] = lookup.stamp
                outcome.explanations.append(.init(kind: .result, name: item.id, status: lookup.reason == nil ? .fresh : .rebuilt,
                                                  reason: lookup.reason))
            } catch let error as any WarehouseQueryError {
                diagnostics.emit(.error("\(item.label): query failed: \(error.message)", at: item.location, hint: item.hint))
            }
        }
        try diagnostics.throwIfErrors()
        return outcome
    }

    /// One chart's result key, why its result is rebuilt (nil when fresh), and the result: from
    /// the cache, or (`queried`) from the warehouse.
    private struct Lookup {
        var stamp: ResultStamp
        var reason: String?
        var cached: QueryResult?
        var queried: Result<QueryResult, any Error>?
    }

    /// Compares the query's key with the last build's and reads its cached result if it is fresh.
    private func lookup(_ chart: Item, tableNames: Set<String>) -> Lookup {
        var fingerprints: [String: String] = [:]
        for name in Models.references(in: chart.sql, to: tableNames).map(\.name) {
            fingerprints[name] = tables[name]?.fingerprint
        }
        let key = ResultStore.key(sql: chart.sql, tables: fingerprints, tool: tool)
        var found = Lookup(stamp: ResultStamp(key: key, sql: chart.sql, tables: fingerprints))
        found.reason = found.stamp.reason(comparedWith: previous[chart.id])
        if found.reason == nil {
            found.cached = store.result(for: key)
            if found.cached == nil { found.reason = "cached result missing or damaged" }
        }
        return found
    }
}
