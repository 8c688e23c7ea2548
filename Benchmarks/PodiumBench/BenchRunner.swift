import Foundation
import PodiumKit

/// Generates the scaled projects and measures each stage, in process (parse, staging, models)
/// and as whole `podium build` processes (cold and warm builds, query and render times, peak
/// memory), with the `sqlite3` shell's CSV import of the same files as the reference.
struct BenchRunner {
    var repository: URL
    var workDirectory: URL
    var podium: String
    var sqlite3: String
    var scales: [Int]
    var keep: Bool

    /// One row of the table. Parse, staging, sqlite3 and model times are CPU times (best of the
    /// repeats); build times are wall times of whole `podium build` processes.
    struct Row {
        var scale = 0
        var rows = 0
        var athleteRows = 0
        var bytes = 0
        var parseSeconds = 0.0
        var loadSeconds = 0.0
        var sqliteSeconds = 0.0
        var checksSeconds = 0.0
        var modelSeconds = 0.0
        var queryMS: Double?
        var renderMS: Double?
        var coldSeconds = 0.0
        var coldCPUSeconds = 0.0
        var warmSeconds = 0.0
        var peakRSS = 0
        var lineRows = 0
    }

    /// Runs the benchmark for every scale; returns the rows in order.
    func run(progress: (String) -> Void) throws -> [Row] {
        var rows: [Row] = []
        for scale in scales {
            let project = workDirectory.appendingPathComponent("tokyo-x\(scale)")
            let clock = Clock()
            let summary = try TokyoScaler(repository: repository, scale: scale).generate(into: project)
            progress("N=\(scale): generated \(summary.totalRows) rows, \(summary.csvBytes / 1_000_000) MB in "
                + "\(String(format: "%.1f", clock.seconds)) s at \(project.path)")
            var row = Row(scale: scale, rows: summary.totalRows, athleteRows: summary.athleteRows, bytes: summary.csvBytes)
            let repeats = scale <= 10 ? 5 : scale <= 100 ? 2 : 1
            let spec = try ProjectFile.load(root: project)

            row.parseSeconds = try best(repeats) { try parse(project, spec.sources) }
            progress("N=\(scale): parse \(format(seconds: row.parseSeconds))")
            row.sqliteSeconds = try best(repeats) { try sqliteImport(project, spec.sources) }
            progress("N=\(scale): sqlite3 .import \(format(seconds: row.sqliteSeconds))")
            row.loadSeconds = try best(repeats) { try stage(project, spec.sources, checks: false).load }
            progress("N=\(scale): staging load \(format(seconds: row.loadSeconds))")
            let full = try stage(project, spec.sources, checks: true)
            row.checksSeconds = full.load - row.loadSeconds
            row.modelSeconds = full.models
            progress("N=\(scale): staging with checks \(format(seconds: full.load)), models \(format(seconds: full.models))")

            var cold = Double.infinity, warm = Double.infinity, coldCPU = Double.infinity
            for _ in 0..<repeats {
                try? FileManager.default.removeItem(at: project.appendingPathComponent(".podium"))
                try? FileManager.default.removeItem(at: project.appendingPathComponent("site"))
                let first = try build(project)
                let second = try build(project)
                coldCPU = min(coldCPU, first.cpuSeconds)
                if first.seconds < cold {
                    cold = first.seconds
                    let timings = Self.timings(first.output)
                    row.queryMS = timings["query"]
                    row.renderMS = timings["render"]
                }
                warm = min(warm, second.seconds)
                row.peakRSS = max(row.peakRSS, first.peakRSS, second.peakRSS)
            }
            row.coldSeconds = cold
            row.coldCPUSeconds = coldCPU
            row.warmSeconds = warm
            row.lineRows = try lineRows(project)
            progress("N=\(scale): cold build \(format(seconds: cold)) (CPU \(format(seconds: coldCPU))), warm \(format(seconds: warm)), "
                + "peak RSS \(row.peakRSS / 1_048_576) MiB")
            rows.append(row)
            if !keep { try? FileManager.default.removeItem(at: project) }
        }
        return rows
    }

    // MARK: - Measurements

    /// Reads every source with `CSVReader`, touching each field's bytes.
    private func parse(_ project: URL, _ sources: [SourceSpec]) throws -> Double {
        let clock = Clock()
        var fields = 0
        for source in sources {
            try CSVReader(path: project.appendingPathComponent(source.path).path, displayPath: source.path).read {
                fields += $0.count
            }
        }
        precondition(fields > 0)
        return clock.cpuSeconds
    }

