import FlyingFox
import Foundation

/// Answers every request of the preview server: the event stream, or a file of the output folder.
///
/// - Only `GET` and `HEAD`; anything else is 405.
/// - Paths go through `SiteFiles`: `..`, `%2e%2e` and links out of the output folder are 403,
///   missing files a small 404 page, a folder its `index.html` (and `/folder` redirects to `/folder/`).
/// - HTML gets the reload client, and its CSP the client's hash (`ReloadClient`); the files on
///   disk are never changed. Nothing is cached by the browser (`Cache-Control: no-store`).
/// - When listening on a loopback address, a request whose `Host` is not a loopback name is 403,
///   so a web page cannot read the site through DNS rebinding.
struct SiteHandler: HTTPHandler {
    let output: @Sendable () -> URL
    let hub: EventHub
    let loopbackOnly: Bool

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return page(.methodNotAllowed, "Method not allowed", "podium serve only reads files (GET and HEAD).",
                        headers: [HTTPHeader("Allow"): "GET, HEAD"])
        }
        let host = request.headers[.host] ?? ""
        if loopbackOnly, !Self.isLoopbackHost(host) {
            return page(.forbidden, "Forbidden", "podium serve answers requests for localhost only.")
        }
        let target = request.target.path(percentEncoded: true)
        if target == ReloadClient.eventsPath { return hub.response() }

        switch SiteFiles(folder: output()).resolve(target) {
        case .forbidden:
            return page(.forbidden, "Forbidden", "This path leads out of the site.")
        case .redirect(let location):
            return HTTPResponse(statusCode: .movedPermanently, headers: HTTPHeaders([.location: location, .cacheControl: "no-store"]))
        case .notFound(let relative):
            return page(.notFound, "Not found", "There is no file /\(relative) in the site.", eventsHost: host)
        case .file(let path, let relative):
            guard var data = FileManager.default.contents(atPath: path) else {
                return page(.notFound, "Not found", "There is no file /\(relative) in the site.", eventsHost: host)
            }
            let type = ContentType.of(relative)
            if type == ContentType.html {
                let html = ReloadClient.inject(into: String(decoding: data, as: UTF8.self), page: relative,
                                               eventsSource: Self.eventsSource(host: host))
                data = Data(html.utf8)
            }
            // HEAD: the headers GET would send, Content-Length included, and no body.
            return HTTPResponse(statusCode: .ok,
                                headers: HTTPHeaders([.contentType: type, .cacheControl: "no-store", .contentLength: String(data.count),
                                                      HTTPHeader("X-Content-Type-Options"): "nosniff"]),
                                body: request.method == .HEAD ? Data() : data)
        }
    }

    /// A small HTML page for an error status; the 404 page carries the reload client, so it
    /// turns into the page once a build writes it.
    private func page(_ status: HTTPStatusCode, _ title: String, _ message: String, eventsHost: String? = nil,
                      headers: [HTTPHeader: String] = [:]) -> HTTPResponse {
        var html = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; base-uri 'none'; form-action 'none'">
            <title>\(status.code) \(ReloadClient.escapeAttribute(title))</title>
            </head>
            <body>
            <h1>\(status.code) \(ReloadClient.escapeAttribute(title))</h1>
            <p>\(ReloadClient.escapeAttribute(message))</p>
            <p><a href="/">The site's home page</a></p>
            </body>
            </html>

            """
        if let eventsHost {
            html = ReloadClient.inject(into: html, page: "", eventsSource: Self.eventsSource(host: eventsHost))
        }
        var all: [HTTPHeader: String] = [.contentType: ContentType.html, .cacheControl: "no-store"]
        all.merge(headers) { _, given in given }
        return HTTPResponse(statusCode: status, headers: HTTPHeaders(all), body: Data(html.utf8))
    }

    /// The CSP source for the event stream: its URL on the host the page was asked from, or
    /// `'self'` when the `Host` header is not a plain host name and port.
    static func eventsSource(host: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]")
        guard !host.isEmpty, host.allSatisfy(allowed.contains) else { return "'self'" }
        return "http://\(host)\(ReloadClient.eventsPath)"
    }

    /// `localhost`, `127.x.y.z` or `[::1]`, with or without a port.
    static func isLoopbackHost(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("[") {
            name = String(name.prefix { $0 != "]" }.dropFirst())
        } else if let colon = name.lastIndex(of: ":") {
            name = String(name[..<colon])
        }
        return name == "localhost" || name == "::1" || name.hasPrefix("127.")
    }
}
