import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// `podium build` killed with SIGKILL at any moment loses nothing: `site/` is exactly the old
/// or exactly the new site, the warehouse exactly the old or the new one, and the next build
/// succeeds and is correct.
///
/// The project is the Tokyo one with Athletes.csv scaled up (every row repeated with a suffix on
/// the name). Two variants, A and B, differ in data and in a page; the test flips the inputs
/// between them and kills builds after random delays (seeded), and also the moment a temporary
/// output folder appears (the publish window).
///
/// The short version (CI) scales ×5 and kills 4 times; `PODIUM_KILL_TEST_LONG=1` scales ×50
/// and kills 40 times.
@Suite(.serialized) struct KillTests {
    struct Settings {
        var scale: Int
        var kills: Int
        static var current: Settings {
            ProcessInfo.processInfo.environment["PODIUM_KILL_TEST_LONG"] == "1"
                ? Settings(scale: 50, kills: 40) : Settings(scale: 5, kills: 4)
        }
    }

    /// Each variant's inputs and what a complete build of them publishes.
    struct Variant {
        var athletes: Data
        var index: String
        var site: [String: Data] = [:]
        /// Every table of the warehouse, dumped as text (incremental builds lay pages out
        /// differently, so the content is compared, not the bytes).
        var warehouse = ""
    }

