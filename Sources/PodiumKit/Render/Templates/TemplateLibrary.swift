import Foundation
import Mustache

/// The site's theme: Mustache templates and static assets.
///
/// The default theme ships in the package's resources (`Resources/templates/`); a project's own
/// `templates/` folder overrides it file by file. Templates are `*.mustache` files, named by their
/// path without the extension (`layout`, `chart`, `partials/nav`) and usable as partials by that
/// name (`{{> footer}}`). Files under `assets/` are copied to the site's `assets/` folder.
///
/// `{{x}}` escapes HTML; `{{{x}}}` is only for trusted HTML Podium produced (cmark output, chart SVG).
public struct TemplateLibrary: Sendable {
    /// One file of a theme.
    public struct File: Equatable, Sendable {
        /// The path inside the theme folder, with `/` separators (`layout.mustache`, `assets/podium.css`).
        public var path: String
        public var contents: [UInt8]
        /// Where the file comes from, for diagnostics (`templates/layout.mustache`).
        public var displayPath: String

        /// Creates a theme file.
        public init(path: String, contents: [UInt8], displayPath: String) {
            self.path = path
            self.contents = contents
            self.displayPath = displayPath
        }
    }

    /// The display prefix of the default theme's files in diagnostics.
    public static let defaultDisplayPrefix = "(default theme) templates"

    private var library: MustacheLibrary
    /// The names of the templates, sorted.
    public let templateNames: [String]
    /// Files under `assets/`, sorted by path; each is copied to the site at the same path.
    public let assets: [File]
    /// Each stylesheet asset's path → the first 8 hex digits of the SHA-256 of its contents.
    private let stylesheetVersions: [String: String]
    /// The SHA-256 (hex) of every file of the theme, paths and contents: equal digests render
    /// equal pages from equal inputs (a page whose inputs and theme are unchanged keeps its files).
    public let digest: String

