import Foundation

/// The author's loop: how long a rebuild takes after one edit, at each scale (README,
/// "Performance"). Three edits, each made and built `runs` times (a new edit every time) after
/// one cold build:
///
/// - **prose**: a sentence appended to `pages/medals.md` (no query, no data test should run);
/// - **chart SQL**: a comment added to the SQL of the scale page's line chart (that one query
///   runs; its time is the build's `query` stage, printed beside the build);
/// - **source**: `data/tokyo2021/Medals.csv` rewritten with its last line ending in CRLF or
///   LF in turn (the same rows, another file hash: the medal tables, their tests, profiles and
///   queries are redone).
///
/// Whole `podium build` processes, wall time, median of the runs.
struct EditBench {
    var repository: URL
    var workDirectory: URL
    var podium: String
    var scales: [Int]
    var runs: Int
    var keep: Bool
    /// Which edits to make (`prose`, `chart`, `source`); the others' columns stay empty.
    var edits: Set<String> = ["prose", "chart", "source"]

    /// The medians at one scale, in milliseconds.
    struct Row {
        var scale = 0
        var athleteRows = 0
        var coldMS = 0.0
        var noChangeMS = 0.0
        var proseMS = 0.0
        var chartMS = 0.0
        /// The chart SQL edit's `query` stage (the one query that ran).
        var chartQueryMS = 0.0
        var sourceMS = 0.0
    }

    func run(progress: (String) -> Void) throws -> [Row] {
        var rows: [Row] = []
        for scale in scales {
            let project = workDirectory.appendingPathComponent("tokyo-edit-x\(scale)")
            let summary = try TokyoScaler(repository: repository, scale: scale).generate(into: project)
            try? FileManager.default.removeItem(at: project.appendingPathComponent(".podium"))
            try? FileManager.default.removeItem(at: project.appendingPathComponent("site"))
            var row = Row(scale: scale, athleteRows: summary.athleteRows)
            row.coldMS = try build(project).seconds * 1000
            row.noChangeMS = try build(project).seconds * 1000
            progress("N=\(scale): cold \(Int(row.coldMS)) ms, no change \(Int(row.noChangeMS)) ms")

            let page = project.appendingPathComponent("pages/medals.md")
            let pageText = try String(contentsOf: page, encoding: .utf8)
            let chart = project.appendingPathComponent("pages/scale.md")
            let chartText = try String(contentsOf: chart, encoding: .utf8)
            let medals = project.appendingPathComponent("data/tokyo2021/Medals.csv")
            let medalsText = try String(contentsOf: medals, encoding: .utf8)

            var prose: [Double] = [], chartTimes: [Double] = [], queries: [Double] = [], source: [Double] = []
            for run in 1...runs {
                if edits.contains("prose") {
                    try (pageText + "\nEdited for run \(run) of the benchmark.\n").write(to: page, atomically: true, encoding: .utf8)
                    prose.append(try build(project).seconds * 1000)
                }

                if edits.contains("chart") {
                    let edited = chartText.replacingOccurrences(of: "  order by block\n", with: "  order by block -- run \(run)\n")
                    precondition(edited != chartText, "the scale page's chart SQL changed; update EditBench")
                    try edited.write(to: chart, atomically: true, encoding: .utf8)
                    let chartRun = try build(project)
                    chartTimes.append(chartRun.seconds * 1000)
                    queries.append(BenchRunner.timings(chartRun.output)["query"] ?? 0)
                }

                if edits.contains("source") {
                    let body = medalsText.hasSuffix("\n") ? String(medalsText.dropLast()) : medalsText
                    try (body + (run % 2 == 1 ? "\r\n" : "\n")).write(to: medals, atomically: true, encoding: .utf8)
                    source.append(try build(project).seconds * 1000)
                }
            }
            // An edit left out (`--edits`) shows as 0.
            row.proseMS = Self.median(prose)
            row.chartMS = Self.median(chartTimes)
            row.chartQueryMS = Self.median(queries)
            row.sourceMS = Self.median(source)
            progress("N=\(scale): prose \(Int(row.proseMS)) ms, chart SQL \(Int(row.chartMS)) ms (query \(Int(row.chartQueryMS)) ms), "
                + "source \(Int(row.sourceMS)) ms")
            rows.append(row)
            if !keep { try? FileManager.default.removeItem(at: project) }
        }
        return rows
    }

    /// The table, in Markdown.
    static func markdown(_ rows: [Row], runs: Int) -> String {
        var lines = [
            "| N | athlete rows | cold build ms | no-change ms | prose edit ms | chart SQL edit ms | its query ms | chart edit − query ms | source edit ms |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for row in rows {
            let cells = [String(row.scale), String(row.athleteRows)]
                + [row.coldMS, row.noChangeMS, row.proseMS, row.chartMS, row.chartQueryMS, row.chartMS - row.chartQueryMS, row.sourceMS]
                .map { String(format: "%.1f", $0) }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append("Median of \(runs) runs per edit; whole `podium build` processes, wall time.")
        return lines.joined(separator: "\n")
    }

    private func build(_ project: URL) throws -> ChildProcess.Run {
        let run = try ChildProcess.run([podium, "build", "--timings"], in: project)
        guard run.status == 0 else { throw BenchError("podium build failed in \(project.path):\n\(run.output)") }
        return run
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