    @Test func killedBuildsLoseNothing() throws {
        let settings = Settings.current
        var random = SplitMix64(seed: 2021)
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let athletes = try Data(contentsOf: project.appendingPathComponent("data/tokyo2021/Athletes.csv"))
        let index = try read("pages/index.md", in: project)
        var variants = [
            Variant(athletes: try Self.scaled(athletes, times: settings.scale, random: &random), index: index),
            Variant(athletes: try Self.scaled(athletes, times: settings.scale - 1, random: &random),
                    index: index + "\nThis page was rebuilt.\n"),
        ]

        // Reference builds, each in a fresh copy, timed.
        var duration = 0.0
        for number in variants.indices {
            let reference = try copyTokyoProject()
            defer { try? FileManager.default.removeItem(at: reference) }
            try Self.apply(variants[number], to: reference)
            let start = Date()
            let exit = try ChildProcess(podiumExecutable().path, ["build", "--project", reference.path]).wait()
            duration = max(duration, Date().timeIntervalSince(start))
            #expect(exit.status == 0, "reference build \(number) failed")
            variants[number].site = try readTree(reference.appendingPathComponent("site"))
            variants[number].warehouse = try Self.dump(reference.appendingPathComponent(".podium/warehouse.sqlite"))
        }
        #expect(variants[0].site != variants[1].site)
        #expect(variants[0].site.count > 20)

        try Self.apply(variants[0], to: project)
        _ = try Podium.build(BuildOptions(projectRoot: project))
        var outcomes: [String] = []
        var killed = 0
        for kill in 0..<settings.kills {
            // Build the variant the site is not showing, so the build has something to publish.
            let current = try readTree(project.appendingPathComponent("site"))
            let target = current == variants[0].site ? variants[1] : variants[0]
            try Self.apply(target, to: project)
            let child = try ChildProcess(podiumExecutable().path, ["build", "--project", project.path])
            if kill % 2 == 1 {
                // Kill the moment publishing starts: a temporary output folder appears.
                let deadline = Date().addingTimeInterval(duration * 3 + 5)
                while Date() < deadline, !child.hasExited(), !Self.publishing(project) { usleep(100) }
                outcomes.append("at publish")
            } else {
                let delay = duration * Double(random.next() % 1000) / 1000 * 1.1
                usleep(UInt32(delay * 1_000_000))
                outcomes.append(String(format: "after %.2fs", delay))
            }
            child.send(SIGKILL)
            let exit = child.wait()
            outcomes[outcomes.count - 1] += exit.signal == SIGKILL ? " (killed)" : " (had finished: \(exit.status ?? -1))"
            if exit.signal == SIGKILL { killed += 1 }

            let site = try readTree(project.appendingPathComponent("site"))
            #expect(site == variants[0].site || site == variants[1].site,
                    "kill \(kill) \(outcomes.last!): site/ is neither the old nor the new site (\(Self.difference(site, variants)))")
            let warehouse = try Self.dump(project.appendingPathComponent(".podium/warehouse.sqlite"))
            #expect(warehouse == variants[0].warehouse || warehouse == variants[1].warehouse,
                    "kill \(kill) \(outcomes.last!): the warehouse is neither the old nor the new one")
        }

        #expect(killed * 2 >= settings.kills, "most builds finished before the kill: \(outcomes)")

        // The next builds succeed and are correct, for either variant.
        for number in [1, 0] {
            try Self.apply(variants[number], to: project)
            let exit = try ChildProcess(podiumExecutable().path, ["build", "--project", project.path]).wait()
            #expect(exit.status == 0, "the build after the kills failed")
            #expect(try readTree(project.appendingPathComponent("site")) == variants[number].site,
                    "the build after the kills published the wrong site (kills: \(outcomes))")
            #expect(try Self.dump(project.appendingPathComponent(".podium/warehouse.sqlite")) == variants[number].warehouse)
        }
        // What killed builds left beside site/ and the warehouse (site.tmp-*, site.old-*, warehouse
        // temporaries, half-written cache files .state.json.tmp-<pid>) is removed by the next build.
        let cache = project.appendingPathComponent(".podium")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.path).filter { $0.contains(".tmp-") || $0.contains(".old-") }
            + FileManager.default.contentsOfDirectory(atPath: cache.path)
            .filter { $0.hasSuffix(".tmp") || $0.hasSuffix(".next") || $0.contains(".tmp-") }
            + FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("results").path)
            .filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "killed builds' leftovers were not removed by the next build: \(leftovers)")
    }

    // MARK: - Helpers

    /// The warehouse's tables and rows as text, in a stable order.
    static func dump(_ file: URL) throws -> String {
        let database = try SQLiteDatabase(path: file.path, mode: .readOnly)
        defer { try? database.close() }
        var text = ""
        for table in try database.tableNames() {
            let result = try database.query("SELECT * FROM \(SQLName.quoted(table)) ORDER BY rowid")
            text += "## \(table) \(result.columns)\n"
            for row in result.rows { text += row.map(\.text).joined(separator: "\u{1F}") + "\n" }
        }
        return text
    }

    /// Athletes.csv with every data row repeated `times` times; copies after the first get a
    /// suffix on the name (seeded, so the data is the same on every run).
    static func scaled(_ data: Data, times: Int, random: inout SplitMix64) throws -> Data {
        var records: [[String]] = []
        try CSVReader(bytes: Array(data), displayPath: "Athletes.csv").read { records.append($0.strings) }
        func line(_ fields: [String]) -> String {
            fields.map { field in
                field.contains(",") || field.contains("\"") ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",")
        }
        var out = line(records[0]) + "\n"
        for copy in 0..<times {
            for record in records.dropFirst() {
                var fields = record
                if copy > 0 { fields[0] += " \(copy)-\(random.next() % 100_000)" }
                out += line(fields) + "\n"
            }
        }
        return Data(out.utf8)
    }

    static func apply(_ variant: Variant, to project: URL) throws {
        try variant.athletes.write(to: project.appendingPathComponent("data/tokyo2021/Athletes.csv"))
        try write(variant.index, to: "pages/index.md", in: project)
    }

    static func publishing(_ project: URL) -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: project.path)) ?? []
        return names.contains { $0.hasPrefix("site.tmp-") || $0.hasPrefix("site.old-") }
    }

    /// A short description of how `site` differs from the closest variant.
    static func difference(_ site: [String: Data], _ variants: [Variant]) -> String {
        let closest = variants.min { a, b in
            site.keys.filter { site[$0] != a.site[$0] }.count < site.keys.filter { site[$0] != b.site[$0] }.count
        }!
        let missing = Set(closest.site.keys).subtracting(site.keys).sorted().prefix(5)
        let changed = site.keys.filter { closest.site[$0] != nil && closest.site[$0] != site[$0] }.sorted().prefix(5)
        return "\(site.count) files; missing \(Array(missing)); differing \(Array(changed))"
    }
}
