import Foundation
import PodiumKit
import PodiumTestSupport
import Testing

/// `podium serve` watching a project: edits reach the served pages, the event stream says which
/// pages to reload, a failed build sends its errors (the overlay) until a good build clears them.
@Suite(.serialized) struct ServeReloadTests {
    @Test func anEditReachesTheServedPageAndTheStreamSaysReload() throws {
        let project = try makeNewProject()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let server = try ServeProcess(in: project)
        #expect(server.stderr.contains("(inotify)"))
        let events = try EventStreamReader(port: server.port)
        #expect(events.received.contains("retry: "))
        #expect(events.received.contains("data: {\"errors\":[]}"))

        let page = try read("pages/index.md", in: project)
        try saveByRename(page + "\nA sentence added while serving.\n", to: "pages/index.md", in: project)
        try events.waitFor("event: reload\ndata: {\"changed\":[\"index.html\"]}")
        #expect(try RawHTTP.request("/", port: server.port).text.contains("A sentence added while serving."))
        #expect(try server.stop() == 0)
        #expect(server.stderr.contains("stopping podium serve"))
    }

    @Test func aFailedBuildSendsItsErrorsAndTheNextGoodBuildClearsThem() throws {
        let project = try makeNewProject()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let server = try ServeProcess(in: project)
        let events = try EventStreamReader(port: server.port)
        let good = try read("pages/index.md", in: project)
        let before = try RawHTTP.request("/", port: server.port).text

        // A chart that names an unknown column: an error at its line, with a hint.
        let broken = good.replacingOccurrences(of: "y: ", with: "y: [no_such_column] #")
        #expect(broken != good)
        let mark = events.received.count
        try write(broken, to: "pages/index.md", in: project)
        let stream = try events.waitFor("pages/index.md:", after: mark)
        let status = try #require(stream.dropFirst(mark).components(separatedBy: "\n").first { $0.contains("pages/index.md:") })
        #expect(status.hasPrefix("data: {\"errors\":[\"pages/index.md:"), "\(status)")
        #expect(status.contains("error:"))
        try server.waitForOutput("build failed: 1 error; still serving the last good site")
        // The last good page is still served (with the client, which shows the overlay).
        let during = try RawHTTP.request("/", port: server.port)
        #expect(during.status == 200)
        #expect(during.text == before)
        // A new page connecting now is told the errors at once.
        let late = try EventStreamReader(port: server.port)
        #expect(late.received.contains("pages/index.md:"))

        let fixedMark = events.received.count
        try write(good + "\nFixed.\n", to: "pages/index.md", in: project)
        try events.waitFor("data: {\"errors\":[]}", after: fixedMark)
        try events.waitFor("event: reload", after: fixedMark)
        #expect(try RawHTTP.request("/", port: server.port).text.contains("Fixed."))
        #expect(try server.stop(signal: SIGTERM) == 0)
    }

    @Test func aProjectThatNeverBuiltIsServedAs404WithItsErrorsUntilItBuilds() throws {
        let project = try makeNewProject()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let good = try read("pages/index.md", in: project)
        try write(good.replacingOccurrences(of: "y: [north, south]", with: "y: [north, sooth]"), to: "pages/index.md", in: project)
        let server = try ServeProcess(in: project)
        #expect(server.stderr.contains("build failed: 1 error; no site yet"), "\(server.stderr)")
        let missing = try RawHTTP.request("/", port: server.port)
        #expect(missing.status == 404 && missing.text.contains("data-podium-page=\"\""))
        let events = try EventStreamReader(port: server.port)
        #expect(events.received.contains("pages/index.md:27:12: error: chart 'units-by-month': y column 'sooth'"), "\(events.received)")
        try write(good, to: "pages/index.md", in: project)
        try events.waitFor("event: reload")
        #expect(try RawHTTP.request("/", port: server.port).status == 200)
        #expect(try server.stop() == 0)
    }

