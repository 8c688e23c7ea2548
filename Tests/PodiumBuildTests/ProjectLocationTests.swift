import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// The cache belongs to the folder it is in: a copied or moved project builds as a cold build of
/// itself would, and never reads or writes the folder it came from.
@Suite struct ProjectLocationTests {
    private static let medalsEdit = (from: "Trinidad & Tobago,1,0", to: "Trinidad & Tobago,7,0")

    private func build(_ project: URL) throws -> BuildReport {
        try Podium.build(BuildOptions(projectRoot: project))
    }

    /// `cp -a`: a copy keeping modes, times and links, as a user would make it.
    private func copyPreservingTimes(_ from: URL, to: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/cp")
        process.arguments = ["-a", from.path, to.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    private func editMedals(in project: URL) throws {
        let medals = try read("data/medals.csv", in: project)
        #expect(medals.contains(Self.medalsEdit.from))
        try write(medals.replacingOccurrences(of: Self.medalsEdit.from, with: Self.medalsEdit.to), to: "data/medals.csv", in: project)
        try settle(project)  // as an edit made a while before the build (see `settle`)
    }

    /// The site a cold build of `project`'s inputs writes (built in a fresh copy without `.podium/` and `site/`).
    private func coldSite(of project: URL) throws -> [String: Data] {
        let fresh = FileManager.default.temporaryDirectory.appendingPathComponent("podium-cold-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: fresh) }
        try copyPreservingTimes(project, to: fresh)
        try FileManager.default.removeItem(at: fresh.appendingPathComponent(".podium"))
        try FileManager.default.removeItem(at: fresh.appendingPathComponent("site"))
        _ = try build(fresh)
        return try readTree(fresh.appendingPathComponent("site"))
    }

    @Test func copiedProjectBuildsItsOwnEditAndLeavesTheOriginalAlone() throws {
        let original = try SmallProject.make()
        // A name the quick check must escape: spaces and a percent sign.
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("podium copy %41 \(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: original)
            try? FileManager.default.removeItem(at: copy)
        }
        _ = try build(original)
        _ = try build(original)  // a no-change build: the quick check is written and used
        let originalSite = try readTree(original.appendingPathComponent("site"))
        let originalCache = try readTree(original.appendingPathComponent(".podium"))
        try copyPreservingTimes(original, to: copy)
        try editMedals(in: copy)

        let report = try build(copy)
        #expect(report.output == "site", "the report names another folder: \(report.output)")
        #expect(report.explanations.contains { $0.description == "[rebuilt] table src_medals: data/medals.csv changed" })
        let copySite = try readTree(copy.appendingPathComponent("site"))
        #expect(String(decoding: try #require(copySite["data/medals.csv"]), as: UTF8.self).contains(Self.medalsEdit.to))
        #expect(copySite == (try coldSite(of: copy)), "the copy's site differs from a cold build of the copy")
        #expect(try readTree(original.appendingPathComponent("site")) == originalSite, "the original's site changed")
        #expect(try readTree(original.appendingPathComponent(".podium")) == originalCache, "the original's cache changed")

        // Built again, the copy is fresh and says where it built.
        let again = try build(copy)
        #expect(again.written == 0 && again.output == "site")
        #expect(again.timings.map(\.stage) == ["check (quick)"])
    }

    @Test func copiedProjectWithoutEditsIsFreshInItsOwnFolder() throws {
        let original = try SmallProject.make()
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("podium-copy-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: original)
            try? FileManager.default.removeItem(at: copy)
        }
        _ = try build(original)
        _ = try build(original)
        try copyPreservingTimes(original, to: copy)
        // The original changes after the copy was made: the copy must not notice.
        try editMedals(in: original)
        let copySite = try readTree(copy.appendingPathComponent("site"))

        let report = try build(copy)
        #expect(report.output == "site")
        #expect(try readTree(copy.appendingPathComponent("site")) == copySite)
        #expect(try readTree(copy.appendingPathComponent("site")) == (try coldSite(of: copy)))
        #expect(!String(decoding: try #require(copySite["data/medals.csv"]), as: UTF8.self).contains(Self.medalsEdit.to))
    }

    @Test func movedProjectBuildsItsEdit() throws {
        let original = try SmallProject.make()
        let moved = FileManager.default.temporaryDirectory.appendingPathComponent("podium-moved-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: original)
            try? FileManager.default.removeItem(at: moved)
        }
        _ = try build(original)
        _ = try build(original)
        try FileManager.default.moveItem(at: original, to: moved)

        let unchanged = try build(moved)
        #expect(unchanged.written == 0 && unchanged.output == "site")
        #expect(!FileManager.default.fileExists(atPath: original.path), "the build wrote into the old folder")

        try editMedals(in: moved)
        let report = try build(moved)
        #expect(report.output == "site")
        let site = try readTree(moved.appendingPathComponent("site"))
        #expect(String(decoding: try #require(site["data/medals.csv"]), as: UTF8.self).contains(Self.medalsEdit.to))
        #expect(site == (try coldSite(of: moved)))
        #expect(!FileManager.default.fileExists(atPath: original.path), "the build wrote into the old folder")
    }
}
