import Testing
@testable import PodiumKit

/// `url:` in podium.yaml: an absolute http(s) address, normalised to end in `/`; anything else is
/// an error at its line.
@Suite struct SiteURLTests {
    private func project(url: String) throws -> ProjectFile {
        try ProjectFile.parse("title: T\nurl: \(url)\nsources:\n  a: {path: a.csv}\n")
    }

    /// The first line of each diagnostic of a refused `url:`.
    private func headline(url: String) -> String? {
        do {
            _ = try project(url: url)
            return nil
        } catch let error as DiagnosticsError {
            return error.diagnostics.map { String($0.description.split(separator: "\n")[0]) }.joined(separator: "\n")
        } catch {
            return "\(error)"
        }
    }

    @Test func normalisesToEndInASlash() throws {
        #expect(try project(url: "https://example.org/olympics").url == "https://example.org/olympics/")
        #expect(try project(url: "https://example.org/olympics/").url == "https://example.org/olympics/")
        #expect(try project(url: "HTTPS://Example.ORG").url == "https://example.org/")
        #expect(try project(url: "http://localhost:8080/a%20b").url == "http://localhost:8080/a%20b/")
        #expect(try project(url: "\"https://example.org/Tokyo/\"").url == "https://example.org/Tokyo/", "the path keeps its case")
        #expect(try ProjectFile.parse("title: T\nsources:\n  a: {path: a.csv}\n").url == nil)
    }

    @Test func refusesAnythingButAnAbsoluteWebAddressAtItsLine() {
        let cases: [(url: String, error: String)] = [
            ("example.org/olympics/", "'url' must be an absolute http:// or https:// address, found 'example.org/olympics/'"),
            ("/olympics/", "'url' must be an absolute http:// or https:// address, found '/olympics/'"),
            ("ftp://example.org/", "'url' must be an absolute http:// or https:// address, found 'ftp://example.org/'"),
            ("javascript:alert(1)", "'url' must be an absolute http:// or https:// address, found 'javascript:alert(1)'"),
            ("https:///olympics/", "'url' has no host name, found 'https:///olympics/'"),
            ("https://exa_mple.org/", "'url' has a host name with characters a host name cannot have, found 'exa_mple.org'"),
            ("https://ann:secret@example.org/", "'url' must not hold a user name or password"),
            ("https://example.org/?page=1", "'url' must not have a query (?…) or fragment (#…): page addresses are appended to it"),
            ("https://example.org/my site/", "'url' contains a space, which a URL cannot hold as written"),
            ("https://exämple.org/", "'url' contains the character U+E4, which a URL cannot hold as written"),
            ("\"https://example.org/<b>\"", "'url' contains '<', which a URL cannot hold as written"),
            ("https://example.org:80a/", "'url' has a port that is not a number, found 'example.org:80a'"),
            ("https://example.org/%zz/", "'url' has a '%' that is not followed by two hex digits"),
            ("https://example.org/a/../b/", "'url' must not contain '.' or '..' path segments"),
        ]
        for (url, error) in cases {
            #expect(headline(url: url) == "podium.yaml:2:6: error: \(error)", "\(url)")
        }
        #expect(headline(url: "[a, b]")?.hasPrefix("podium.yaml:2:6: error: ") == true)
    }

    @Test func errorsSayWhatToWrite() throws {
        let error = try #require(throws: DiagnosticsError.self) { try project(url: "example.org") }
        #expect(error.diagnostics.map(\.description) == ["""
            podium.yaml:2:6: error: 'url' must be an absolute http:// or https:// address, found 'example.org'
              hint: write the address the site will be published at, such as `url: https://example.org/olympics/`
            """])
    }
}