    /// The sqlite3 shell imports every source into a new file (journal and sync off).
    private func sqliteImport(_ project: URL, _ sources: [SourceSpec]) throws -> Double {
        let database = project.appendingPathComponent(".podium/sqlite3-reference.sqlite")
        try FileManager.default.createDirectory(at: database.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: database)
        defer { try? FileManager.default.removeItem(at: database) }
        let script = ["PRAGMA journal_mode=OFF;", "PRAGMA synchronous=OFF;", ".mode csv"]
            + sources.map { ".import \(ChildProcess.shellQuote($0.path)) \($0.name)" }
        let run = try ChildProcess.run([sqlite3, database.path], in: project, input: script.joined(separator: "\n") + "\n")
        guard run.status == 0, !run.output.contains("Error") else { throw BenchError("sqlite3 failed:\n\(run.output)") }
        return run.cpuSeconds
    }

    /// Stages the sources into a new file with the warehouse's pragmas; with `checks`, also
    /// checks keys and references and runs the models.
    func stage(_ project: URL, _ sources: [SourceSpec], checks: Bool) throws -> (load: Double, models: Double) {
        let path = project.appendingPathComponent(".podium/bench-staging.sqlite")
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let database = try SQLiteDatabase(path: path.path)
        try database.execute(ProcessInfo.processInfo.environment["PODIUM_BENCH_PRAGMAS"] ?? Self.warehousePragmas)
        let plain = sources.map { SourceSpec(name: $0.name, path: $0.path, columns: $0.columns) }
        var clock = Clock()
        _ = try Staging(projectRoot: project, sources: checks ? sources : plain).load(into: database)
        let load = clock.cpuSeconds
        guard checks else { return (load, 0) }
        let found = try Models.discover(directory: project.appendingPathComponent("models"), displayDirectory: "models",
                                        knownTables: Set(sources.map(\.tableName)))
        clock = Clock()
        try Models.run(Self.ordered(found), in: database)
        return (load, clock.cpuSeconds)
    }

    private func build(_ project: URL) throws -> ChildProcess.Run {
        let run = try ChildProcess.run([podium, "build", "--timings"], in: project)
        guard run.status == 0 else { throw BenchError("podium build failed in \(project.path):\n\(run.output)") }
        return run
    }

    /// The number of rows behind the scale page's line chart.
    private func lineRows(_ project: URL) throws -> Int {
        let database = try SQLiteDatabase(path: project.appendingPathComponent(".podium/warehouse.sqlite").path, mode: .readOnly)
        return Int(try database.scalar("select count(distinct source_line / 100) from fact_athlete_entry").number ?? 0)
    }

    // MARK: - Helpers

    /// The pragmas `WarehouseBuilder` sets.
    static let warehousePragmas = """
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        PRAGMA cache_size = -8192;
        """

    /// Models in dependency order (ties by name).
    static func ordered(_ models: [ModelSpec]) -> [ModelSpec] {
        var done: Set<String> = []
        var left = models.sorted { $0.name < $1.name }
        var result: [ModelSpec] = []
        let names = Set(models.map(\.name))
        while let next = left.firstIndex(where: { $0.dependencies.allSatisfy { !names.contains($0) || done.contains($0) } }) {
            done.insert(left[next].name)
            result.append(left.remove(at: next))
        }
        return result + left
    }

    /// Stage times from `podium build --timings` output: lines `<stage>  <number> ms`, perhaps
    /// followed by `peak <number> MiB`.
    static func timings(_ output: String) -> [String: Double] {
        var result: [String: Double] = [:]
        for line in output.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard let ms = words.firstIndex(of: "ms"), ms >= 2, let value = Double(words[ms - 1]) else { continue }
            result[words[..<(ms - 1)].joined(separator: " ")] = value
        }
        return result
    }

    private func best(_ repeats: Int, _ body: () throws -> Double) throws -> Double {
        var best = Double.infinity
        for _ in 0..<repeats { best = min(best, try body()) }
        return best
    }

    private func format(seconds: Double) -> String { String(format: "%.3f s", seconds) }
}

/// Wall time and this process's CPU time since creation. On a shared machine the CPU time is
/// the steadier measure of work; the wall time includes waiting for a core.
struct Clock {
    private let start = DispatchTime.now().uptimeNanoseconds
    private let startCPU = Clock.cpuNow()

    /// Wall seconds since creation.
    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
    /// CPU seconds (user + system, all threads) since creation.
    var cpuSeconds: Double { Clock.cpuNow() - startCPU }

    private static func cpuNow() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
