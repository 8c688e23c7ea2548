import Foundation
import Testing
@testable import PodiumKit

/// A site whose results are only stored renders the same files as one holding them, reading them
/// when a page is rendered and again when its data files are made.
@Suite struct ResultShelfTests {
    private func site(_ results: [String: QueryResult]) throws -> SiteModel {
        let page = try PageParser.parse(text: """
            ---
            title: Points
            ---
            ```chart
            id: points
            type: line
            title: Points
            sql: select x, y from t
            x: x
            y: y
            ```
            """, path: "pages/index.md", name: "index")
        return SiteModel(title: "Shelf", pages: [page], results: results, templates: try TemplateLibrary.load(projectTemplates: nil))
    }

    @Test func storedResultsRenderLikeHeldOnes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("podium-shelf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = QueryResult(columns: ["x", "y"], rows: (1...50).map { [.integer(Int64($0)), .real(Double($0) / 3)] })
        let held = try SiteRenderer.render(try site(["points": result]))

        let store = ResultStore(folder: folder)
        try store.store(result, for: "key")
        var stored = try site([:])
        stored.shelf = ResultShelf(store: store, stored: ["points": "key"])
        #expect(stored.shelf.contains("points") && !stored.shelf.contains("other"))
        let files = try SiteRenderer.render(stored)
        #expect(files == held)

        // The data files read the result when they are made, not when the page was rendered.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("key.result"))
        let csv = try #require(files.first { $0.path == "data/points.csv" })
        #expect(throws: DiagnosticsError.self) { try csv.bytes() }
        #expect(throws: DiagnosticsError.self) { try SiteRenderer.render(stored) }
    }

    @Test func aChartWithoutAnyResultIsAnError() throws {
        let error = try #require(throws: DiagnosticsError.self) { try SiteRenderer.render(try site([:])) }
        #expect(error.diagnostics.map(\.message) == ["chart 'points' has no query result"])
    }
}
