/// Renders the site in memory: every page, embed page, SVG, data file and asset.
///
/// Output, sorted by path:
/// - `index.html` (the home page) and `<name>.html` for every other page;
/// - `embed/<id>.html`, `charts/<id>.svg`, `data/<id>.csv`, `data/<id>.json` for every chart
///   (a table block, `type: table`, has all but the SVG);
/// - `embed/<id>.html`, `data/<id>.csv`, `data/<id>.json` for every KPI block;
/// - `assets/…` from the theme (project files override the default theme's).
public enum SiteRenderer {
    /// Renders every file of the site.
    /// - Parameter site: the site to render.
    /// - Returns: the files, sorted by path.
    /// - Throws: `DiagnosticsError` for duplicate chart ids, charts without a result or naming
    ///   columns their query does not return, page names that cannot be file names, and
    ///   template problems.
    public static func render(_ site: SiteModel) throws -> [OutputFile] {
        let rendered = try render(site, keeping: [:])
        return (rendered.pages.flatMap { $0 } + rendered.assets).sorted { $0.path < $1.path }
    }

    /// Every file of the site: each page's (in the order of `site.pages`), then the theme's assets.
    /// - Parameter kept: the files of pages not rendered again, by page name (their results need
    ///   need not be on `site.shelf`).
    static func render(_ site: SiteModel, keeping kept: [String: [OutputFile]]) throws
        -> (pages: [[OutputFile]], assets: [OutputFile]) {
        try validate(site, skipping: kept)
        // Pages are independent: render them on all cores.
        let pages = try Parallel.map(site.pages) { try kept[$0.name] ?? render($0, of: site) }
        return (pages, site.templates.assets.map { OutputFile(path: $0.path, contents: $0.contents) })
    }

    /// One page and the files of its charts.
    private static func render(_ page: Page, of site: SiteModel) throws -> [OutputFile] {
        let path = site.outputPath(of: page)
        // The page's results, read for the time it is rendered: its data files read them again
        // when they are published, so no page keeps its results once its files are made.
        let results = try site.shelf.results(PageRenders.resultIDs(of: page))
        var svgs: [String: String] = [:]  // chart id → inline SVG (or a table block's HTML) for the page
        for chart in page.charts {
            // A table block's HTML table takes the place of a chart's SVG, on its page and embed page.
            svgs[chart.id] = chart.table != nil ? TableBlock.html(chart, results[chart.id]!)
                : ChartRenderer.svg(chart, results[chart.id]!)
        }
        var chartFailure: (any Error)?
        var problems: [Diagnostic] = []
        let values = InlineValues.resolve(page, results: results, into: &problems)
        if problems.contains(where: { $0.severity == .error }) { throw DiagnosticsError(problems) }
        if let links = page.entityLinks {
            return [try layoutPage(path: path, title: page.title, description: page.description,
                                   bodyHTML: entityList(links, title: page.title, root: relativeRoot(of: path)), site: site)]
        }
        let body = PageParser.renderBody(page, allowHTML: site.allowHTML, values: values, kpiHTML: { kpi in
            KPIRenderer.figure(kpi, kpiTiles(kpi, results: results), root: relativeRoot(of: path))
        }) { chart in
            // `empty: hide`: a chart with nothing to draw leaves no trace on its page.
            if chart.empty == .hide, ChartRenderer.hasNothingToDraw(chart, results[chart.id]!) { return "" }
            do {
                return try chartFigure(chart, result: results[chart.id]!, svg: svgs[chart.id]!, pagePath: path, site: site)
            } catch {
                chartFailure = chartFailure ?? error
                return ""
            }
        }
        if let chartFailure { throw chartFailure }
        // Without `description:`, the first paragraph describes the page (then the site's description).
        let description = page.description ?? PageSummary.firstParagraph(ofHTML: body)
        var files = [try layoutPage(path: path, title: page.title, description: description,
                                    bodyHTML: trimmingTrailingNewlines(body), site: site)]
        files += try kpiFiles(page, results: results, pagePath: path, site: site)
        for chart in page.charts {
            let result = results[chart.id]!
            let embedded = chart.table != nil ? svgs[chart.id]! : ChartRenderer.embedSVG(chart, result)
            files.append(try embedPage(chart, svg: embedded, pagePath: path, site: site))
            if chart.table == nil {  // a table has no SVG: its embed page and CSV stand for it
                files.append(OutputFile(path: "charts/\(chart.id).svg", text: ChartRenderer.standaloneSVG(chart, result)))
            }
            files += dataFiles(chart, resultID: chart.id, shelf: site.shelf)
        }
        return files
    }

