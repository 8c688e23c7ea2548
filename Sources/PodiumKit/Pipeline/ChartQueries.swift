import Foundation

/// Runs every chart's SQL on a read-only connection and checks the columns it names.
struct ChartQueries {
    let warehouse: URL

    /// The result of each chart's query, keyed by chart id.
    /// - Throws: `DiagnosticsError` listing every chart whose query failed or lacks a column.
    func run(_ charts: [ChartSpec]) throws -> [String: QueryResult] {
        let database = try SQLiteDatabase(path: warehouse.path, readOnly: true)
        let diagnostics = DiagnosticCollector()
        var results: [String: QueryResult] = [:]
        for chart in charts {
            do {
                let result = try database.query(chart.sql, readOnly: true)
                let missing = ([chart.x] + chart.y).filter { result.columnIndex($0) == nil }
                if missing.isEmpty {
                    results[chart.id] = result
                } else {
                    diagnostics.emit(.error(
                        "chart '\(chart.id)' names \(missing.map { "'\($0)'" }.joined(separator: ", ")), which its query does not return",
                        at: chart.location,
                        notes: [.init("the query returns: \(result.columns.joined(separator: ", "))")],
                        hint: "fix `x:`/`y:` or add the column to the query's select list"))
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
