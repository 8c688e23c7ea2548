import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

/// Inputs are compared by real path: a link that leads out of the project is refused unless
/// podium.yaml names the folder it leads to under `allow_outside:`; links inside the project,
/// and a project folder reached through a link, are fine.
@Suite struct SymlinkTests {
    /// A project, a folder outside it holding `secret.csv`, `secret.md`, `secret.sql` and
    /// `footer.mustache`, and a cleanup.
    private struct Fixture {
        let project: URL
        let outside: URL

        init() throws {
            project = try SmallProject.make()
            outside = FileManager.default.temporaryDirectory.appendingPathComponent("podium-outside-\(UUID().uuidString)")
            try write("Team/NOC,Gold,Silver\nSecret Land,99,0\n", to: "secret.csv", in: outside)
            try write("---\ntitle: Secret\n---\nThe secret page.\n", to: "secret.md", in: outside)
            try write("select 'secret' as word\n", to: "secret.sql", in: outside)
            try write("<footer>secret footer</footer>\n", to: "footer.mustache", in: outside)
        }

        /// Makes `path` in the project a link to `destination` (replacing what is there).
        func link(_ path: String, to destination: String) throws {
            let url = project.appendingPathComponent(path)
            try? FileManager.default.removeItem(at: url)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
        }

        /// The real path of a file in the outside folder.
        func real(_ name: String) -> String { outside.appendingPathComponent(name).resolvingSymlinksInPath().path }

        func remove() {
            try? FileManager.default.removeItem(at: project)
            try? FileManager.default.removeItem(at: outside)
        }
    }

    private func build(_ project: URL) throws -> BuildReport {
        try Podium.build(BuildOptions(projectRoot: project))
    }

