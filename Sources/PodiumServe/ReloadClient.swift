import Foundation
import PodiumKit

/// The script `podium serve` adds to every HTML page it sends (never to the files in the output
/// folder), and the rewrite of the page's Content-Security-Policy that lets exactly this script
/// run and reach exactly the event stream.
///
/// The script listens to `/__podium/events` (Server-Sent Events): `status` carries the last build's
/// errors (an overlay lists them, as text, until a build succeeds), `reload` the output files that
/// changed (the page reloads when it is one of them, or a file under `assets/` — the stylesheet —
/// changed; a missing page reloads on any change). After the connection is lost (the server stopped) it keeps
/// trying, and reloads once it is back.
enum ReloadClient {
    /// The path of the event stream.
    static let eventsPath = "/__podium/events"

    /// The script's text. Its hash is what the rewritten CSP allows, so it has no variable part:
    /// the page it is in comes from its `data-podium-page` attribute.
    static let script = """
        (() => {
          const page = document.currentScript.dataset.podiumPage || "";
          let lost = false, overlay = null, source = null;
          function show(errors) {
            if (overlay) { overlay.remove(); overlay = null; }
            if (!errors.length) return;
            overlay = document.createElement("div");
            overlay.id = "podium-serve-overlay";
            overlay.setAttribute("role", "alert");
            Object.assign(overlay.style, {position: "fixed", inset: "0", zIndex: "2147483647", overflow: "auto",
              background: "rgba(24, 24, 27, 0.94)", color: "#fafafa", padding: "2rem",
              font: "14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace"});
            const title = document.createElement("h2");
            title.textContent = "podium serve: the build failed";
            Object.assign(title.style, {color: "#fca5a5", font: "bold 1.25rem/1.3 system-ui, sans-serif", margin: "0"});
            const list = document.createElement("pre");
            list.textContent = errors.join("\\n");
            Object.assign(list.style, {whiteSpace: "pre-wrap", background: "#09090b", color: "#fafafa", font: "inherit",
              padding: "1rem", margin: "1rem 0", border: "1px solid #f87171", borderRadius: "6px"});
            const note = document.createElement("p");
            note.textContent = "Under this message is the last good build of the page. Fix the problem and save: the message goes by itself.";
            Object.assign(note.style, {color: "#d4d4d8", margin: "0"});
            overlay.append(title, list, note);
            document.body.append(overlay);
          }
          function affects(changed) {
            return page === "" || changed.some(path => path === page || path.startsWith("assets/"));
          }
          function connect() {
            source = new EventSource("\(eventsPath)");
            source.addEventListener("status", event => {
              if (lost) { location.reload(); return; }
              show(JSON.parse(event.data).errors);
            });
            source.addEventListener("reload", event => {
              if (affects(JSON.parse(event.data).changed)) location.reload();
            });
            source.onerror = () => {
              lost = true;
              if (source.readyState === EventSource.CLOSED) { source.close(); setTimeout(connect, 1000); }
            };
          }
          connect();
        })();
        """

    /// `'sha256-…'`, the CSP source that allows `script`.
    static let scriptSource: String = {
        var hasher = SHA256()
        hasher.update(script)
        return "'sha256-\(Data(hex: hasher.finalize()).base64EncodedString())'"
    }()

    /// `html` with the script added before `</body>` (or at the end) and its CSP meta tag, if it
    /// has one, rewritten to allow it.
    /// - Parameters:
    ///   - page: the file's path in the output folder (`medals.html`), empty for the 404 page.
    ///   - eventsSource: the CSP source naming the event stream (`http://127.0.0.1:3000/__podium/events`).
    static func inject(into html: String, page: String, eventsSource: String) -> String {
        var html = rewritingPolicy(of: html, eventsSource: eventsSource)
        let tag = "<script data-podium-page=\"\(escapeAttribute(page))\">\(script)</script>\n"
        if let body = html.range(of: "</body>", options: [.caseInsensitive, .backwards]) {
            html.insert(contentsOf: tag, at: body.lowerBound)
        } else {
            html += tag
        }
        return html
    }

    /// The document with the `content` of its `<meta http-equiv="Content-Security-Policy">`
    /// rewritten by `policy(_:eventsSource:)`; unchanged without such a tag.
    static func rewritingPolicy(of html: String, eventsSource: String) -> String {
        guard let meta = html.range(of: "<meta http-equiv=\"Content-Security-Policy\" content=\"", options: .caseInsensitive),
              let end = html.range(of: "\"", range: meta.upperBound..<html.endIndex) else { return html }
        let policy = unescapeAttribute(String(html[meta.upperBound..<end.lowerBound]))
        return html.replacingCharacters(in: meta.upperBound..<end.lowerBound,
                                        with: escapeAttribute(self.policy(policy, eventsSource: eventsSource)))
    }

    /// A CSP that is `policy` plus the script's hash in `script-src` and `eventsSource` in
    /// `connect-src`. A directive that was missing starts from `default-src`'s sources; `'none'`
    /// is dropped where a source is added. Nothing else changes.
    static func policy(_ policy: String, eventsSource: String) -> String {
        var directives = policy.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let names = directives.map { $0.split(separator: " ").first.map { $0.lowercased() } ?? "" }
        let defaults = names.firstIndex(of: "default-src").map { Array(directives[$0].split(separator: " ").dropFirst().map(String.init)) } ?? ["*"]
        for (name, source) in [("script-src", scriptSource), ("connect-src", eventsSource)] {
            if let index = names.firstIndex(of: name) {
                let sources = directives[index].split(separator: " ").dropFirst().map(String.init)
                directives[index] = ([name] + sources.filter { $0 != "'none'" } + [source]).joined(separator: " ")
            } else {
                directives.append(([name] + defaults.filter { $0 != "'none'" } + [source]).joined(separator: " "))
            }
        }
        return directives.joined(separator: "; ")
    }

    /// Text for a double-quoted HTML attribute.
    static func escapeAttribute(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }

    /// The value of an attribute as written by Podium's templates (named and numeric references).
    private static func unescapeAttribute(_ text: String) -> String {
        text.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&#x27;", with: "'")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#34;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

extension Data {
    /// The bytes a hexadecimal string spells (two digits per byte).
    init(hex: String) {
        var bytes: [UInt8] = []
        var high: UInt8?
        for unit in hex.utf8 {
            let value: UInt8 = unit >= 97 ? unit - 87 : unit >= 65 ? unit - 55 : unit - 48
            if let first = high {
                bytes.append(first << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        self.init(bytes)
    }
}
