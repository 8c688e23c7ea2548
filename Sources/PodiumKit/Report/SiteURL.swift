/// `url:` in podium.yaml: the public address the site is published at
/// (`https://example.org/olympics/`).
///
/// It makes embed snippets, `<link rel="canonical">`, `og:url` and `sitemap.xml` absolute; links
/// between pages stay relative, so the site still works from any folder or sub-path.
enum SiteURL {
    /// The address normalised: an absolute `http://` or `https://` URL, scheme and host in lower
    /// case, ending in `/`.
    /// - Parameter text: the value as written.
    /// - Returns: the normalised address, or why it is not one (a phrase that follows "'url' ").
    static func normalized(_ text: String) -> Result<String, Problem> {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { return .failure(.init("is empty")) }
        if let bad = trimmed.unicodeScalars.first(where: { !isAllowed($0) }) {
            let shown = bad == " " ? "a space"
                : bad.isASCII && bad.value >= 0x20 ? "'\(bad)'" : "the character U+\(String(bad.value, radix: 16, uppercase: true))"
            return .failure(.init("contains \(shown), which a URL cannot hold as written",
                                  hint: "percent-encode it (a space is %20), or write a host name in its ASCII (xn--) form"))
        }
        let lower = trimmed.lowercased()
        let scheme: String
        if lower.hasPrefix("https://") { scheme = "https" } else if lower.hasPrefix("http://") { scheme = "http" } else {
            return .failure(.init("must be an absolute http:// or https:// address, found '\(trimmed)'"))
        }
        let rest = trimmed.dropFirst(scheme.count + 3)
        let authority = rest.prefix { $0 != "/" }
        var path = String(rest.dropFirst(authority.count))
        if authority.contains("@") {
            return .failure(.init("must not hold a user name or password",
                                  hint: "write only the address readers see, such as `url: https://example.org/olympics/`"))
        }
        if trimmed.contains("?") || trimmed.contains("#") {
            return .failure(.init("must not have a query (?…) or fragment (#…): page addresses are appended to it"))
        }
        let host = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard let name = host.first, !name.isEmpty else {
            return .failure(.init("has no host name, found '\(trimmed)'"))
        }
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }) else {
            return .failure(.init("has a host name with characters a host name cannot have, found '\(name)'",
                                  hint: "write the host with letters, digits, '-' and '.', such as `url: https://example.org/olympics/`"))
        }
        if host.count == 2, host[1].isEmpty || !host[1].allSatisfy(\.isNumber) || host[1].count > 5 {
            return .failure(.init("has a port that is not a number, found '\(authority)'"))
        }
        if !isValidPercentEncoding(path) {
            return .failure(.init("has a '%' that is not followed by two hex digits",
                                  hint: "write a literal % as %25"))
        }
        if path.split(separator: "/").contains(where: { $0 == "." || $0 == ".." }) {
            return .failure(.init("must not contain '.' or '..' path segments"))
        }
        if !path.hasSuffix("/") { path += "/" }
        return .success("\(scheme)://\(authority.lowercased())\(path)")
    }

    /// Why a `url:` value was refused.
    struct Problem: Error, Equatable {
        var message: String
        var hint = "write the address the site will be published at, such as `url: https://example.org/olympics/`"

        /// A problem; without `hint`, the hint shows an address to write.
        init(_ message: String, hint: String? = nil) {
            self.message = message
            if let hint { self.hint = hint }
        }
    }

    /// RFC 3986's unreserved and reserved characters, and `%`.
    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": true
        default: "-._~:/?#[]@!$&'()*+,;=%".unicodeScalars.contains(scalar)
        }
    }

    private static func isValidPercentEncoding(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else { return false }
                index += 3
            } else {
                index += 1
            }
        }
        return true
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
}

private extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return String(text)
    }
}
