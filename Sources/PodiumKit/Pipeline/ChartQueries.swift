import Foundation

/// Runs every chart's SQL on a read-only connection and checks the columns it names.
struct ChartQueries {
    let warehouse: URL

    /// The result of each chart's query, keyed by chart id.
    /// - Throws: `DiagnosticsError` listing every chart whose query failed or lacks a column.
    func run(_ charts: [ChartSpec]) throws -> [String: QueryResult] {
        let database = try SQLiteDatabase(path: warehouse.path, mode: .readOnly)
        let diagnostics = DiagnosticCollector()
        var results: [String: QueryResult] = [:]
        for chart in charts {
            do {
                let result = try database.query(chart.sql, readOnly: true)
                let problems = ChartBlockParser.check(chart, against: result)
                if problems.isEmpty {
                    results[chart.id] = result
                } else {
                    diagnostics.emit(contentsOf: problems)
                }
            } catch let error as SQLiteError {
                diagnostics.emit(.error("chart '\(chart.id)': query failed: \(error.message)", at: chart.location,
                                        hint: "fix the chart's `sql:`; try it with `sqlite3 .podium/warehouse.sqlite`"))
            }
        }
        try diagnostics.throwIfErrors()
        return results
    }
}
