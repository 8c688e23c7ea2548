import Foundation
import PodiumTestSupport
import Testing
@testable import PodiumKit

private func file(_ path: String, _ text: String) -> TemplateLibrary.File {
    TemplateLibrary.File(path: path, contents: Array(text.utf8), displayPath: "templates/\(path)")
}

/// Every diagnostic's description, or `[]` if the library builds.
private func problems(_ files: [TemplateLibrary.File]) -> [String] {
    do {
        _ = try TemplateLibrary(files: try TemplateLibrary.defaultThemeFiles() + files)
        return []
    } catch let error as DiagnosticsError {
        return error.diagnostics.map(\.description)
    } catch {
        return ["unexpected \(error)"]
    }
}

@Suite struct TemplateLibraryTests {
    @Test func defaultThemeLoads() throws {
        let library = try TemplateLibrary.load(projectTemplates: nil)
        #expect(library.templateNames == ["chart", "embed", "footer", "layout"])
        #expect(library.assets.map(\.path) == ["assets/podium-embed.js", "assets/podium.css"])
        #expect(library.assets[1].displayPath == "(default theme) templates/assets/podium.css")
    }

    @Test func projectFilesOverrideFileByFile() throws {
        let project = try makeTemporaryProject([
            "templates/footer.mustache": "<footer>Ours: {{siteTitle}}</footer>\n",
            "templates/assets/podium.css": "body{}\n",
            "templates/assets/logo.svg": "<svg/>",
        ])
        defer { try? FileManager.default.removeItem(at: project) }
        let library = try TemplateLibrary.load(projectTemplates: project.appendingPathComponent("templates"))
        #expect(library.assets.map(\.path) == ["assets/logo.svg", "assets/podium-embed.js", "assets/podium.css"])
        #expect(library.assets.map(\.displayPath) == ["templates/assets/logo.svg", "(default theme) templates/assets/podium-embed.js",
                                                       "templates/assets/podium.css"])
        #expect(library.assets[2].contents == Array("body{}\n".utf8))
        let html = try library.render("layout", ["siteTitle": "A & B", "nav": [[String: Any]](), "body": "<p>x</p>"])
        #expect(html.contains("<footer>Ours: A &amp; B</footer>"))
        #expect(html.contains("<main id=\"main\" class=\"podium-main\">\n<p>x</p>\n</main>"))
    }

    @Test func missingProjectFolderMeansDefaults() throws {
        let library = try TemplateLibrary.load(projectTemplates: URL(fileURLWithPath: "/nonexistent/templates"))
        #expect(library.contains("layout"))
    }

    @Test func syntaxErrorsNameFileLineAndColumn() {
        #expect(problems([file("chart.mustache", "<figure>\n  {{#title}}\n  {{/titel}}\n</figure>\n")]) == ["""
            templates/chart.mustache:3:6: error: template syntax error: a section is closed with a name that does not match its opening tag
              note:   {{/titel}}
              hint: check the {{ }} tags near this position; sections {{#x}} … {{/x}} must be closed in order
            """])
        let unfinished = problems([file("footer.mustache", "<p>\n{{title</p>\n")])
        #expect(unfinished.first?.hasPrefix("templates/footer.mustache:2:") == true)
        #expect(unfinished.first?.contains("a tag is not finished") == true)
    }

    @Test func unknownPartialIsAnError() {
        #expect(problems([file("layout.mustache", "<body>\n  {{> foter}}\n</body>\n")]) == ["""
            templates/layout.mustache:2:3: error: template uses an unknown partial 'foter'; did you mean 'footer'?
              hint: add templates/foter.mustache, or name an existing template
            """])
    }

    @Test func renderingAnUnknownTemplateThrows() throws {
        let library = try TemplateLibrary.load(projectTemplates: nil)
        let error = try #require(throws: DiagnosticsError.self) { try library.render("chrat", [:]) }
        #expect(error.description == """
            error: there is no template named 'chrat'; did you mean 'chart'?
              hint: add templates/chrat.mustache; the default theme has layout, chart, embed and footer
            """)
    }

    @Test func variablesAreEscapedAndTripleMustacheIsRaw() throws {
        let library = try TemplateLibrary(files: [file("t.mustache", "{{text}}|{{{html}}}")])
        #expect(try library.render("t", ["text": "<script>'\"&", "html": "<b>ok</b>"]) ==
            "&lt;script&gt;&#39;&quot;&amp;|<b>ok</b>")
    }

    @Test func embedInlinesThePaletteOfTheStylesheet() throws {
        // The embed page cannot load podium.css: its inline copy of the variables must match.
        let files = try TemplateLibrary.defaultThemeFiles()
        let css = try #require(files.first { $0.path == "assets/podium.css" }.map { String(decoding: $0.contents, as: UTF8.self) })
        let embed = try #require(files.first { $0.path == "embed.mustache" }.map { String(decoding: $0.contents, as: UTF8.self) })
        let compactEmbed = embed.replacingOccurrences(of: " ", with: "")
        var count = 0
        // Declarations only (a rule using a colour, as the table bars do, is not one).
        for line in css.split(separator: "\n")
        where line.trimmingCharacters(in: .whitespaces).hasPrefix("--podium-series-") || line.contains("--podium-fg:") {
            let declaration = line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "")
                .replacingOccurrences(of: ";", with: "")
            #expect(compactEmbed.contains(declaration), "\(declaration)")
            count += 1
        }
        #expect(count == 18)
    }
}
