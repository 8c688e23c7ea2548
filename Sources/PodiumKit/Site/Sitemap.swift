/// `sitemap.xml` (sitemaps.org 0.9): the absolute address of every page, so search engines find
/// pages that no link of theirs leads to (the 206 delegation pages, say).
///
/// Written only when podium.yaml has `url:`: a sitemap must hold absolute addresses. It lists the
/// site's pages — the report's pages, the pages made from templates and their list pages, the
/// catalog and the data tests — but not the embed pages, which exist to be framed by other sites
/// (their chart is on its page). Addresses are sorted by path, the home page (the base address)
/// first; there is no `<lastmod>`, which would need a clock, so a build with the same inputs
/// writes the same bytes.
public enum Sitemap {
    /// The sitemap's path in the site.
    public static let path = "sitemap.xml"

    /// The sitemap of a site's files, or nil when the site has no public address.
    /// - Parameters:
    ///   - files: every file of the site (pages are its `.html` files outside `embed/`).
    ///   - site: the site, for its ``SiteModel/baseURL``.
    /// - Returns: `sitemap.xml`, or nil without a base URL.
    public static func file(for files: [OutputFile], site: SiteModel) -> OutputFile? {
        guard site.hasPublicAddress else { return nil }
        let pages = files.map(\.path).filter { $0.hasSuffix(".html") && !$0.hasPrefix("embed/") }
            .sorted { ($0 == "index.html" ? 0 : 1, $0) < ($1 == "index.html" ? 0 : 1, $1) }
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        for page in pages {
            guard let address = site.absoluteURL(of: page) else { continue }
            xml += "<url><loc>\(Escape.html(address))</loc></url>\n"
        }
        xml += "</urlset>\n"
        return OutputFile(path: path, text: xml)
    }
}
