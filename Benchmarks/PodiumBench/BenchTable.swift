import Foundation

/// Formats the benchmark rows as a Markdown table.
enum BenchTable {
    static func markdown(_ rows: [BenchRunner.Row]) -> String {
        let header = ["N", "rows", "CSV MB", "parse MB/s", "parse rows/s", "stage rows/s", "sqlite3 .import rows/s",
                      "stage ÷ sqlite3", "checks ms", "models ms", "query ms", "render ms", "cold build ms", "cold CPU ms",
                      "warm build ms", "peak RSS MiB", "line points"]
        var lines = ["| " + header.joined(separator: " | ") + " |",
                     "|" + header.map { _ in "---:" }.joined(separator: "|") + "|"]
        for row in rows {
            let megabytes = Double(row.bytes) / 1_000_000
            let cells = [
                "\(row.scale)",
                count(Double(row.rows)),
                String(format: "%.1f", megabytes),
                String(format: "%.0f", megabytes / row.parseSeconds),
                count(Double(row.rows) / row.parseSeconds),
                count(Double(row.rows) / row.loadSeconds),
                count(Double(row.rows) / row.sqliteSeconds),
                String(format: "%.2f×", row.sqliteSeconds / row.loadSeconds),
                milliseconds(row.checksSeconds * 1000),
                milliseconds(row.modelSeconds * 1000),
                row.queryMS.map(milliseconds) ?? "–",
                row.renderMS.map(milliseconds) ?? "–",
                milliseconds(row.coldSeconds * 1000),
                milliseconds(row.coldCPUSeconds * 1000),
                milliseconds(row.warmSeconds * 1000),
                "\(row.peakRSS / 1_048_576)",
                count(Double(row.lineRows)),
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    /// 11085 → `11.1 k`, 2310000 → `2.31 M`.
    static func count(_ value: Double) -> String {
        if value >= 1e6 { return String(format: "%.2f M", value / 1e6) }
        if value >= 1e3 { return String(format: "%.1f k", value / 1e3) }
        return String(format: "%.0f", value)
    }

    static func milliseconds(_ value: Double) -> String {
        value >= 100 ? String(format: "%.0f", value) : String(format: "%.1f", value)
    }
}

/// The machine the benchmark ran on.
enum Machine {
    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?")
            .split(separator: " ").prefix(3).joined(separator: " ")
    }

    static func describe(sqlite3: String?, loadBefore: String, loadAfter: String) -> String {
        let cpu = ((try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? "")
            .split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "unknown CPU"
        let memory = ((try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? "")
            .split(separator: "\n").first { $0.hasPrefix("MemTotal") }
            .map { $0.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { "\($0 / 1_048_576) GiB" } ?? "" } ?? ""
        var name = utsname()
        uname(&name)
        let kernel = withUnsafePointer(to: &name.release) { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
        let sqliteVersion = sqlite3.flatMap { try? ChildProcess.run([$0, "--version"], in: URL(fileURLWithPath: "/")).output
            .split(separator: " ").first.map(String.init) } ?? "?"
        return """
            Machine: \(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(memory), Linux \(kernel)\
            \(sqlite3 == nil ? "" : "; sqlite3 shell \(sqliteVersion)"). Load average before / after: \(loadBefore) / \(loadAfter).
            """
    }
}