    @Test func diagnosticsInTheStreamAreDataNotMarkup() throws {
        let project = try makeNewProject()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let server = try ServeProcess(in: project)
        let events = try EventStreamReader(port: server.port)
        let mark = events.received.count
        try write("---\ntitle: [\"<img src=x onerror=alert(1)>\"\n---\n# x\n", to: "pages/index.md", in: project)
        let stream = try events.waitFor("pages/index.md:", after: mark)
        // JSON strings: the overlay sets them as text (textContent), never as HTML.
        #expect(stream.contains("\"errors\":[\""))
        #expect(try server.stop() == 0)
    }

    @Test func pollingFallbackNoticesEditsToo() throws {
        let project = try makeNewProject()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let server = try ServeProcess(in: project, environment: ["PODIUM_SERVE_POLL": "1"])
        #expect(server.stderr.contains("(polling)"))
        let events = try EventStreamReader(port: server.port)
        try saveByRename(try read("pages/index.md", in: project) + "\nPolled.\n", to: "pages/index.md", in: project)
        try events.waitFor("event: reload")
        #expect(try RawHTTP.request("/", port: server.port).text.contains("Polled."))
        // A source file edited in place.
        let csv = try read("data/sales.csv", in: project)
        try write(csv.replacingOccurrences(of: "141", with: "142"), to: "data/sales.csv", in: project)
        try events.waitFor("charts/units-by-month.svg")
        #expect(try server.stop() == 0)
    }

    @Test func aSourceReachedThroughALinkIsWatchedWhereItLeads() throws {
        let project = try makeNewProject()
        let elsewhere = try makeTemporaryProject(["sales.csv": try read("data/sales.csv", in: project)])
        defer {
            try? FileManager.default.removeItem(at: project.deletingLastPathComponent())
            try? FileManager.default.removeItem(at: elsewhere)
        }
        try FileManager.default.removeItem(at: project.appendingPathComponent("data/sales.csv"))
        try FileManager.default.createSymbolicLink(atPath: project.appendingPathComponent("data/sales.csv").path,
                                                   withDestinationPath: elsewhere.appendingPathComponent("sales.csv").path)
        try write(try read("podium.yaml", in: project) + "allow_outside: [\(elsewhere.path)]\n", to: "podium.yaml", in: project)
        let server = try ServeProcess(in: project)
        let events = try EventStreamReader(port: server.port)
        let csv = try read("sales.csv", in: elsewhere)
        try write(csv.replacingOccurrences(of: "141", with: "143"), to: "sales.csv", in: elsewhere)
        try events.waitFor("charts/units-by-month.svg")
        #expect(try RawHTTP.request("/data/units-by-month.csv", port: server.port).text.contains("143"))
        #expect(try server.stop() == 0)
    }

    @Test func aRebuildWaitsForTheBuildLockOfAnotherBuild() throws {
        let project = try makeNewProject()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let server = try ServeProcess(in: project)
        let events = try EventStreamReader(port: server.port)
        var lock: BuildLock? = try BuildLock(folder: project.appendingPathComponent(".podium"))
        let mark = server.stderr.count
        try write(try read("pages/index.md", in: project) + "\nLocked.\n", to: "pages/index.md", in: project)
        try server.waitForOutput("waiting for another build of this project to finish", after: mark)
        #expect(!events.received.contains("event: reload"))
        withExtendedLifetime(lock) {}
        lock = nil
        try events.waitFor("event: reload")
        #expect(try RawHTTP.request("/", port: server.port).text.contains("Locked."))
        #expect(try server.stop() == 0)
    }

    @Test func aPortInUseIsAClearError() throws {
        let project = try makeNewProject()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let first = try ServeProcess(in: project)
        let second = try runPodium(["serve", "--port", String(first.port)], in: project)
        #expect(second.status == 1)
        #expect(second.stderr.contains("error: port \(first.port) on 127.0.0.1 is already in use by another program"), "\(second.stderr)")
        #expect(second.stderr.contains("--port \(first.port + 1)"), "\(second.stderr)")
        #expect(!second.stderr.contains("built site/"), "nothing is built before the port is known to be free")
        #expect(try first.stop() == 0)
    }
}
