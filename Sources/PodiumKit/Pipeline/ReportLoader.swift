import Foundation

/// Reads the pages of a project and checks what spans pages: names and chart ids.
struct ReportLoader {
    let root: URL
    let project: ProjectFile

    /// Every `*.md` page of the pages folder, in navigation order (`order:`, then name).
    /// - Throws: `DiagnosticsError` with every problem of every page.
    func loadPages() throws -> [Page] {
        let folder = root.appendingPathComponent(project.pages)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasSuffix(".md") }.sorted()
        } catch {
            throw DiagnosticsError(.error("pages folder '\(project.pages)' not found", at: .init(file: ProjectFile.fileName),
                                          hint: "create \(project.pages)/index.md, or set `pages:` in podium.yaml"))
        }
        let diagnostics = DiagnosticCollector()
        var pages: [Page] = []
        for fileName in names {
            let stem = String(fileName.dropLast(3))
            let displayPath = "\(project.pages)/\(fileName)"
            guard Self.isAllowedStem(stem) else {
                diagnostics.emit(.error("page file name '\(fileName)' is not allowed", at: .init(file: displayPath),
                                        hint: "use letters, digits, '-' and '_' only: the name becomes <name>.html"))
                continue
            }
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(fileName).path),
                  let text = String(data: data, encoding: .utf8) else {
                diagnostics.emit(.error("cannot read page as UTF-8 text", at: .init(file: displayPath),
                                        hint: "save the page as UTF-8"))
                continue
            }
            do {
                var page = try PageParser.parse(text: text, path: displayPath, name: stem)
                page.sourceDigest = SHA256.hex(text)
                pages.append(page)
            } catch let error as DiagnosticsError {
                diagnostics.emit(contentsOf: error.diagnostics)
            }
        }
        if names.isEmpty {
            diagnostics.emit(.error("no pages in '\(project.pages)'", at: .init(file: project.pages),
                                    hint: "add a Markdown page such as \(project.pages)/index.md"))
        }
        diagnostics.emit(contentsOf: PageParser.duplicateChartIDs(in: pages))
        try diagnostics.throwIfErrors()
        return PageParser.sortedForNavigation(pages)
    }

    /// A page file's name without `.md`: an ASCII letter or digit, then letters, digits, `_` and `-`.
    static func isAllowedStem(_ stem: String) -> Bool {
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        guard let first = stem.utf8.first, isAlphanumeric(first) else { return false }
        return stem.utf8.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }
}
