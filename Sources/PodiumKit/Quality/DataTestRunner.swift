/// Runs data tests as read-only SQL over a built warehouse.
///
/// 1. Check that every test names an existing table and column (unknown names are errors, with
///    a suggestion, whatever `--strict` says: they are mistakes in podium.yaml, not in the data).
/// 2. Answer the tests that what the build knows settles without a query: a `row_count` from
///    the row counts, and a column test on a staging table that the profile counted while
///    staging shows passing (`knownResult`).
/// 3. For each other test, fetch the first `sampleSize` failing rows, in table order, and count the
///    failing rows when the sample is full (a `unique` test counts first: most pass, and the
///    count is cheaper than finding the rows). Staging tables keep `_line`, so a failing row
///    points at its line in the source file. A check's rows are counted as they are read, and
///    only the sample is kept.
public struct DataTestRunner: Sendable {
    /// The tests, in declaration order.
    public var tests: [DataTest]
    /// The project's sources: a test on `src_<name>` reports lines in that source's file.
    public var sources: [SourceSpec]
    /// How many failing rows each result keeps.
    public var sampleSize = 5
    /// What the build knows of its tables without reading them (row counts, staging profiles):
    /// the tests it answers run no query (`knownResult`). Empty: every test runs in SQL.
    var known: [String: KnownTable] = [:]

    /// Creates a runner.
    public init(tests: [DataTest], sources: [SourceSpec]) {
        self.tests = tests
        self.sources = sources
    }

    /// Runs every test.
    /// - Returns: one result per test, in order.
    /// - Throws: `DiagnosticsError` for tests naming unknown tables or columns and checks whose
    ///   SQL fails, all of them together.
    public func run(on database: any WarehouseEngine) throws -> [DataTestResult] {
        let plan = try self.plan(on: database)
        return try plan.results(WarehouseWorkers(engines: [database]).run(plan.jobs.map(\.run)))
    }

    /// Every test, validated: the problems of invalid tests, and jobs for the others (one per
    /// table for its per-row tests, one per other test). Run the jobs (on any connections, in
    /// any order), then hand their outcomes to `Plan.results`.
    /// - Parameter reusing: the cached result of the test at an index in `tests`, if it is
    ///   fresh; such a test gets no job (it is still validated).
    func plan(on database: any WarehouseEngine, reusing: (Int) -> DataTestResult? = { _ in nil }) throws -> Plan {
        let tables = try database.tableNames()
        var columns: [String: [String]] = [:]
        for table in tables { columns[table] = try database.columns(of: table).map(\.name) }
        var plan = Plan()
        var perRow: [String: [(step: Int, test: DataTest)]] = [:]  // table → its per-row tests
        var tablesInOrder: [String] = []
        for (index, test) in tests.enumerated() {
            let problems = validate(test, tables: tables, columns: columns)
            guard problems.isEmpty else {
                plan.steps.append(.invalid(problems))
                continue
            }
            if let reused = reusing(index) {
                plan.steps.append(.reused(reused))
                continue
            }
            let tableColumns = columns[test.table] ?? []
            if let facts = known[test.table], let answered = knownResult(test, facts, columns: tableColumns, database.dialect) {
                plan.steps.append(.known(answered))
                continue
            }
            if Self.condition(of: test.kind, database.dialect) != nil {
                if perRow[test.table] == nil { tablesInOrder.append(test.table) }
                perRow[test.table, default: []].append((plan.steps.count, test))
                plan.steps.append(.invalid([]))  // replaced below
            } else {
                plan.steps.append(.job(plan.jobs.count, 0, test))
                var reads = [test.table]
                if case .check(_, let sql) = test.kind { reads = Models.references(in: sql, to: Set(tables)).map(\.name) }
                plan.jobs.append(WarehouseJob(reads: reads) { [try self.run(test, columns: tableColumns, on: $0)] })
            }
        }
        // The per-row tests of a table: one scan counts the failing rows of them all, and only
        // the tests with failing rows look for them.
        for table in tablesInOrder {
            let entries = perRow[table] ?? [], tableColumns = columns[table] ?? []
            for (position, entry) in entries.enumerated() { plan.steps[entry.step] = .job(plan.jobs.count, position, entry.test) }
            plan.jobs.append(WarehouseJob(reads: [table]) { database in
                let counts = try Self.counts(of: entries.map(\.test), table: table, on: database)
                return try zip(entries, counts).map { try self.run($0.test, columns: tableColumns, counted: $1, on: database) }
            })
        }
        return plan
    }

