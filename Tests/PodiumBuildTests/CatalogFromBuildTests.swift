import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// `podium catalog` reads the published warehouse and the profiles the build cached, and gives
/// the catalog a warehouse built for it alone would.
@Suite struct CatalogFromBuildTests {
    @Test func theCatalogFromTheBuildEqualsOneFromScratch() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let options = BuildOptions(projectRoot: project)
        let fromBuild = try Podium.catalog(options)
        #expect(fromBuild == (try Podium.scratchCatalog(options)))
        #expect(fromBuild.sources.count == 5 && fromBuild.sources.allSatisfy { !$0.columns.isEmpty })
        // Nothing changed since: the catalog needs no query of the build and no new profile.
        let again = try Podium.build(options)
        #expect(again.queriesRun == 0)
        #expect(try Podium.catalog(options) == fromBuild)
    }

    /// Without the cached profiles (removed) it still answers, from a scratch warehouse.
    @Test func missingProfilesFallBackToAScratchWarehouse() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let options = BuildOptions(projectRoot: project)
        _ = try Podium.build(options)
        let results = project.appendingPathComponent(".podium/results")
        for name in try FileManager.default.contentsOfDirectory(atPath: results.path) where name.hasSuffix(".profile") {
            try FileManager.default.removeItem(at: results.appendingPathComponent(name))
        }
        #expect(try Podium.catalog(options) == (try Podium.scratchCatalog(options)))
    }
}
