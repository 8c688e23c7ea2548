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
        /// The results held in memory, by id: every one with `holdAll`, else the small ones (see
        /// ``heldCells``). Every other result with a stamp (and not skipped) is in the store, checked.
        var results: [String: QueryResult] = [:]
        var stamps: [String: ResultStamp] = [:]
        /// The warning of each chart whose result has nothing to draw, by chart id (of the results
        /// read or queried; see ``ChartRenderer/nothingToDrawWarning(_:_:severity:)``).
        var empty: [String: Diagnostic] = [:]
        var explanations: [BuildReport.Explanation] = []
        var queriesRun = 0
    }

    /// A result of at most this many cells (rows × columns) is held in memory for the pages; a
    /// larger one is read back from the store by the page that shows it (``ResultShelf``). At
    /// Tokyo ×1000 the delegation pages' coach tables (~1,900 rows each) and the scale chart
    /// (110,900 points) are not held; every result of the Tokyo project at ×1 is.
    static let heldCells = 4096
    /// At most this many cells are held in all (the first results in chart order).
    static let heldBudget = 1 << 18

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
             entities: [String: EntityOrigin] = [:], holdAll: Bool = false,
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
        // Each is checked, and a large one stored, as soon as it is read: the stage never holds
        // every result.
        var workers: WarehouseWorkers?
        defer { workers?.close() }
        var toStore: [(key: String, encoded: ResultStore.Encoded)] = []
        func query(_ indices: [Int]) throws {
            guard !indices.isEmpty else { return }
            if workers == nil { workers = try connect(indices.count) }
            let outcomes = workers!.run(indices.map { index in { [item = items[index], key = lookups[index].stamp.key, store] in
                let result = try $0.readQuery(item.sql, bindings: item.bindings)
                let encoded = ResultStore.encode(result)
                var seen = Self.inspect(item, result, holdAll: holdAll)
                seen.contentHash = encoded.contentHash
                if seen.held == nil { try store.store(encoded, for: key) } else { seen.encoded = encoded }
                return seen
            } })
            for (index, outcome) in zip(indices, outcomes) {
                lookups[index].seen = outcome
                if case .success(let seen) = outcome {
                    lookups[index].stamp.content = seen.contentHash
                    if let encoded = seen.encoded { toStore.append((lookups[index].stamp.key, encoded)) }
                    lookups[index].seen = .success(seen.withoutEncoded)
                }
            }
        }
        try query(lookups.indices.filter { lookups[$0].reason != nil })
        let skipped = unneeded?(Dictionary(zip(items, lookups).map { ($0.id, $1.stamp) }) { first, _ in first }) ?? []
        var damaged: [Int] = []
        // Cached results one at a time: each checked, and held only when small.
        for index in lookups.indices where lookups[index].reason == nil {
            if skipped.contains(items[index].id) {
                lookups[index].skipped = true
                continue
            }
            if let cached = store.result(for: lookups[index].stamp.key) {
                lookups[index].seen = .success(Self.inspect(items[index], cached, holdAll: holdAll))
            } else {
                lookups[index].reason = "cached result missing or damaged"
                damaged.append(index)
            }
        }
        try query(damaged)

        var outcome = Outcome()
        var diagnostics = EntityProblems(entities)
        var heldCells = 0
        for (item, lookup) in zip(items, lookups) {
            if lookup.skipped {
                outcome.stamps[item.id] = lookup.stamp
                outcome.explanations.append(.init(kind: .result, name: item.id, status: .fresh))
                continue
            }
            do {
                let seen = try lookup.seen!.get()
                if lookup.reason != nil { outcome.queriesRun += 1 }
                guard seen.problems.isEmpty else {
                    for problem in seen.problems { diagnostics.emit(problem, for: item.id) }
                    continue
                }
                if let held = seen.held, holdAll || heldCells + seen.cells <= Self.heldBudget {
                    outcome.results[item.id] = held
                    heldCells += seen.cells
                }
                outcome.empty[item.id] = seen.empty
                outcome.stamps[item.id] = lookup.stamp
                outcome.explanations.append(.init(kind: .result, name: item.id, status: lookup.reason == nil ? .fresh : .rebuilt,
                                                  reason: lookup.reason))
            } catch let error as any WarehouseQueryError {
                diagnostics.emit(.error("\(item.label): query failed: \(error.message)", at: item.location, hint: item.hint), for: item.id)
            }
        }
        // The small results are stored on several threads, like the site's files: each is a file
        // created (see `Parallel.forEach`). Two queries with the same SQL and tables share a key,
        // and a file: store it once.
        var keys: Set<String> = []
        toStore = toStore.filter { keys.insert($0.key).inserted }
        try Parallel.forEach(toStore, threads: Parallel.fileThreads) { [store] in try store.store($0.encoded, for: $0.key) }
        try diagnostics.throwIfErrors()
        return outcome
    }

    /// What a result, queried or read back, showed: kept while the others are read.
    private struct Seen: Sendable {
        /// The chart's columns that are missing or of the wrong type (see ``ChartBlockParser/check(_:against:)``).
        var problems: [Diagnostic]
        var empty: Diagnostic?
        /// The result, when small enough to hold (or all are held).
        var held: QueryResult?
        /// Its rows × columns.
        var cells: Int
        /// The hash of its stored form, when queried.
        var contentHash: String?
        /// Its stored form, queried and held: stored with the others after the queries.
        var encoded: ResultStore.Encoded?

        var withoutEncoded: Seen {
            var seen = self
            seen.encoded = nil
            return seen
        }
    }

    private static func inspect(_ item: Item, _ result: QueryResult, holdAll: Bool) -> Seen {
        let problems = item.chart.map { ChartBlockParser.check($0, against: result) } ?? []
        let cells = result.rows.count * Swift.max(1, result.columns.count)
        return Seen(problems: problems,
                    empty: problems.isEmpty ? item.chart.flatMap { ChartRenderer.nothingToDrawWarning($0, result) } : nil,
                    held: holdAll || cells <= heldCells ? result : nil, cells: cells)
    }

    /// One chart's result key, why its result is rebuilt (nil when fresh), and what its result
    /// showed (``Seen``): read from the cache, or queried.
    private struct Lookup {
        var stamp: ResultStamp
        var reason: String?
        var seen: Result<Seen, any Error>?
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
