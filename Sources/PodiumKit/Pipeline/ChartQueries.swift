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
        /// The values bound to the SQL's numbered parameters.
        var bindings: [Value] = []
    }

    /// The result of each chart, keyed by chart id, and of each named query, keyed by its id
    /// (`index.totals`).
    ///
    /// First every query's key is compared with the last build's and its cached result read;
    /// then the queries left run on the workers' connections side by side; then the results are
    /// stored and checked in chart order, so problems are reported in the order of the charts.
    /// - Throws: `DiagnosticsError` listing every chart whose query failed or lacks a column,
    ///   and every named query that failed.
    /// - Parameter entities: for a result of a page made from a template, the entity it is for
    ///   (`delegation 'Japan' (pages/delegation.md)`), named when its query fails.
    /// - Parameter unneeded: given the key of every result by id, the ids whose results the build
    ///   will not read (those of pages kept from the last build, see ``PageRenders``): a fresh one
    ///   is neither read from the cache nor checked, only its key kept.
    func run(_ charts: [ChartSpec], named: [NamedQuery] = [], kpis: [KPISpec] = [],
             entities: [String: EntityOrigin] = [:],
             unneeded: (([String: ResultStamp]) -> Set<String>)? = nil) throws -> Outcome {
        let tableNames = Set(tables.keys)
        var items: [Item] = charts.map { (chart: ChartSpec) -> Item in
            Item(id: chart.id, sql: chart.runSQL ?? chart.sql, location: chart.location, chart: chart, label: "chart '\(chart.id)'",
                 hint: "fix the chart's `sql:`; try it with `podium query`", bindings: chart.bindings)
        }
        items += named.map { (query: NamedQuery) -> Item in
            Item(id: query.id, sql: query.runSQL ?? query.sql, location: query.location, label: "named query '\(query.name)'", bindings: query.bindings)
        }
        for kpi in kpis {
            items.append(Item(id: kpi.resultID, sql: kpi.runSQL ?? kpi.sql, location: kpi.location, label: "kpi '\(kpi.id)'",
                              hint: "fix the block's `sql:`; try it with `podium query`", bindings: kpi.bindings))
            if let series = kpi.series {
                items.append(Item(id: kpi.seriesResultID, sql: kpi.runSeries ?? series, location: kpi.location, label: "kpi '\(kpi.id)' series",
                                  hint: "fix the block's `series:`; try it with `podium query`", bindings: kpi.seriesBindings))
            }
        }
        for index in items.indices {
            if let entity = entities[items[index].id] { items[index].label += " for \(entity.label)" }
        }
        // A template's blocks share their SQL text: its tables are found once.
        var tablesRead: [String: [String]] = [:]
        var lookups = items.map { item in
            let names = tablesRead[item.sql] ?? Models.references(in: item.sql, to: tableNames).map(\.name)
            tablesRead[item.sql] = names
            return lookup(item, tables: names)
        }
        // Stale results are queried first: the hashes of their values join the keys by which the
        // build decides which pages it keeps (a result recomputed to the same values keeps its page).
        var workers: WarehouseWorkers?
        defer { workers?.close() }
        func query(_ indices: [Int]) throws {
            guard !indices.isEmpty else { return }
            if workers == nil { workers = try connect(indices.count) }
            let outcomes = workers!.run(indices.map { index in { [sql = items[index].sql, bindings = items[index].bindings] in
                let result = try $0.readQuery(sql, bindings: bindings)
                return (result, ResultStore.contentHash(of: result))
            } })
            for (index, outcome) in zip(indices, outcomes) {
                lookups[index].queried = outcome.map(\.0)
                if case .success(let (_, content)) = outcome { lookups[index].stamp.content = content }
            }
        }
        try query(lookups.indices.filter { lookups[$0].reason != nil })
        let skipped = unneeded?(Dictionary(zip(items, lookups).map { ($0.id, $1.stamp) }) { first, _ in first }) ?? []
        var damaged: [Int] = []
        for index in lookups.indices where lookups[index].reason == nil {
            if skipped.contains(items[index].id) {
                lookups[index].skipped = true
                continue
            }
            lookups[index].cached = store.result(for: lookups[index].stamp.key)
            if lookups[index].cached == nil {
                lookups[index].reason = "cached result missing or damaged"
                damaged.append(index)
            }
        }
        try query(damaged)

        var outcome = Outcome()
        var diagnostics = EntityProblems(entities)
        var toStore: [(key: String, result: QueryResult)] = []
        for (item, lookup) in zip(items, lookups) {
            if lookup.skipped {
                outcome.stamps[item.id] = lookup.stamp
                outcome.explanations.append(.init(kind: .result, name: item.id, status: .fresh))
                continue
            }
            do {
                var result = lookup.cached
                if let queried = lookup.queried {
                    let value = try queried.get()
                    outcome.queriesRun += 1
                    toStore.append((lookup.stamp.key, value))
                    result = value
                }
                if let chart = item.chart {
                    let problems = ChartBlockParser.check(chart, against: result!)
                    guard problems.isEmpty else {
                        for problem in problems { diagnostics.emit(problem, for: item.id) }
                        continue
                    }
                }
                outcome.results[item.id] = result
                outcome.stamps[item.id] = lookup.stamp
                outcome.explanations.append(.init(kind: .result, name: item.id, status: lookup.reason == nil ? .fresh : .rebuilt,
                                                  reason: lookup.reason))
            } catch let error as any WarehouseQueryError {
                diagnostics.emit(.error("\(item.label): query failed: \(error.message)", at: item.location, hint: item.hint), for: item.id)
            }
        }
        // Stored on several threads, like the site's files: each is a file created (see `Parallel.forEach`).
        // Two queries with the same SQL and tables share a key, and a file: store it once.
        var keys: Set<String> = []
        toStore = toStore.filter { keys.insert($0.key).inserted }
        try Parallel.forEach(toStore, threads: Parallel.fileThreads) { [store] in try store.store($0.result, for: $0.key) }
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
        /// Fresh, and not needed by this build: not read.
        var skipped = false
    }

    /// Compares the query's key with the last build's (the cached result of a fresh one is read later).
    private func lookup(_ chart: Item, tables read: [String]) -> Lookup {
        var fingerprints: [String: String] = [:]
        for name in read {
            fingerprints[name] = tables[name]?.fingerprint
        }
        let sql = chart.bindings.isEmpty ? chart.sql : chart.sql + "\n-- bound: " + Self.describe(chart.bindings)
        let key = ResultStore.key(sql: sql, tables: fingerprints, tool: tool)
        var found = Lookup(stamp: ResultStamp(key: key, sql: sql, tables: fingerprints))
        found.reason = found.stamp.reason(comparedWith: previous[chart.id])
        if found.reason == nil { found.stamp.content = previous[chart.id]?.content }
        return found
    }

    /// The bound values, typed and length-prefixed, for a result's key: distinct bindings give distinct keys.
    static func describe(_ bindings: [Value]) -> String {
        bindings.map { value in
            switch value {
            case .null: "null"
            case .integer(let number): "integer \(number)"
            case .real(let number): "real \(number.bitPattern)"
            case .text(let text): "text \(text.utf8.count):\(text)"
            }
        }.joined(separator: ", ")
    }
}
