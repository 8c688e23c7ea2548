import Foundation
import Testing
@testable import PodiumKit

/// Real paths decide what is inside the project: links are resolved on both sides, a folder whose
/// name merely starts like the project's is outside, and `allow_outside:` folders may be relative.
@Suite struct ProjectBoundaryTests {
    /// `base/project` with `data/in.csv`, a sibling `base/project-other/x.csv` and `base/shared/y.csv`.
    private struct Layout {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("boundary-\(UUID().uuidString)")
        var project: URL { base.appendingPathComponent("project") }

        init() throws {
            for file in ["project/data/in.csv", "project-other/x.csv", "shared/y.csv"] {
                let url = base.appendingPathComponent(file)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data("a\n1\n".utf8).write(to: url)
            }
        }

        func link(_ name: String, to destination: String) throws {
            try FileManager.default.createSymbolicLink(atPath: project.appendingPathComponent(name).path, withDestinationPath: destination)
        }

        func path(_ name: String) -> String { project.appendingPathComponent(name).path }
        func remove() { try? FileManager.default.removeItem(at: base) }
    }

    @Test func aSiblingWhoseNameStartsLikeTheProjectIsOutside() throws {
        let layout = try Layout()
        defer { layout.remove() }
        try layout.link("data/sibling.csv", to: "../../project-other/x.csv")
        let boundary = ProjectBoundary(root: layout.project, allowOutside: [])
        #expect(boundary.escape(layout.path("data/sibling.csv"))?.hasSuffix("/project-other/x.csv") == true)
        #expect(boundary.escape(layout.path("data/in.csv")) == nil)
        #expect(boundary.escape(layout.path("data/missing.csv")) == nil, "a missing file is left to the stage that reads it")
    }

    @Test func allowedFoldersMayBeRelativeToTheProject() throws {
        let layout = try Layout()
        defer { layout.remove() }
        try layout.link("data/shared.csv", to: layout.base.appendingPathComponent("shared/y.csv").path)
        #expect(ProjectBoundary(root: layout.project, allowOutside: []).escape(layout.path("data/shared.csv")) != nil)
        #expect(ProjectBoundary(root: layout.project, allowOutside: ["../shared"]).escape(layout.path("data/shared.csv")) == nil)
        #expect(ProjectBoundary(root: layout.project, allowOutside: ["../shared/"]).escape(layout.path("data/shared.csv")) == nil)
        #expect(ProjectBoundary(root: layout.project, allowOutside: ["../project-other"]).escape(layout.path("data/shared.csv")) != nil)
    }

    @Test func aProjectReachedThroughALinkKeepsItsFilesInside() throws {
        let layout = try Layout()
        defer { layout.remove() }
        let link = layout.base.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: layout.project.path)
        try layout.link("data/self.csv", to: layout.path("data/in.csv"))  // absolute, into the project
        let boundary = ProjectBoundary(root: link, allowOutside: [])
        #expect(boundary.escape(link.appendingPathComponent("data/in.csv").path) == nil)
        #expect(boundary.escape(link.appendingPathComponent("data/self.csv").path) == nil)
    }
}