    /// `data/<id>.csv` and `data/<id>.json` of a block (`spec` names it in the JSON), made when
    /// published from its result read again then.
    static func dataFiles(_ spec: ChartSpec, resultID: String, shelf: ResultShelf) -> [OutputFile] {
        let result = { @Sendable in try shelf.result(resultID) ?? QueryResult(columns: [], rows: []) }
        return [OutputFile(path: "data/\(spec.id).csv", deferred: { DataExport.csvBytes(try result()) }),
                OutputFile(path: "data/\(spec.id).json", deferred: { DataExport.jsonBytes(spec, try result()) })]
    }

    /// Renders one page of the site's layout around trusted HTML (for the catalog or quality
    /// pages): the navigation lists the site's pages, none of them current.
    /// - Parameters:
    ///   - path: the output path (`catalog.html`); links are made relative to it.
    ///   - title: the page's title.
    ///   - description: the page's meta description (and Open Graph and Twitter card description);
    ///     nil for the site's description.
    ///   - bodyHTML: trusted HTML for `<main>`: every value in it must already be escaped.
    ///   - site: the site.
    /// - Returns: the page's file.
    public static func layoutPage(path: String, title: String, description: String? = nil,
                                  bodyHTML: String, site: SiteModel) throws -> OutputFile {
        // A template's pages are reached from its list page, not the navigation.
        let nav: [[String: Any]] = site.pages.filter { $0.entity == nil }.map { page in
            let href = site.outputPath(of: page)
            return ["title": page.title, "href": href, "current": href == path]
        }
        var context: [String: Any] = [
            "lang": site.language,
            "siteTitle": site.title,
            "title": title,
            "documentTitle": title == site.title ? title : "\(title) · \(site.title)",
            "root": relativeRoot(of: path),
            "stylesheet": relativeRoot(of: path) + site.templates.versionedAddress(ofAsset: "assets/podium.css"),
            "nav": nav,
            "body": bodyHTML,
        ]
        context["canonical"] = site.absoluteURL(of: path)
        context["description"] = description ?? site.description
        context["siteDescription"] = site.description
        return OutputFile(path: path, text: try site.templates.render("layout", context))
    }

    // MARK: - Charts

    private static func chartFigure(_ chart: ChartSpec, result: QueryResult, svg: String, pagePath: String,
                                    site: SiteModel) throws -> String {
        let root = relativeRoot(of: pagePath)
        var context: [String: Any] = [
            "id": chart.id,
            "title": chart.title,
            "svg": svg,
            "embedHref": "\(root)embed/\(chart.id).html",
            "csvHref": "\(root)data/\(chart.id).csv",
            "jsonHref": "\(root)data/\(chart.id).json",
            "iframe": iframeSnippet(chart, site: site, height: ChartRenderer.embedHeight(chart, result)),
            "responsiveIframe": iframeSnippet(chart, site: site, height: ChartRenderer.embedHeight(chart, result), responsive: true),
            "noun": chart.table == nil ? "chart" : "table",
            "embedHint": !site.hasPublicAddress,
        ]
        context["subtitle"] = chart.subtitle
        if chart.table == nil {  // a table block is its own data table, and has no SVG file
            context["table"] = ChartRenderer.dataTable(chart, result)
            context["svgHref"] = "\(root)charts/\(chart.id).svg"
        }
        // cmark ends each block with a newline already.
        return trimmingTrailingNewlines(try site.templates.render("chart", context)) + "\n"
    }

    private static func embedPage(_ chart: ChartSpec, svg: String, pagePath: String,
                                  site: SiteModel) throws -> OutputFile {
        try embedPage(id: chart.id, title: chart.title, subtitle: chart.subtitle, content: svg,
                      anchor: "chart-\(chart.id)", pagePath: pagePath, site: site)
    }

    /// `embed/<id>.html`: one block alone (a chart, a table, KPI tiles) for an `<iframe>`, linking
    /// back to its place in its page (`anchor`) and to its CSV.
    static func embedPage(id: String, title: String, subtitle: String?, content: String, anchor: String,
                          pagePath: String, site: SiteModel, extraStyle: String? = nil) throws -> OutputFile {
        let path = "embed/\(id).html"
        let root = relativeRoot(of: path)
        var context: [String: Any] = [
            "lang": site.language,
            "id": id,
            "title": title,
            "siteTitle": site.title,
            "svg": content,
            "pageHref": "\(root)\(pagePath)#\(anchor)",
            "csvHref": "\(root)data/\(id).csv",
        ]
        context["subtitle"] = subtitle
        context["description"] = subtitle ?? site.description
        context["canonical"] = site.absoluteURL(of: path)
        context["extraStyle"] = extraStyle
        context.merge(EmbedScript.templateContext) { current, _ in current }
        return OutputFile(path: path, text: try site.templates.render("embed", context))
    }