    /// What `plan(on:)` found, in test order.
    struct Plan {
        enum Step {
            /// The `position`th result of job `index`.
            case job(Int, Int, DataTest)
            case invalid([Diagnostic])
            /// A result from the cache.
            case reused(DataTestResult)
            /// A result answered from what the build knows, without a query.
            case known(DataTestResult)
        }
        var steps: [Step] = []
        /// Each reads its test's table, or a check the tables its SQL names.
        var jobs: [WarehouseJob<[DataTestResult]>] = []

        /// The results in test order, given the jobs' outcomes in job order.
        /// - Throws: `DiagnosticsError` for invalid tests and failed queries, all of them
        ///   together; any other error a job threw.
        func results(_ outcomes: [Result<[DataTestResult], any Error>]) throws -> [DataTestResult] {
            let diagnostics = DiagnosticCollector()
            var results: [DataTestResult] = []
            for step in steps {
                switch step {
                case .invalid(let problems):
                    diagnostics.emit(contentsOf: problems)
                case .reused(let result), .known(let result):
                    results.append(result)
                case .job(let index, let position, let test):
                    do {
                        results.append(try outcomes[index].get()[position])
                    } catch let error as any WarehouseQueryError {
                        diagnostics.emit(.error("data test \(test.name): query failed: \(error.message)", at: test.location,
                                                hint: "fix the test's SQL; try it with `podium query`"))
                    }
                }
            }
            try diagnostics.throwIfErrors()
            return results
        }
    }

    /// The source file whose `_line` values a test's failing rows carry: its table's, if it is a
    /// staging table.
    func sourcePath(of test: DataTest) -> String? {
        sources.first { $0.tableName == test.table }?.path
    }

    // MARK: - Validation

    private func validate(_ test: DataTest, tables: [String], columns: [String: [String]]) -> [Diagnostic] {
        if case .check = test.kind { return [] }
        var problems: [Diagnostic] = []
        func checkColumn(_ column: String, of table: String) {
            guard let names = columns[table] else {
                let suggestion = tables.contains("src_" + table) ? "src_" + table : table.closestMatch(in: tables)
                problems.append(.error(
                    "data test \(test.name) names unknown table '\(table)'", at: test.location,
                    hint: (suggestion.map { "did you mean '\($0)'? " } ?? "")
                        + "tests name a model or a staging table (src_<source>)"))
                return
            }
            if !names.contains(column) {
                problems.append(.error(
                    "data test \(test.name) names unknown column '\(column)' of '\(table)'", at: test.location,
                    hint: (column.closestMatch(in: names).map { "did you mean '\($0)'? " } ?? "")
                        + "its columns are \(names.map { "'\($0)'" }.joined(separator: ", "))"))
            }
        }
        if let column = test.column {
            checkColumn(column, of: test.table)
        } else if columns[test.table] == nil {
            checkColumn("", of: test.table)
        }
        if problems.isEmpty, case .references(_, let target, let targetColumn) = test.kind {
            checkColumn(targetColumn, of: target)
        }
        return problems
    }

    // MARK: - Running

    /// Runs one test; `columns` are its table's (a sample keeps them even when it has no rows).
    /// `counted` is the number of failing rows when `counts(of:on:)` already counted them.
    private func run(_ test: DataTest, columns: [String], counted: Int? = nil,
                     on database: any WarehouseEngine) throws -> DataTestResult {
        let dialect = database.dialect, rowid = database.dialect.rowOrder
        let table = SQLText.quote(test.table)
        var bindings: [Value] = []
        var knownCount: Int?
        let condition: String
        let what: (one: String, many: String)
        switch test.kind {
        case .check(_, let sql):
            return try runCheck(test, sql: sql, on: database)
        case .rowCount(let min, let max):
            let count = Int(try database.readScalar("SELECT count(*) FROM \(table)").number ?? 0)
            return rowCountResult(test, count: count, min: min, max: max)
        case .unique(let column):
            let quoted = SQLText.quote(column)
            // Each value's rows after its first: none when the values only increase, else one
            // distinct count (numbering the rows of every value sorts the table by value and row).
            knownCount = try Self.increases(column, table: test.table, on: database) ? 0
                : Int(try database.readScalar("SELECT count(\(quoted)) - count(DISTINCT \(quoted)) FROM \(table)").number ?? 0)
            let found = Self.uniqueCondition(column, table: test.table, dialect)
            condition = found.sql
            what = found.what
        case .notNull, .references, .acceptedValues, .range:
            guard let found = Self.condition(of: test.kind, dialect) else { preconditionFailure("a column test") }
            condition = found.sql
            bindings = found.bindings
            what = found.what
            knownCount = counted
        }
        let failing = "SELECT * FROM \(table) WHERE \(condition)"
        var sample = QueryResult(columns: columns, rows: [])
        if knownCount != 0 {
            sample = try database.readQuery("\(failing) ORDER BY \(rowid) LIMIT \(sampleSize)", bindings: bindings)
        }
        // Fewer rows than the sample holds are all of them; only a full sample needs a count.
        let count = try knownCount ?? (sample.rows.count < sampleSize ? sample.rows.count : Int(
            database.readScalar("SELECT count(*) FROM (\(failing))\(dialect.subqueryAlias("_f"))", bindings: bindings).number ?? 0))
        return result(test, count: count, condition: Condition(sql: condition, bindings: bindings, what: what), sample: sample, dialect)
    }

