/// The data tests as `site/quality.html` (a summary, then one row per test and the first failing
/// rows of each failed test) and `site/data/quality.json`.
enum QualityPage {
    /// The output paths.
    static let path = "quality.html", jsonPath = "data/quality.json"

    /// Trusted HTML for the page's `<main>`; every value in it is escaped.
    static func body(_ results: [DataTestResult]) -> String {
        let failed = results.filter { !$0.passed }
        var out = "<h1>Data tests</h1>\n"
        if results.isEmpty {
            out += "<p>This project declares no data tests (see <code>tests:</code> in README, “Data tests”).</p>\n"
            return out
        }
        out += "<p>\(String(counting: results.count, "test")) ran on the warehouse: "
            + "\(results.count - failed.count) passed, \(failed.count) failed. "
            + "They are declared in <code>podium.yaml</code>; the data is described on the <a href=\"catalog.html\">data catalog</a> page. "
            + "The results are also in <a href=\"data/quality.json\">data/quality.json</a>.</p>\n"
        out += HTMLTable(
            caption: "Every test, in the order podium.yaml declares them",
            header: ["result", "test", "failing rows", "found", "declared at"], numericColumns: [2],
            rows: results.enumerated().map { index, result in
                [HTMLTable.Cell(html: result.passed ? "✓ passed" : "<strong>✗ failed</strong>"),
                 HTMLTable.Cell(html: result.passed ? Escape.html(result.test.name)
                    : "<a href=\"#test-\(index + 1)\">\(Escape.html(result.test.name))</a>"),
                 result.failingRows.map(HTMLTable.Cell.number) ?? .text(""),
                 .text(result.detail), .code(result.test.location.description)]
            }).html
        for (index, result) in results.enumerated() where !result.passed {
            out += "<section id=\"test-\(index + 1)\">\n<h2>✗ \(Escape.html(result.test.name))</h2>\n"
            out += "<p>\(Escape.html(result.detail)). Declared at <code>\(Escape.html(result.test.location.description))</code>"
            if let sourcePath = result.sourcePath {
                out += "; <code>_line</code> is the row's line in <code>\(Escape.html(sourcePath))</code>"
            }
            out += ".</p>\n"
            if !result.sample.rows.isEmpty {
                out += HTMLTable(caption: "First failing rows", header: result.sample.columns,
                                 rows: result.sample.rows.map { $0.map(HTMLTable.Cell.value) }).html
            }
            out += "<details><summary>Query</summary><pre><code>\(Escape.html(result.sql))</code></pre></details>\n</section>\n"
        }
        return out
    }

    /// `{"summary": {...}, "tests": [...]}`, ending with a newline.
    static func json(_ results: [DataTestResult]) -> String {
        let failed = results.filter { !$0.passed }.count
        let tests: [JSON] = results.map { result in
            .object([
                ("name", .string(result.test.name)),
                ("kind", .string(result.test.kindName)),
                ("table", result.test.table.isEmpty ? .null : .string(result.test.table)),
                ("column", .string(result.test.column)),
                ("declared_at", .string(result.test.location.description)),
                ("status", .string(result.passed ? "passed" : "failed")),
                ("failing_rows", result.failingRows.map { .int(Int64($0)) } ?? .null),
                ("detail", .string(result.detail)),
                ("source", .string(result.sourcePath)),
                ("sql", .string(result.sql)),
                ("columns", .array(result.sample.columns.map { .string($0) })),
                ("rows", .array(result.sample.rows.map { .array($0.map(JSON.init)) })),
            ])
        }
        return JSON.object([
            ("summary", .object([("tests", .int(Int64(results.count))), ("passed", .int(Int64(results.count - failed))),
                                 ("failed", .int(Int64(failed)))])),
            ("tests", .array(tests)),
        ]).rendered() + "\n"
    }
}