    /// The `<iframe>` HTML a reader can copy (shown as text, so the template escapes it again):
    /// the embed page's absolute address with `url:`, else its address within the site (and the
    /// chart template says how to get one that works elsewhere).
    /// - Parameters:
    ///   - height: the frame's height (CSS px) at ``ChartFrame/snippetWidth``.
    ///   - responsive: the snippet whose frame takes the column's width and the chart's height at
    ///     any width: the embed page with `?height=auto`, marked `data-podium-embed`, and the site's
    ///     `assets/podium-embed.js`. Otherwise the frame is ``ChartFrame/snippetWidth`` wide (or
    ///     the column's width, if narrower) and `height` high.
    static func iframeSnippet(_ chart: ChartSpec, site: SiteModel, height: Int = 480, responsive: Bool = false) -> String {
        let path = "embed/\(chart.id).html"
        let source = (site.absoluteURL(of: path) ?? path) + (responsive ? "?height=auto" : "")
        let size = responsive ? "width=\"100%\" height=\"\(height)\" style=\"border:0\""
            : "width=\"\(ChartFrame.snippetWidth)\" height=\"\(height)\" style=\"border:0;max-width:100%\""
        let iframe = "<iframe src=\"\(Escape.html(source))\" title=\"\(Escape.html(chart.title))\" \(size) loading=\"lazy\""
        guard responsive else { return iframe + "></iframe>" }
        let script = site.absoluteURL(of: "assets/podium-embed.js") ?? "assets/podium-embed.js"
        return iframe + " data-podium-embed></iframe>\n<script src=\"\(Escape.html(script))\" async></script>"
    }

    // MARK: - Helpers

    /// A template's list page: its title, then a link to each of its pages (text escaped).
    static func entityList(_ links: [EntityLink], title: String, root: String) -> String {
        var html = "<h1>\(Escape.html(title))</h1>\n<ul class=\"podium-entities\">\n"
        for link in links {
            html += "<li><a href=\"\(Escape.html(root + link.path))\">\(Escape.html(link.title))</a></li>\n"
        }
        return html + "</ul>"
    }

    private static func trimmingTrailingNewlines(_ text: String) -> String {
        var text = Substring(text)
        while text.last == "\n" { text.removeLast() }
        return String(text)
    }

    /// `""` for a file at the root, `"../"` per folder level otherwise.
    static func relativeRoot(of path: String) -> String {
        String(repeating: "../", count: path.filter { $0 == "/" }.count)
    }

    private static func validate(_ site: SiteModel, skipping kept: [String: [OutputFile]]) throws {
        var diagnostics = PageParser.duplicateChartIDs(in: site.pages)
        var names: Set<String> = []
        for page in site.pages {
            let location = Diagnostic.Location(file: page.path)
            // A page made from a template is `<template>/<slug>`: the slug is safe by construction.
            if !isValidPageName(page.entity?.template ?? page.name) {
                diagnostics.append(.error(
                    "page name '\(page.name)' cannot name a web page", at: location,
                    hint: "rename the file with letters, digits, '-' and '_' only, like pages/medals-by-country.md"))
            } else if !names.insert(page.name.lowercased()).inserted {
                diagnostics.append(.error(
                    "another page is also named '\(page.name)'", at: location,
                    hint: "rename one of the files: page names become file names, compared without case"))
            }
            for chart in page.charts where kept[page.name] == nil {
                // A result only stored was checked when it was queried or read back (`ChartQueries`).
                if let result = site.results[chart.id] {
                    diagnostics += ChartBlockParser.check(chart, against: result)
                } else if !site.shelf.contains(chart.id) {
                    diagnostics.append(.error("chart '\(chart.id)' has no query result", at: chart.location,
                                              hint: "this is a bug in Podium: every chart's query should have run"))
                }
            }
        }
        if site.pages.isEmpty {
            diagnostics.append(.error("the site has no pages", hint: "add a Markdown page such as pages/index.md"))
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
    }

    /// ASCII letters, digits, `-` and `_`, starting with a letter or digit.
    private static func isValidPageName(_ name: String) -> Bool {
        func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        guard let first = name.unicodeScalars.first, isAlphanumeric(first) else { return false }
        return name.unicodeScalars.allSatisfy { isAlphanumeric($0) || $0 == "-" || $0 == "_" }
    }
}
