import Foundation
import PodiumKit

// podium-bench: the scale benchmark (README, "Performance").
//
//   podium-bench generate --scale N --out DIR [--repo DIR] [--seed S]
//   podium-bench stage --project DIR [--repeat K] [--checks]   (staging only, for profilers)
//   podium-bench read-xlsx FILE [--sheet NAME] [--repeat K]   (the XLSX reader alone: rows/s, MB/s)
//   podium-bench run [--scales 1,10,100,1000] [--work DIR] [--repo DIR] [--podium PATH] [--sqlite3 PATH] [--keep]
//   podium-bench edits [--scales 1,10,100] [--runs K] [--edits prose,chart,source] [--work DIR] [--repo DIR] [--podium PATH] [--keep]

func option(_ name: String, in arguments: [String]) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func progress(_ line: String) {
    FileHandle.standardError.write(Data(("# " + line + "\n").utf8))
}

let arguments = Array(CommandLine.arguments.dropFirst())
let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
let repository = option("--repo", in: arguments).map { URL(fileURLWithPath: $0) } ?? current

do {
    switch arguments.first {
    case "generate":
        guard let scale = option("--scale", in: arguments).flatMap(Int.init), scale > 0,
              let out = option("--out", in: arguments)
        else { throw BenchError("usage: podium-bench generate --scale N --out DIR [--repo DIR] [--seed S]") }
        var scaler = TokyoScaler(repository: repository, scale: scale)
        if let seed = option("--seed", in: arguments).flatMap(UInt64.init) { scaler.seed = seed }
        let summary = try scaler.generate(into: URL(fileURLWithPath: out))
        print("wrote \(summary.totalRows) rows (\(summary.athleteRows) athletes), \(summary.csvBytes) bytes of CSV into \(out)")
    case "run":
        let scales = (option("--scales", in: arguments) ?? "1,10,100,1000").split(separator: ",").compactMap { Int($0) }
        let work = URL(fileURLWithPath: option("--work", in: arguments) ?? "/tmp/podium-bench")
        let runner = BenchRunner(
            repository: repository, workDirectory: work,
            podium: option("--podium", in: arguments) ?? repository.appendingPathComponent(".build/release/podium").path,
            sqlite3: option("--sqlite3", in: arguments) ?? "/usr/bin/sqlite3",
            scales: scales, keep: arguments.contains("--keep"))
        let before = Machine.loadAverage()
        let rows = try runner.run(progress: progress)
        print(BenchTable.markdown(rows))
        print("")
        print(Machine.describe(sqlite3: runner.sqlite3, loadBefore: before, loadAfter: Machine.loadAverage()))
    case "edits":
        let scales = (option("--scales", in: arguments) ?? "1,10,100").split(separator: ",").compactMap { Int($0) }
        let runs = option("--runs", in: arguments).flatMap(Int.init) ?? 5
        let bench = EditBench(
            repository: repository, workDirectory: URL(fileURLWithPath: option("--work", in: arguments) ?? "/tmp/podium-bench"),
            podium: option("--podium", in: arguments) ?? repository.appendingPathComponent(".build/release/podium").path,
            scales: scales, runs: max(1, runs), keep: arguments.contains("--keep"),
            edits: Set((option("--edits", in: arguments) ?? "prose,chart,source").split(separator: ",").map(String.init)))
        let before = Machine.loadAverage()
        let rows = try bench.run(progress: progress)
        print(EditBench.markdown(rows, runs: bench.runs))
        print("")
        print(Machine.describe(sqlite3: nil, loadBefore: before, loadAfter: Machine.loadAverage()))
    case "stage":
        guard let project = option("--project", in: arguments).map({ URL(fileURLWithPath: $0) }) else {
            throw BenchError("usage: podium-bench stage --project DIR [--repeat K] [--checks]")
        }
        let runner = BenchRunner(repository: repository, workDirectory: project, podium: "", sqlite3: "", scales: [], keep: true)
        let sources = try ProjectFile.load(root: project).sources
        for _ in 0..<(option("--repeat", in: arguments).flatMap(Int.init) ?? 1) {
            let times = try runner.stage(project, sources, checks: arguments.contains("--checks"))
            print(String(format: "staging %.3f s CPU, models %.3f s CPU", times.load, times.models))
        }
    case "read-xlsx":
        guard arguments.count >= 2 else { throw BenchError("usage: podium-bench read-xlsx FILE [--sheet NAME] [--repeat K]") }
        let path = arguments[1]
        for _ in 0..<(option("--repeat", in: arguments).flatMap(Int.init) ?? 1) {
            let wall = Date()
            let cpu = clock()
            let reader = try XLSXReader(path: path, displayPath: path, sheet: option("--sheet", in: arguments))
            var rows = 0, fieldBytes = 0
            try reader.read { record in
                rows += 1
                for index in 0..<record.count { fieldBytes += record.bytes(of: index).count }
            }
            let seconds = Double(clock() - cpu) / Double(CLOCKS_PER_SEC)
            let fileBytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            print(String(format: "%d rows, %.1f MB file, %.1f MB sheet XML: %.2f s CPU (%.2f s wall), %.0f rows/s, %.1f MB/s of file, %.1f MB/s of XML",
                         rows, Double(fileBytes) / 1e6, Double(reader.sheetBytes) / 1e6, seconds, Date().timeIntervalSince(wall),
                         Double(rows) / seconds, Double(fileBytes) / 1e6 / seconds, Double(reader.sheetBytes) / 1e6 / seconds))
            _ = fieldBytes
        }
    default:
        throw BenchError("usage: podium-bench generate|run|edits …  (see Benchmarks/PodiumBench/main.swift)")
    }
} catch {
    FileHandle.standardError.write(Data("podium-bench: \(error)\n".utf8))
    exit(1)
}