    /// The diagnostics of a build expected to fail; records an issue if it built.
    private func failure(_ project: URL, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        do {
            _ = try build(project)
            Issue.record("the project built", sourceLocation: sourceLocation)
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func sourceLinkedOutsideIsRefusedAtItsDeclaration() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.link("data/medals.csv", to: fixture.outside.appendingPathComponent("secret.csv").path)
        let text = failure(fixture.project)
        #expect(text.contains("podium.yaml:3:3: error: source 'medals': data/medals.csv leads through a link to '\(fixture.real("secret.csv"))', outside the project folder"),
                "\(text)")
        #expect(text.contains("hint: copy the file into the project folder, or, if you trust that folder, name it in podium.yaml: `allow_outside: [\(fixture.real(""))]`"),
                "\(text)")
        #expect(!FileManager.default.fileExists(atPath: fixture.project.appendingPathComponent("site").path))
        #expect(!text.contains("Secret Land"))
    }

    @Test func pageModelAndTemplateLinkedOutsideAreRefused() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.link("pages/secret.md", to: fixture.outside.appendingPathComponent("secret.md").path)
        try fixture.link("models/secret.sql", to: fixture.outside.appendingPathComponent("secret.sql").path)
        try fixture.link("templates/footer.mustache", to: fixture.outside.appendingPathComponent("footer.mustache").path)
        let text = failure(fixture.project)
        for (name, file) in [("pages/secret.md", "secret.md"), ("models/secret.sql", "secret.sql"), ("templates/footer.mustache", "footer.mustache")] {
            #expect(text.contains("\(name): error: \(name) leads through a link to '\(fixture.real(file))', outside the project folder"), "\(text)")
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.project.appendingPathComponent("site").path))
    }

    @Test func linkedFolderOutsideIsRefused() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let pages = fixture.outside.appendingPathComponent("pages")
        try FileManager.default.moveItem(at: fixture.project.appendingPathComponent("pages"), to: pages)
        try fixture.link("pages", to: pages.path)
        let text = failure(fixture.project)
        #expect(text.contains("pages/index.md: error: pages/index.md leads through a link to '\(fixture.real("pages/index.md"))', outside the project folder"),
                "\(text)")
    }

    @Test func projectFileLinkedOutsideIsRefused() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try FileManager.default.moveItem(at: fixture.project.appendingPathComponent("podium.yaml"),
                                         to: fixture.outside.appendingPathComponent("podium.yaml"))
        try fixture.link("podium.yaml", to: fixture.outside.appendingPathComponent("podium.yaml").path)
        let text = failure(fixture.project)
        #expect(text.contains("podium.yaml: error: podium.yaml leads through a link to '\(fixture.real("podium.yaml"))', outside the project folder"), "\(text)")

        // Refused before it is read: no parse error quotes what the file holds.
        try write("root:x:0:0:secret:/root:/bin/sh\n", to: "podium.yaml", in: fixture.outside)
        let unread = failure(fixture.project)
        #expect(unread.contains("podium.yaml leads through a link to") && !unread.contains("secret"), "\(unread)")
    }

    /// A build that succeeded is no excuse: the link is checked when the file changes to it.
    @Test func linkMadeAfterABuildIsRefused() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        _ = try build(fixture.project)
        _ = try build(fixture.project)
        let site = try readTree(fixture.project.appendingPathComponent("site"))
        let copy = fixture.outside.appendingPathComponent("medals.csv")
        try FileManager.default.copyItem(at: fixture.project.appendingPathComponent("data/medals.csv"), to: copy)
        try fixture.link("data/medals.csv", to: copy.path)
        let text = failure(fixture.project)
        #expect(text.contains("source 'medals': data/medals.csv leads through a link to '\(fixture.real("medals.csv"))', outside the project folder"), "\(text)")
        #expect(try readTree(fixture.project.appendingPathComponent("site")) == site)
    }

    @Test func allowOutsideAcceptsTheFolderItNames() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.link("data/medals.csv", to: fixture.outside.appendingPathComponent("secret.csv").path)
        let yaml = try read("podium.yaml", in: fixture.project)
        try write(yaml + "allow_outside: [\(fixture.outside.path)]\n", to: "podium.yaml", in: fixture.project)
        _ = try build(fixture.project)
        let site = try readTree(fixture.project.appendingPathComponent("site"))
        #expect(String(decoding: try #require(site["data/medals.csv"]), as: UTF8.self).contains("Secret Land,99,0"))

        // Another folder allowed is no allowance for this one.
        let other = fixture.outside.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try write(yaml + "allow_outside: [\(other.path)]\n", to: "podium.yaml", in: fixture.project)
        #expect(failure(fixture.project).contains("data/medals.csv leads through a link to"))
    }

    @Test func allowOutsideMustNameFolders() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let yaml = try read("podium.yaml", in: fixture.project)
        try write(yaml + "allow_outside: [\"\", {a: b}]\n", to: "podium.yaml", in: fixture.project)
        let text = failure(fixture.project)
        #expect(text.contains("error: 'allow_outside' entry is empty"), "\(text)")
        #expect(text.contains("error: 'allow_outside' must be a text value"), "\(text)")
    }

    @Test func linksInsideTheProjectAreFine() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let medals = fixture.project.appendingPathComponent("data/medals.csv")
        try FileManager.default.createDirectory(at: fixture.project.appendingPathComponent("raw"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: medals, to: fixture.project.appendingPathComponent("raw/medals.csv"))
        try fixture.link("data/medals.csv", to: "../raw/medals.csv")
        try write("---\ntitle: Notes\n---\nKept in notes/.\n", to: "notes/alias.md", in: fixture.project)
        try fixture.link("pages/alias.md", to: fixture.project.appendingPathComponent("notes/alias.md").path)
        _ = try build(fixture.project)
        #expect(FileManager.default.fileExists(atPath: fixture.project.appendingPathComponent("site/data/medals.csv").path))
        #expect(try read("site/alias.html", in: fixture.project).contains("Kept in notes/."))
    }

    @Test func projectReachedThroughALinkBuilds() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let link = fixture.outside.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: fixture.project.path)
        // The cache on another disk, as a link.
        let cache = fixture.outside.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: fixture.project.appendingPathComponent(".podium").path, withDestinationPath: cache.path)
        let cold = try build(link)
        #expect(cold.written > 0)
        let warm = try build(link)
        #expect(warm.written == 0 && warm.timings.map(\.stage) == ["check (quick)"])
        #expect(FileManager.default.fileExists(atPath: cache.appendingPathComponent("state.json").path))
        #expect(FileManager.default.fileExists(atPath: fixture.project.appendingPathComponent("site/index.html").path))
    }
}
