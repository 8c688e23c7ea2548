import Foundation
import PodiumKit
import PodiumTestSupport
import Testing

/// `podium serve` on a copy of the Tokyo project, asked by a raw HTTP client: content types, the
/// 404 page, refused traversal, and the reload client in responses but never in `site/`.
@Suite(.serialized) struct ServeFilesTests {
    @Test func filesAreServedWithTheirContentTypesAndMissingOnesAreASmall404() throws {
        let project = try copyTokyoProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let server = try ServeProcess(in: project)
        // Files a build does not write, put in the site after the first build (removed by the next).
        for (name, contents) in ["extra.js": "console.log(1)", "extra.txt": "text", "extra.xml": "<a/>", "extra.png": "\u{89}PNG"] {
            try write(contents, to: "site/" + name, in: project)
        }
        let expected = [
            "/": "text/html; charset=utf-8",
            "/medals.html": "text/html; charset=utf-8",
            "/delegation/japan.html": "text/html; charset=utf-8",
            "/assets/podium.css": "text/css; charset=utf-8",
            "/charts/athletes-by-country.svg": "image/svg+xml",
            "/data/athletes-by-country.csv": "text/csv; charset=utf-8",
            "/data/athletes-by-country.json": "application/json",
            "/extra.js": "text/javascript; charset=utf-8",
            "/extra.txt": "text/plain; charset=utf-8",
            "/extra.xml": "application/xml",
            "/extra.png": "image/png",
        ]
        for (path, type) in expected.sorted(by: { $0.key < $1.key }) {
            let response = try RawHTTP.request(path, port: server.port)
            #expect(response.status == 200, "\(path)")
            #expect(response.headers["content-type"] == type, "\(path)")
        }
        let css = try RawHTTP.request("/assets/podium.css", port: server.port)
        #expect(css.body == (try Data(contentsOf: project.appendingPathComponent("site/assets/podium.css"))))

        let missing = try RawHTTP.request("/no-such-page.html", port: server.port)
        #expect(missing.status == 404)
        #expect(missing.headers["content-type"] == "text/html; charset=utf-8")
        #expect(missing.text.contains("Not found") && missing.text.contains("/no-such-page.html"))
        #expect(missing.body.count < 4096)
        let escaped = try RawHTTP.request("/%3Cb%3Ex.html", port: server.port)
        #expect(escaped.status == 404 && escaped.text.contains("/&lt;b&gt;x.html") && !escaped.text.contains("<b>x"))

        // A folder redirects to its slash form, which serves its index.html.
        let folder = try RawHTTP.request("/assets", port: server.port)
        #expect(folder.status == 301 && folder.headers["location"] == "/assets/")
        try write("<p>index</p>", to: "site/assets/index.html", in: project)
        #expect(try RawHTTP.request("/assets/", port: server.port).text.contains("<p>index</p>"))

        #expect(try RawHTTP.request("/", port: server.port, method: "POST").status == 405)
        // HEAD: GET's headers, no body.
        let head = try RawHTTP.request("/assets/podium.css", port: server.port, method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty && head.headers["content-length"] == String(css.body.count))
        #expect(try server.stop() == 0)
    }

    @Test func pathsOutOfTheSiteAreRefused() throws {
        let project = try makeNewProject()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let server = try ServeProcess(in: project)
        let secret = try read("podium.yaml", in: project)
        try FileManager.default.createSymbolicLink(atPath: project.appendingPathComponent("site/leak.yaml").path,
                                                   withDestinationPath: "../podium.yaml")
        try FileManager.default.createSymbolicLink(atPath: project.appendingPathComponent("site/etc").path,
                                                   withDestinationPath: "/etc")
        for path in ["/../podium.yaml", "/%2e%2e/podium.yaml", "/%2E%2E/podium.yaml", "/assets/../../podium.yaml",
                     "/assets/%2e%2e/%2e%2e/podium.yaml", "/..%2fpodium.yaml", "/assets/..%2F..%2Fpodium.yaml",
                     "/./podium.yaml", "/..\\podium.yaml", "/%00/podium.yaml", "/leak.yaml", "/etc/passwd", "/etc/"] {
            // A request line the HTTP parser refuses gets no answer at all: refused too.
            guard let response = try? RawHTTP.request(path, port: server.port) else { continue }
            #expect(response.status == 403 || response.status == 404 || response.status == 400, "\(path): \(response.status)")
            #expect(!response.text.contains(String(secret.prefix(40))), "\(path) leaked podium.yaml")
            #expect(!response.text.contains("root:"), "\(path) leaked /etc/passwd")
        }
        #expect(try RawHTTP.request("/leak.yaml", port: server.port).status == 403)
        #expect(try RawHTTP.request("/%2e%2e/podium.yaml", port: server.port).status == 403)
        // A link inside the site to a file inside the site is fine.
        try FileManager.default.createSymbolicLink(atPath: project.appendingPathComponent("site/home.html").path,
                                                   withDestinationPath: "index.html")
        #expect(try RawHTTP.request("/home.html", port: server.port).status == 200)
        // A page that names another host (DNS rebinding) gets nothing.
        #expect(try RawHTTP.request("/", port: server.port, host: "attacker.example:\(server.port)").status == 403)
        #expect(try server.stop() == 0)
    }