    /// The result of a column test (`unique` or a per-row test) with `count` failing rows, the
    /// first of them in `sample`.
    func result(_ test: DataTest, count: Int, condition: Condition, sample: QueryResult, _ dialect: SQLDialect) -> DataTestResult {
        let failing = "SELECT * FROM \(SQLText.quote(test.table)) WHERE \(condition.sql)"
        let detail = count == 0 ? "no failing rows" : "\(String(counting: count, "row")) \(count == 1 ? condition.what.one : condition.what.many)"
        return DataTestResult(test: test, passed: count == 0, failingRows: count, detail: detail,
                              sql: Self.inline(failing + " ORDER BY \(dialect.rowOrder)", condition.bindings, dialect), sample: sample,
                              sourcePath: sourcePath(of: test))
    }

    /// The result of a `row_count` test on a table of `count` rows.
    func rowCountResult(_ test: DataTest, count: Int, min: Int?, max: Int?) -> DataTestResult {
        let passed = (min.map { count >= $0 } ?? true) && (max.map { count <= $0 } ?? true)
        let expected = Self.bounds(min.map(Double.init), max.map(Double.init))
        let found = String(counting: count, "row")
        return DataTestResult(test: test, passed: passed, failingRows: nil,
                              detail: passed ? found : "\(found), expected \(expected)",
                              sql: "SELECT count(*) FROM \(SQLText.quote(test.table))", sourcePath: sourcePath(of: test))
    }

    /// A check passes when its query returns no rows, or exactly one value that is a non-zero number.
    private func runCheck(_ test: DataTest, sql: String, on database: any WarehouseEngine) throws -> DataTestResult {
        let (sample, count) = try database.readCounted(sql, limit: sampleSize)
        if count == 1, sample.columns.count == 1, Self.isBoolean(sample.rows[0][0]) {
            let passed = (sample.rows[0][0].number ?? 0) != 0
            return DataTestResult(test: test, passed: passed, failingRows: nil,
                                  detail: passed ? "returned true" : "returned \(sample.rows[0][0] == .null ? "NULL" : "false")",
                                  sql: sql, sample: passed ? QueryResult(columns: [], rows: []) : sample)
        }
        return DataTestResult(test: test, passed: count == 0, failingRows: count,
                              detail: count == 0 ? "no failing rows" : "returned \(String(counting: count, "row"))",
                              sql: sql, sample: sample)
    }

    private static func isBoolean(_ value: Value) -> Bool {
        switch value {
        case .null: true
        case .integer(let number): number == 0 || number == 1
        case .real, .text: false
        }
    }

    /// `between 1 and 5`, `at least 1`, `at most 5`.
    static func bounds(_ min: Double?, _ max: Double?) -> String {
        switch (min, max) {
        case let (min?, max?): "between \(NumberFormat.plain(min)) and \(NumberFormat.plain(max))"
        case let (min?, nil): "of at least \(NumberFormat.plain(min))"
        case let (nil, max?): "of at most \(NumberFormat.plain(max))"
        case (nil, nil): "(any)"
        }
    }

    /// The SQL with its parameters written in, for display only.
    private static func inline(_ sql: String, _ bindings: [Value], _ dialect: SQLDialect) -> String {
        var text = sql
        for (index, value) in bindings.enumerated().reversed() {
            let literal: String
            switch value {
            case .text(let string): literal = "'" + string.replacingOccurrences(of: "'", with: "''") + "'"
            default: literal = value.text
            }
            text = text.replacingOccurrences(of: dialect.parameter(index + 1), with: literal)
        }
        return text
    }
}
