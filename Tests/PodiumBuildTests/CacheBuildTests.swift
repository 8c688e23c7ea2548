import Synchronization
import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// The cache: a no-change build does nothing, a change rebuilds exactly what depends on it, and a
/// damaged cache is rebuilt, never served.
@Suite struct CacheBuildTests {
    private func build(_ project: URL) throws -> BuildReport {
        try Podium.build(BuildOptions(projectRoot: project))
    }

    /// Output path → modification time (ns), for every file of the site.
    private func mtimes(_ project: URL) throws -> [String: Int64] {
        let site = project.appendingPathComponent("site")
        var times: [String: Int64] = [:]
        for path in try readTree(site).keys {
            times[path] = FileStamp.stat(site.appendingPathComponent(path).path)?.modified
        }
        return times
    }

    private func rebuilt(_ report: BuildReport, _ kind: BuildReport.Explanation.Kind) -> [String] {
        report.explanations.filter { $0.kind == kind && $0.status != .fresh }.map(\.name).sorted()
    }

    @Test func noChangeRebuildRunsNoQueryAndRewritesNoFile() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let cold = try build(project)
        // 6 charts, 1 table, 31 named queries of the pages, a kpi block's two; delegation.md's `each` query,
        // then per delegation (206) its chart, table and kpi block
        #expect(cold.queriesRun == 40 + 1 + 206 * 3)
        let before = try mtimes(project)
        let warm = try build(project)
        #expect(warm.queriesRun == 0)
        #expect(warm.timings.map(\.stage) == ["check (quick)"], "the quick check did not decide: \(warm.timings.map(\.stage))")
        #expect(warm.written == 0 && warm.removed == 0)
        #expect(warm.explanations.allSatisfy { $0.status == .fresh })
        #expect(warm.explanations.count == cold.explanations.count)
        #expect(try mtimes(project) == before)
    }

    @Test func changingOnePageRewritesOnlyThatPage() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        let before = try mtimes(project)
        let page = try read("pages/coaches.md", in: project)
        try write(page + "\nOne more sentence.\n", to: "pages/coaches.md", in: project)
        let report = try build(project)
        #expect(rebuilt(report, .file) == ["coaches.html"])
        #expect(report.explanations.contains { $0.description == "[rebuilt] file coaches.html: pages/coaches.md changed" })
        #expect(rebuilt(report, .table).isEmpty)
        #expect(rebuilt(report, .result).isEmpty)
        #expect(report.queriesRun == 0)
        let after = try mtimes(project)
        #expect(after.filter { $0.value != before[$0.key] }.keys.sorted() == ["coaches.html"])
        #expect(try read("site/coaches.html", in: project).contains("One more sentence."))
    }

    /// Output path → inode, for every file of the site.
    private func inodes(_ project: URL) throws -> [String: UInt64] {
        let site = project.appendingPathComponent("site")
        var found: [String: UInt64] = [:]
        for file in DirectoryWalk.files(under: site.path, skipHidden: false) ?? [] { found[file.relative] = file.inode }
        return found
    }

    /// A prose edit publishes its one file in place: the other 2,000-odd files are not even
    /// linked again (same inode, same mtime), and no temporary is left in the site.
    @Test func aProseEditIsPublishedInPlace() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        let (timesBefore, inodesBefore) = (try mtimes(project), try inodes(project))
        try write(try read("pages/medals.md", in: project) + "\nOne more sentence.\n", to: "pages/medals.md", in: project)
        let report = try build(project)
        #expect(report.written == 1 && report.removed == 0)
        #expect(report.publishedInPlace)
        let (timesAfter, inodesAfter) = (try mtimes(project), try inodes(project))
        #expect(inodesAfter.keys.sorted() == inodesBefore.keys.sorted(), "no temporary left")
        #expect(inodesBefore.filter { inodesAfter[$0.key] != $0.value }.keys.sorted() == ["medals.html"])
        #expect(timesBefore.filter { timesAfter[$0.key] != $0.value }.keys.sorted() == ["medals.html"])
        #expect(try read("site/medals.html", in: project).contains("One more sentence."))
    }

    /// After a series of edits, each published in place or swapped as its size says, the site is
    /// byte for byte what a cold build of the same project writes.
    @Test func editsInPlaceEndAsAColdBuild() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        var inPlace: [Bool] = []
        // Prose; a new page (and the navigation of every page: a swap); a chart's SQL; the page removed.
        try write(try read("pages/medals.md", in: project) + "\nOne more sentence.\n", to: "pages/medals.md", in: project)
        inPlace.append(try build(project).publishedInPlace)
        try write("---\ntitle: Notes\n---\n# Notes\n\nA page.\n", to: "pages/notes.md", in: project)
        inPlace.append(try build(project).publishedInPlace)
        let coaches = try read("pages/coaches.md", in: project)
        #expect(coaches.contains("  limit 15\nx: country\n"))
        try write(coaches.replacingOccurrences(of: "  limit 15\nx: country\n", with: "  limit 15 -- edited\nx: country\n"),
                  to: "pages/coaches.md", in: project)
        let chartEdit = try build(project)
        #expect(chartEdit.queriesRun == 1)
        inPlace.append(chartEdit.publishedInPlace)
        try FileManager.default.removeItem(at: project.appendingPathComponent("pages/notes.md"))
        inPlace.append(try build(project).publishedInPlace)
        #expect(inPlace == [true, false, true, false])

        let cold = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: cold) }
        for path in ["pages/medals.md", "pages/coaches.md"] {
            try write(try read(path, in: project), to: path, in: cold)
        }
        _ = try build(cold)
        #expect(try readTree(project.appendingPathComponent("site")) == readTree(cold.appendingPathComponent("site")))
    }

    /// A table block's query is cached like a chart's: editing how the table shows its rows
    /// (`limit`, prose around it) rewrites its page and embed page but re-runs no query.
    @Test func editingATableBlockRunsNoQuery() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        let page = try read("pages/medals.md", in: project)
        #expect(page.contains("limit: 15\n"))
        try write(page.replacingOccurrences(of: "limit: 15\n", with: "limit: 10\n") + "\nOne more sentence.\n",
                  to: "pages/medals.md", in: project)
        let report = try build(project)
        #expect(report.queriesRun == 0)
        #expect(rebuilt(report, .result).isEmpty)
        #expect(rebuilt(report, .file) == ["embed/medal-table.html", "medals.html"])
        #expect(try read("site/medals.html", in: project).contains("Showing 10 of 93 rows"))
    }

    /// A build killed while writing a cache file leaves `.<name>.tmp-<pid>` behind; the next build
    /// that does any work removes it (and never reads it).
    @Test func halfWrittenCacheFilesAreRemovedByTheNextBuild() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        let leftovers = [".podium/.state.json.tmp-999999", ".podium/results/.abc.tmp-999999"]
        for path in leftovers { try write("half", to: path, in: project) }
        try write(try read("pages/coaches.md", in: project) + "\nMore.\n", to: "pages/coaches.md", in: project)
        _ = try build(project)
        for path in leftovers {
            #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent(path).path), "\(path)")
        }
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent(".podium/state.json").path))
    }

    @Test func changingMedalsRebuildsExactlyTheMedalCharts() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        let before = try mtimes(project)
        let medals = try read("data/tokyo2021/Medals.csv", in: project)
        try write(medals.replacingOccurrences(of: "1,United States of America,39,41,33,113,1",
                                              with: "1,United States of America,40,41,33,114,1"),
                  to: "data/tokyo2021/Medals.csv", in: project)
        let report = try build(project)
        #expect(rebuilt(report, .table) == ["fact_medal_tally", "src_medals"])
        #expect(report.explanations.contains { $0.description == "[rebuilt] table src_medals: data/tokyo2021/Medals.csv changed" })
        // The named queries reading the medal table re-run (index.md's `medals`, medals.md's);
        // the others (index.md's `entries` and `teams`, all of coaches.md's …) do not.
        let named = ["index.medals", "medals.by_total", "medals.fit", "medals.gap", "medals.host", "medals.lead",
                     "medals.per_athlete", "medals.table", "medals.tie"]
        // index.md's kpi block counts medals, so its `sql` re-runs; its `series` (athletes only) does not.
        // Each delegation page's kpi block reads the medal table (so it re-runs, 206 times); its chart
        // and table (athletes and coaches) do not, nor does the `each` query.
        let delegations = try read("site/delegation.html", in: project).components(separatedBy: "href=\"delegation/").dropFirst()
            .map { "kpi:delegation-figures--" + $0.prefix { $0 != "." } }
        #expect(delegations.count == 206)
        #expect(rebuilt(report, .result) == (named + delegations + ["kpi:games-in-numbers", "medal-table", "medals-top15", "medals-vs-athletes"]).sorted())
        #expect(report.queriesRun == 13 + 206)
        // Of the delegation pages, only the United States' changes.
        let expected = ["catalog.html", "charts/medals-top15.svg", "charts/medals-vs-athletes.svg",
                        "data/delegation-figures--united-states-of-america.csv", "data/delegation-figures--united-states-of-america.json",
                        "data/games-in-numbers.csv",
                        "data/games-in-numbers.json", "data/medal-table.csv", "data/medal-table.json", "data/medals-top15.csv",
                        "data/medals-top15.json", "data/medals-vs-athletes.csv", "data/medals-vs-athletes.json",
                        "delegation/united-states-of-america.html", "embed/delegation-figures--united-states-of-america.html",
                        "embed/games-in-numbers.html", "embed/medal-table.html", "embed/medals-top15.html",
                        "embed/medals-vs-athletes.html", "index.html", "medals.html"]
        #expect(rebuilt(report, .file) == expected)
        #expect(report.explanations.contains { $0.description == "[rebuilt] file catalog.html: table fact_medal_tally changed, table src_medals changed" })
        let after = try mtimes(project)
        #expect(after.filter { $0.value != before[$0.key] }.keys.sorted() == expected)
        #expect(try read("site/data/medals-top15.csv", in: project).contains("United States of America,40,41,33"))
        #expect(report.explanations.contains { $0.description == "[rebuilt] file index.html: result index.medals changed, result kpi:games-in-numbers changed" })
        #expect(try read("site/index.html", in: project).contains("<strong>1,081 medals</strong> were awarded —\n341 gold"))
        #expect(try read("site/medals.html", in: project).contains("topped the medal table with <strong>40 gold</strong>"))
    }

    @Test func changingATemplateRebuildsThePagesButNoQuery() throws {
        let project = try SmallProject.make()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        try write("<footer>new footer</footer>\n", to: "templates/footer.mustache", in: project)
        let report = try build(project)
        #expect(rebuilt(report, .file) == ["catalog.html", "index.html", "quality.html", "trend.html"])
        #expect(report.explanations.contains { $0.description == "[rebuilt] file index.html: new file" } == false)
        #expect(report.explanations.contains { $0.reason == "template footer.mustache changed" })
        #expect(report.queriesRun == 0)
    }

    @Test func cleanThenBuildGivesByteIdenticalOutput() throws {
        let project = try SmallProject.make()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        let site = try readTree(project.appendingPathComponent("site"))
        let removed = try Podium.clean(projectRoot: project)
        #expect(removed.contains(".podium/warehouse.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent(".podium/state.json").path))
        let report = try build(project)
        #expect(report.queriesRun == 2)
        #expect(report.written == 0)
        #expect(try readTree(project.appendingPathComponent("site")) == site)
    }

    @Test func damagedResultIsRebuiltNotServed() throws {
        let project = try SmallProject.make()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        let site = try readTree(project.appendingPathComponent("site"))
        let results = project.appendingPathComponent(".podium/results")
        for name in try FileManager.default.contentsOfDirectory(atPath: results.path) {
            // Keep the header, change a value: the checksum no longer matches.
            let url = results.appendingPathComponent(name)
            let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "i:38", with: "i:99")
            try Data(text.utf8).write(to: url)
        }
        try write("x", to: "pages/trend.md.bak", in: project)  // unrelated file: not an input
        // A page kept from the last build reads none of its results: edit the medals chart's page.
        try write(try read("pages/index.md", in: project) + "\n", to: "pages/index.md", in: project)
        let report = try build(project)
        #expect(report.explanations.contains { $0.kind == .result && $0.name == "medals" && $0.reason == "cached result missing or damaged" })
        #expect(try read("site/data/medals.csv", in: project).contains("People's Republic of China,38,32"))
        #expect(try readTree(project.appendingPathComponent("site"))["data/medals.csv"] == site["data/medals.csv"])
    }

    @Test func damagedStateStartsCold() throws {
        let project = try SmallProject.make()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        let site = try readTree(project.appendingPathComponent("site"))
        let state = project.appendingPathComponent(".podium/state.json")
        let data = try Data(contentsOf: state)
        try data.prefix(data.count / 2).write(to: state)  // truncated, as by a full disk
        let report = try build(project)
        #expect(report.queriesRun == 2)
        #expect(rebuilt(report, .table).count == 2)
        #expect(try readTree(project.appendingPathComponent("site")) == site)
    }

    @Test func warehouseEditedByHandIsRebuilt() throws {
        let project = try SmallProject.make()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        let warehouse = project.appendingPathComponent(".podium/warehouse.sqlite").path
        let database = try SQLiteDatabase(path: warehouse)
        try database.execute("DELETE FROM medal_summary")
        try database.close()
        let report = try build(project)
        #expect(report.explanations.contains {
            $0.kind == .table && $0.reason == "the warehouse file is missing or was changed outside podium"
        })
        #expect(try read("site/data/medals.csv", in: project).contains("People's Republic of China,38,32"))
    }

    @Test func anotherPodiumBinaryTakesTheFullCheck() throws {
        let project = try SmallProject.make()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        let cache = project.appendingPathComponent(".podium")
        #expect(QuickCheck.freshReport(cacheFolder: cache) != nil)
        // Pretend the check was written by a binary elsewhere (same stat data as a real file).
        let quick = cache.appendingPathComponent("quick")
        let other = project.appendingPathComponent("podium.yaml").path
        let info = try #require(FileStamp.stat(other))
        let text = String(decoding: try #require(ChecksummedFile.read(quick)), as: UTF8.self)
        let lines = text.split(separator: "\n").map { line -> String in
            guard line.hasPrefix("input podium%20(the%20tool) ") else { return String(line) }
            return "input podium%20(the%20tool) \(other) \(info.size) \(info.modified) \(info.inode) \(info.changed) -"
        }
        try ChecksummedFile.write(Data((lines.joined(separator: "\n") + "\n").utf8), to: quick)
        #expect(QuickCheck.freshReport(cacheFolder: cache) == nil)
    }

    @Test func addingAPageIsNoticed() throws {
        let project = try SmallProject.make()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        _ = try build(project)
        try write("---\ntitle: Extra\n---\nMore.\n", to: "pages/extra.md", in: project)
        let report = try build(project)
        #expect(report.explanations.contains { $0.description == "[rebuilt] file extra.html: new file" })
        #expect(report.queriesRun == 0)
    }

    @Test func touchingAFileWithoutChangingItRewritesNothing() throws {
        let project = try SmallProject.make()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        let before = try mtimes(project)
        usleep(10_000)
        try write(try read("pages/index.md", in: project), to: "pages/index.md", in: project)
        try write(try read("data/medals.csv", in: project), to: "data/medals.csv", in: project)
        let report = try build(project)
        #expect(report.written == 0 && report.queriesRun == 0)
        #expect(report.explanations.allSatisfy { $0.status == .fresh })
        #expect(try mtimes(project) == before)
    }

    @Test func removedPageIsRemovedFromTheSite() throws {
        let project = try SmallProject.make()
        defer { try? FileManager.default.removeItem(at: project) }
        _ = try build(project)
        try FileManager.default.removeItem(at: project.appendingPathComponent("pages/trend.md"))
        let report = try build(project)
        #expect(report.explanations.contains { $0.description == "[removed] file trend.html: no longer part of the site" })
        #expect(report.explanations.contains { $0.description == "[removed] file embed/totals.html: no longer part of the site" })
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site/trend.html").path))
    }

    @Test func twoBuildsAtOnceCorruptNothing() throws {
        let project = try SmallProject.make()
        defer { try? FileManager.default.removeItem(at: project) }
        let reference = try SmallProject.make()
        defer { try? FileManager.default.removeItem(at: reference) }
        _ = try build(reference)
        let group = DispatchGroup()
        let failures = Failures()
        for _ in 0..<3 {
            DispatchQueue.global().async(group: group) {
                do { _ = try Podium.build(BuildOptions(projectRoot: project)) } catch { failures.add("\(error)") }
            }
        }
        group.wait()
        #expect(failures.all.isEmpty)
        #expect(try readTree(project.appendingPathComponent("site")) == readTree(reference.appendingPathComponent("site")))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.appendingPathComponent(".podium").path)
            .filter { $0.contains("tmp") || $0.hasSuffix(".next") }
        #expect(leftovers.isEmpty)
    }
}

/// Errors collected from several threads.
private final class Failures: Sendable {
    private let items = Mutex<[String]>([])
    func add(_ item: String) { items.withLock { $0.append(item) } }
    var all: [String] { items.withLock { $0 } }
}