    @Test func responsesCarryTheReloadClientButTheSiteFilesDoNot() throws {
        let project = try makeNewProject()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let server = try ServeProcess(in: project)
        let file = try read("site/index.html", in: project)
        let served = try RawHTTP.request("/", port: server.port).text

        // The site file: no script, the strict CSP.
        #expect(!file.contains("<script"))
        #expect(!file.contains("__podium"))
        let strict = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'"
        #expect(file.contains("content=\"\(strict)\""))

        // The response: the script, and a CSP that allows exactly it (its hash) and the event stream.
        let script = try #require(served.slice(from: "<script data-podium-page=\"index.html\">", to: "</script>"))
        var hasher = SHA256()
        hasher.update(script)
        let hash = Data(hexadecimal: hasher.finalize()).base64EncodedString()
        #expect(served.contains("content=\"\(strict); script-src 'sha256-\(hash)'; connect-src http://127.0.0.1:\(server.port)/__podium/events\""))
        #expect(served.components(separatedBy: "<script").count == 2)
        #expect(!served.contains("unsafe-eval") && !served.contains("script-src 'unsafe-inline'"))

        // Embed pages have a script of their own: its hash stays, the client's is added.
        let embedName = try #require(try FileManager.default.contentsOfDirectory(atPath: project.appendingPathComponent("site/embed").path).first)
        let embed = try RawHTTP.request("/embed/\(embedName)", port: server.port).text
        let policy = try #require(embed.slice(from: "http-equiv=\"Content-Security-Policy\" content=\"", to: "\""))
        #expect(policy.components(separatedBy: "'sha256-").count == 3, "\(policy)")

        #expect(try server.stop() == 0)
        // After serve, `podium build` has nothing to do, and the site is as a build leaves it.
        let build = try runPodium(["build"], in: project)
        #expect(build.stderr.contains("files: 0 written, 0 removed"), "\(build.stderr)")
        #expect(try read("site/index.html", in: project) == file)
        for (path, data) in try readTree(project.appendingPathComponent("site")) where path.hasSuffix(".html") {
            #expect(!String(decoding: data, as: UTF8.self).contains("__podium"), "\(path)")
        }
    }
}

extension String {
    /// The text between the first `start` and the next `end`.
    func slice(from start: String, to end: String) -> String? {
        guard let lower = range(of: start), let upper = range(of: end, range: lower.upperBound..<endIndex) else { return nil }
        return String(self[lower.upperBound..<upper.lowerBound])
    }
}

extension Data {
    init(hexadecimal: String) {
        var bytes: [UInt8] = []
        var index = hexadecimal.startIndex
        while index < hexadecimal.endIndex {
            let next = hexadecimal.index(index, offsetBy: 2)
            bytes.append(UInt8(hexadecimal[index..<next], radix: 16) ?? 0)
            index = next
        }
        self.init(bytes)
    }
}

/// A project made by `podium new` in a new temporary folder (the project is its `project/`).
func makeNewProject() throws -> URL {
    let parent = try makeTemporaryProject([:])
    let result = try runPodium(["new", "project"], in: parent)
    guard result.status == 0 else { throw TestFailure("podium new failed: \(result.stderr)") }
    let project = parent.appendingPathComponent("project")
    try settle(project)
    return project
}

/// Saves `contents` as an editor that saves by rename does: a new file, renamed over the old one.
func saveByRename(_ contents: String, to path: String, in project: URL) throws {
    let target = project.appendingPathComponent(path)
    let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).swp-\(UUID().uuidString)")
    try Data(contents.utf8).write(to: temporary)
    guard rename(temporary.path, target.path) == 0 else { throw TestFailure("rename failed: \(errno)") }
}

/// Another address than the loopback is served only when asked, with a warning.
@Suite struct ServeHostTests {
    @Test func anotherHostIsServedWithAWarning() throws {
        let project = try makeNewProject()
        defer { try? FileManager.default.removeItem(at: project.deletingLastPathComponent()) }
        let server = try ServeProcess(in: project, arguments: ["--host", "0.0.0.0"])
        #expect(server.stderr.contains("warning: serving on 0.0.0.0: anyone who can reach this machine can read the site and its data"),
                "\(server.stderr)")
        #expect(server.stderr.contains("serving http://0.0.0.0:\(server.port)/"))
        // Any Host is answered then (the page is meant for other machines).
        #expect(try RawHTTP.request("/", port: server.port, host: "dashboard.example:\(server.port)").status == 200)
        #expect(try server.stop() == 0)

        let local = try ServeProcess(in: project)
        #expect(!local.stderr.contains("warning:"))
        #expect(local.stderr.contains("serving http://127.0.0.1:"))
        #expect(try local.stop() == 0)
    }
}

/// The preview server is a program of its own: `podium` (and so every `podium build`) does not load
/// FlyingFox's networking dependencies.
@Suite struct ServeProgramTests {
    @Test func podiumDoesNotLoadTheServersNetworkingLibraries() throws {
        #if os(Linux)
        let podium = podiumExecutable()
        let libraries = try runCommand(URL(fileURLWithPath: "/usr/bin/ldd"), [podium.path], in: podium.deletingLastPathComponent())
        #expect(libraries.status == 0)
        #expect(!libraries.stdout.contains("libcurl"), "\(libraries.stdout)")
        #expect(!libraries.stdout.contains("FoundationNetworking"), "\(libraries.stdout)")
        let server = try runCommand(URL(fileURLWithPath: "/usr/bin/ldd"), [podium.deletingLastPathComponent().appendingPathComponent("podium-serve").path],
                                    in: podium.deletingLastPathComponent())
        #expect(server.status == 0, "podium-serve is built beside podium")
        #endif
    }
}
