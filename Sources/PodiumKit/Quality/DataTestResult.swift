/// The outcome of one data test: passed or failed, how many rows fail, the first of them.
///
/// Produced by `DataTestRunner`; rendered to `site/quality.html` and `site/data/quality.json`,
/// and turned into a warning (or, with `--strict`, an error) when it failed.
public struct DataTestResult: Equatable, Sendable {
    public var test: DataTest
    public var passed: Bool
    /// How many rows break the test; nil for tests that do not count rows (row_count, a check
    /// returning one boolean).
    public var failingRows: Int?
    /// What was found, for example `93 rows, expected at least 100`.
    public var detail: String
    /// The query that finds the failing rows (for a check: the check's own SQL).
    public var sql: String
    /// The first failing rows (for staging tables with their `_line` column).
    public var sample: QueryResult
    /// The source file of a staging table (`src_<source>`), whose `_line` values are lines in it.
    public var sourcePath: String?

    /// Creates a result.
    public init(test: DataTest, passed: Bool, failingRows: Int?, detail: String, sql: String,
                sample: QueryResult = QueryResult(columns: [], rows: []), sourcePath: String? = nil) {
        self.test = test
        self.passed = passed
        self.failingRows = failingRows
        self.detail = detail
        self.sql = sql
        self.sample = sample
        self.sourcePath = sourcePath
    }

    /// For a failed test: a diagnostic at the test's line in podium.yaml; for a staging table,
    /// one note per sample row at its line in the source file, with the value.
    public func diagnostic(severity: Diagnostic.Severity) -> Diagnostic? {
        guard !passed else { return nil }
        var notes: [Diagnostic.Note] = []
        let lineIndex = sample.columnIndex(StagingLayout.lineColumn)
        let valueIndex = test.column.flatMap { sample.columnIndex($0) }
        for row in sample.rows {
            let rowText = zip(sample.columns, row).enumerated().filter { $0.offset != lineIndex }
                .map { "\($0.element.0)=\(TextTable.cell($0.element.1))" }.joined(separator: ", ")
            if let sourcePath, let lineIndex, let line = row[lineIndex].number {
                let value = valueIndex.map { "value \(Self.show(row[$0])) in row: " } ?? "row: "
                notes.append(.init(value + rowText, at: .init(file: sourcePath, line: Int(line))))
            } else {
                notes.append(.init("failing row: " + rowText))
            }
        }
        if let failingRows, failingRows > sample.rows.count {
            notes.append(.init("and \(String(counting: failingRows - sample.rows.count, "more failing row"))"))
        }
        return Diagnostic(severity, "data test \(test.name) failed: \(detail)", at: test.location, notes: notes,
                          hint: Self.hint(severity))
    }

    /// What to do about a failed test: with `--strict` (an error) not to use `--strict`.
    static func hint(_ severity: Diagnostic.Severity) -> String {
        severity == .error
            ? "fix the data, or the test in podium.yaml; the failing rows are listed in site/quality.html after a build without --strict"
            : "fix the data, or the test in podium.yaml; `podium build --strict` makes a failed test fail the build"
    }

    private static func show(_ value: Value) -> String {
        if case .text(let text) = value { return StagingError.quoted(text) }
        return TextTable.cell(value)
    }
}
