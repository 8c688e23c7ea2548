/// What a successful build did. Produced by `Podium.build(_:)`.
public struct BuildReport: Sendable {
    /// One pipeline stage, its wall time in seconds, and the process's peak resident memory
    /// when it ended (Linux's VmHWM; nil where unknown, and for stages timed on another thread).
    public struct StageTiming: Sendable {
        public var stage: String
        public var seconds: Double
        public var peakMemoryBytes: Int?

        public init(stage: String, seconds: Double, peakMemoryBytes: Int? = nil) {
            self.stage = stage
            self.seconds = seconds
            self.peakMemoryBytes = peakMemoryBytes
        }
    }

    /// Whether one table, result or output file was reused or made anew, and why.
    public struct Explanation: Sendable, Equatable, CustomStringConvertible {
        /// What kind of thing the explanation is about.
        public enum Kind: String, Sendable { case table, test, profile, result, file }
        /// What the build did with it.
        public enum Status: String, Sendable { case fresh, rebuilt, removed }

        public var kind: Kind
        public var name: String
        public var status: Status
        /// Why it was rebuilt or removed (nil when fresh).
        public var reason: String?

        /// `[rebuilt] table src_medals: data/tokyo2021/Medals.csv changed`
        public var description: String {
            "[\(status.rawValue)] \(kind.rawValue) \(name)" + (reason.map { ": \($0)" } ?? "")
        }
    }

    public var pages: Int = 0
    /// Chart blocks drawn as charts, table blocks and KPI blocks, over every page.
    public var charts: Int = 0
    public var tableBlocks: Int = 0
    public var kpiBlocks: Int = 0
    public var tables: Int = 0
    public var files: Int = 0
    /// Output files written (added or changed) and removed by this build.
    public var written: Int = 0
    public var removed: Int = 0
    /// Whether those few files were published in place, renamed one by one into the old output
    /// folder, rather than the whole folder swapped (see ``SiteWriter``).
    public var publishedInPlace = false
    /// Chart queries actually run (the others were served from the result cache).
    public var queriesRun: Int = 0
    /// Pages rendered by this build; the others kept the last build's files (their inputs were the same).
    public var pagesRendered: Int = 0
    /// The output folder, relative to the project root.
    public var output: String = ""
    public var timings: [StageTiming] = []
    /// For every table, result and output file: fresh or rebuilt, and why.
    public var explanations: [Explanation] = []
    /// Warnings found on the way (errors stop the build instead).
    public var warnings: [Diagnostic] = []
    /// How many data tests passed and failed (run or reused); nil when unknown (a build with
    /// nothing to do after one by an older podium).
    public var dataTests: (passed: Int, failed: Int)?
    /// Data tests actually run (the others' results were reused from the cache).
    public var testsRun: Int = 0

    /// Tables re-staged or re-run by this build.
    public var tablesRebuilt: Int {
        explanations.count { $0.kind == .table && $0.status == .rebuilt }
    }

    /// The line `podium build` ends with, documented in README ("The command line"): sections
    /// `name: counts` separated by `; `, every count present (zero too) and its noun pluralized.
    /// Later sections may be added at the end; existing ones keep their form.
    ///
    /// `built site/: 4 pages, 6 charts, 1 table block, 1 KPI block, 33 files; data tests: 59 passed, 0 failed;
    /// rebuilt: 12 tables, 6 queries, 59 data tests; files: 33 written, 0 removed; pages: 4 rendered, 0 kept`.
    /// Table and KPI blocks are
    /// counted only when there are some; `(reused)` after the test counts says no test ran (all
    /// results came from the cache), `(N reused)` that N of them did not.
    public var summary: String {
        var tests = "not run"
        if let dataTests {
            let total = dataTests.passed + dataTests.failed, reused = max(0, total - testsRun)
            tests = "\(dataTests.passed) passed, \(dataTests.failed) failed"
                + (reused == 0 ? "" : reused == total ? " (reused)" : " (\(reused) reused)")
        }
        var blocks = [String(counting: pages, "page"), String(counting: charts, "chart")]
        if tableBlocks > 0 { blocks.append(String(counting: tableBlocks, "table block")) }
        if kpiBlocks > 0 { blocks.append(String(counting: kpiBlocks, "KPI block")) }
        blocks.append(String(counting: files, "file"))
        return "built \(output)/: \(blocks.joined(separator: ", ")); data tests: \(tests); "
            + "rebuilt: \(String(counting: tablesRebuilt, "table")), \(String(counting: queriesRun, "query", plural: "queries")), "
            + "\(String(counting: testsRun, "data test")); files: \(written) written, \(removed) removed; "
            + "pages: \(pagesRendered) rendered, \(pages - pagesRendered) kept"
    }

    /// Adds the data tests' outcome: their counts, and a warning per failed test.
    mutating func record(_ quality: QualityReport) {
        let failed = quality.results.count { !$0.passed }
        dataTests = (quality.results.count - failed, failed)
        testsRun = quality.testsRun
        warnings += quality.warnings
        explanations += quality.explanations
    }
}