    /// Builds a library from theme files; a later file with the same path replaces an earlier one.
    /// - Parameter files: theme files (default theme first, then the project's).
    /// - Throws: `DiagnosticsError` with every template syntax error and unknown partial, each at
    ///   its file, line and column.
    public init(files: [File]) throws {
        var byPath: [String: File] = [:]
        for file in files { byPath[file.path] = file }
        let sorted = byPath.keys.sorted().map { byPath[$0]! }

        var diagnostics: [Diagnostic] = []
        var library = MustacheLibrary()
        var texts: [(name: String, file: File, text: String)] = []
        for file in sorted {
            guard let name = Self.templateName(file) else { continue }
            guard let text = String(validating: file.contents, as: UTF8.self) else {
                diagnostics.append(.error("template is not valid UTF-8", at: .init(file: file.displayPath),
                                          hint: "save the template as UTF-8 text"))
                continue
            }
            do {
                library.register(try MustacheTemplate(string: text), named: name)
                texts.append((name, file, text))
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(.error(
                    "template syntax error: \(Self.describe(error.error))",
                    at: .init(file: file.displayPath, line: error.context.lineNumber, column: error.context.columnNumber),
                    notes: error.context.line.trimmingCharacters(in: .whitespaces).isEmpty ? [] : [.init(error.context.line)],
                    hint: "check the {{ }} tags near this position; sections {{#x}} … {{/x}} must be closed in order"))
            } catch {
                diagnostics.append(.error("template syntax error: \(error)", at: .init(file: file.displayPath),
                                          hint: "check the template's {{ }} tags"))
            }
        }
        // Templates that failed to parse still count as known partials: no cascade of errors.
        let names = Set(sorted.compactMap(Self.templateName))
        for entry in texts {
            for partial in Self.partials(in: entry.text) where !names.contains(partial.name) {
                let suggestion = partial.name.closestMatch(in: names.sorted())
                diagnostics.append(.error(
                    "template uses an unknown partial '\(partial.name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                    at: .init(file: entry.file.displayPath, line: partial.line, column: partial.column),
                    hint: "add templates/\(partial.name).mustache, or name an existing template"))
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        self.library = library
        self.templateNames = texts.map(\.name)
        self.assets = sorted.filter { $0.path.hasPrefix("assets/") }
        var versions: [String: String] = [:]
        for asset in assets where asset.path.hasSuffix(".css") {
            var hasher = SHA256()
            asset.contents.withUnsafeBytes { hasher.update($0) }
            versions[asset.path] = String(hasher.finalize().prefix(8))
        }
        self.stylesheetVersions = versions
        var hasher = SHA256()
        for file in sorted {
            hasher.update("\(file.path)\u{0}\(file.contents.count)\u{0}")
            file.contents.withUnsafeBytes { hasher.update($0) }
        }
        digest = hasher.finalize()
    }

    /// A stylesheet's address with its version (`assets/podium.css?v=1a2b3c4d`, the first 8 hex
    /// digits of the SHA-256 of its contents), so that a changed stylesheet has a new address and
    /// reaches readers past their browser's cache; the path as it is for other files.
    /// - Parameter path: the asset's path in the site (`assets/podium.css`).
    public func versionedAddress(ofAsset path: String) -> String {
        stylesheetVersions[path].map { "\(path)?v=\($0)" } ?? path
    }

    /// Loads the default theme, overridden file by file by a project's templates folder.
    /// - Parameters:
    ///   - projectTemplates: the project's `templates/` folder; nil or missing means none.
    ///   - displayPath: how that folder is named in diagnostics (relative to the project root).
    /// - Throws: `DiagnosticsError` for unreadable files and template errors.
    public static func load(projectTemplates: URL?, displayPath: String = "templates") throws -> TemplateLibrary {
        var files = try defaultThemeFiles()
        var isDirectory: ObjCBool = false
        if let projectTemplates, FileManager.default.fileExists(atPath: projectTemplates.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw DiagnosticsError(.error(
                    "the templates folder is a file, not a folder", at: .init(file: displayPath),
                    hint: "'templates:' in podium.yaml names a folder of templates that override the default theme: move the file away or name another folder"))
            }
            files += try Self.files(in: projectTemplates, displayPrefix: displayPath)
        }
        return try TemplateLibrary(files: files)
    }

    /// The default theme's files, read from the package resources.
    /// - Throws: `DiagnosticsError` if the resources are missing (a broken installation).
    public static func defaultThemeFiles() throws -> [File] {
        guard let folder = PackageResources.templates else {
            throw DiagnosticsError(.error(
                "the default templates are missing from Podium's resources",
                hint: "reinstall podium: its resource bundle must sit next to the binary"))
        }
        return try files(in: folder, displayPrefix: defaultDisplayPrefix)
    }

    /// Every regular file under a folder (recursively, hidden files skipped), sorted by path.
    /// - Parameters:
    ///   - folder: the theme folder.
    ///   - displayPrefix: the folder's name in diagnostics.
    public static func files(in folder: URL, displayPrefix: String) throws -> [File] {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        var files: [File] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let full = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard full.hasPrefix(root.path + "/") else { continue }
            let relative = String(full.dropFirst(root.path.count + 1))
            let display = "\(displayPrefix)/\(relative)"
            do {
                files.append(File(path: relative, contents: Array(try Data(contentsOf: url)), displayPath: display))
            } catch {
                throw DiagnosticsError(.error("cannot read template file: \(error.localizedDescription)",
                                              at: .init(file: display), hint: "check the file's permissions"))
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Whether a template exists.
    public func contains(_ name: String) -> Bool { library.getTemplate(named: name) != nil }

    /// Renders a template.
    /// - Parameters:
    ///   - name: the template's name (`layout`).
    ///   - context: the values it reads: dictionaries `[String: Any]`, arrays, strings, booleans.
    /// - Throws: `DiagnosticsError` if there is no template with that name.
    public func render(_ name: String, _ context: [String: Any]) throws -> String {
        guard let output = library.render(context, withTemplate: name) else {
            let suggestion = name.closestMatch(in: templateNames)
            throw DiagnosticsError(.error(
                "there is no template named '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                hint: "add templates/\(name).mustache; the default theme has layout, chart, embed and footer"))
        }
        return output
    }

    // MARK: - Helpers

    /// A file's template name (its path without `.mustache`), nil for assets and other files.
    private static func templateName(_ file: File) -> String? {
        guard !file.path.hasPrefix("assets/"), file.path.hasSuffix(".mustache") else { return nil }
        return String(file.path.dropLast(".mustache".count))
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a name that does not match its opening tag"
        case .unfinishedName: return "a tag is not finished"
        case .expectedSectionEnd: return "a section is never closed"
        case .invalidSetDelimiter: return "the set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection: return "a transform cannot apply to an inheritance section"
        case .illegalTokenInsideInheritSection: return "a tag is not allowed inside an inheritance section"
        case .textInsideInheritSection: return "text is not allowed inside an inheritance section"
        case .invalidConfigVariableSyntax: return "the configuration tag is malformed"
        case .unrecognisedConfigVariable: return "unknown configuration variable"
        }
    }

    /// Partials a template includes (`{{> name}}`, `{{< name}}`), with 1-based positions.
    /// Dynamic partials (`{{>*name}}`) are skipped; custom delimiters are not followed.
    static func partials(in text: String) -> [(name: String, line: Int, column: Int)] {
        var found: [(String, Int, Int)] = []
        var line = 1, column = 1
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if scalars[index] == "{", index + 2 < scalars.count, scalars[index + 1] == "{",
               scalars[index + 2] == ">" || scalars[index + 2] == "<" {
                var cursor = index + 3
                while cursor < scalars.count, scalars[cursor] == " " { cursor += 1 }
                var name = ""
                while cursor < scalars.count, scalars[cursor] != "}", scalars[cursor] != " " {
                    name.unicodeScalars.append(scalars[cursor])
                    cursor += 1
                }
                if !name.isEmpty, !name.hasPrefix("*") { found.append((name, line, column)) }
            }
            if scalars[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        return found
    }
}
