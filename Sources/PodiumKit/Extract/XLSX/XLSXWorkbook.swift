/// What a worksheet's cells refer to, read once per workbook: its sheets, date system, the number
/// format kind of each cell style, and the shared strings (the one table held in memory).
final class XLSXWorkbook {
    struct Sheet {
        var name: String
        /// The sheet's part in the archive, such as `xl/worksheets/sheet1.xml`.
        var part: String
    }

    let archive: ZipArchive
    let displayPath: String
    /// The sheets in workbook order.
    let sheets: [Sheet]
    /// Whether dates count from 1904-01-01 (`<workbookPr date1904="1"/>`).
    let date1904: Bool
    /// The value kind of each cell style (`s="3"` is `styles[3]`).
    let styles: [XLSXValueKind]
    /// The shared strings, end to end, and where each ends: string `i` is
    /// `stringBytes[stringEnds[i - 1] ..< stringEnds[i]]` (from 0 for the first).
    private let stringBytes: [UInt8]
    private let stringEnds: [Int]

    /// Opens the workbook at `path` and reads everything but its sheets' cells.
    /// - Throws: `DiagnosticsError` naming `displayPath` for a file that is not a readable workbook.
    init(path: String, displayPath: String, limits: ZipLimits = .default) throws {
        let archive = try ZipArchive(path: path, displayPath: displayPath, limits: limits)
        self.archive = archive
        self.displayPath = displayPath

        let rootRelations = try Self.relations(archive, part: "_rels/.rels", base: "")
        let workbookPart = rootRelations.first { $0.type.hasSuffix("/officeDocument") }?.target ?? "xl/workbook.xml"
        guard archive.entry(workbookPart) != nil else {
            if archive.entries.isEmpty || archive.entry("[Content_Types].xml") == nil { throw XLSXError.notAWorkbookArchive(displayPath) }
            throw XLSXError.missingPart(displayPath, "workbook part (\(workbookPart))")
        }
        let folder = workbookPart.split(separator: "/").dropLast().joined(separator: "/")
        let relationsPart = (folder.isEmpty ? "" : folder + "/") + "_rels/" + (workbookPart.split(separator: "/").last.map(String.init) ?? "") + ".rels"
        let relations = try Self.relations(archive, part: relationsPart, base: folder)

        var sheets: [Sheet] = []
        var date1904 = false
        try Self.scan(archive, part: workbookPart) { scanner in
            if scanner.isName("workbookPr"), let value = scanner.attributeString("date1904") {
                date1904 = value == "1" || value == "true"
            } else if scanner.isName("sheet"), let name = scanner.attributeString("name"), let id = scanner.attributeString("id"),
                      let target = relations.first(where: { $0.id == id })?.target {
                sheets.append(Sheet(name: name, part: target))
            }
        }
        guard !sheets.isEmpty else { throw XLSXError.noSheets(displayPath) }
        self.sheets = sheets
        self.date1904 = date1904

        let stylesPart = relations.first { $0.type.hasSuffix("/styles") }?.target
        styles = try stylesPart.map { try Self.readStyles(archive, part: $0) } ?? []
        let stringsPart = relations.first { $0.type.hasSuffix("/sharedStrings") }?.target
        (stringBytes, stringEnds) = try stringsPart.map { try Self.readSharedStrings(archive, part: $0) } ?? ([], [])
    }

    /// The number of shared strings.
    var sharedStringCount: Int { stringEnds.count }

    /// Calls `body` with the bytes of shared string `index`; nil when there is no such string.
    @inline(__always)
    func withSharedString<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        guard index >= 0, index < stringEnds.count else { return nil }
        let start = index == 0 ? 0 : stringEnds[index - 1]
        return try stringBytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<stringEnds[index]])) }
    }

    /// A sheet by name; the first when `name` is nil.
    func sheet(named name: String?) throws -> Sheet {
        guard let name else { return sheets[0] }
        guard let sheet = sheets.first(where: { $0.name == name }) else {
            throw XLSXError.sheetNotFound(displayPath, sheet: name, sheets: sheets.map(\.name))
        }
        return sheet
    }

    /// A streamed XML scanner over `part`.
    func scanner(_ part: String) throws -> XMLScanner {
        guard let entry = archive.entry(part) else { throw XLSXError.missingPart(displayPath, part) }
        return XMLScanner(try ZipEntryStream(archive, entry), displayPath: displayPath, part: part)
    }

    // MARK: - Parts read once

    private struct Relation {
        var id: String
        var type: String
        var target: String
    }

    /// The relationships of a part, targets resolved against `base` (the folder of the part they belong to).
    private static func relations(_ archive: ZipArchive, part: String, base: String) throws -> [Relation] {
        guard archive.entry(part) != nil else { return [] }
        var result: [Relation] = []
        try scan(archive, part: part) { scanner in
            guard scanner.isName("Relationship"), let id = scanner.attributeString("Id"),
                  let target = scanner.attributeString("Target"), scanner.attributeString("TargetMode") != "External"
            else { return }
            result.append(Relation(id: id, type: scanner.attributeString("Type") ?? "", target: resolve(target, base: base)))
        }
        return result
    }

    /// `target` as an archive path: absolute (`/xl/x.xml`) or relative to `base` (`../x.xml`).
    private static func resolve(_ target: String, base: String) -> String {
        var parts = target.hasPrefix("/") ? [] : base.split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(String(piece)) }
        }
        return parts.joined(separator: "/")
    }

    /// Calls `visit` at every start tag of `part`, which is read into memory only up to the
    /// limits' `maxInMemoryBytes`.
    private static func scan(_ archive: ZipArchive, part: String, _ visit: (borrowing XMLScanner) throws -> Void) throws {
        guard let entry = archive.entry(part) else { throw XLSXError.missingPart(archive.displayPath, part) }
        var scanner = XMLScanner(try ZipEntryStream(archive, entry, maxBytes: archive.limits.maxInMemoryBytes),
                                 displayPath: archive.displayPath, part: part)
        while true {
            switch try scanner.next() {
            case .start: try visit(scanner)
            case .endOfDocument: return
            default: continue
            }
        }
    }

    /// The kind of every cell style: `cellXfs` entries' `numFmtId`, looked up in the workbook's
    /// own `numFmts` first (which may redefine a built-in id), then in the built-in table.
    private static func readStyles(_ archive: ZipArchive, part: String) throws -> [XLSXValueKind] {
        var formats: [Int: XLSXValueKind] = [:]
        var cellFormats: [Int] = []
        var inCellXfs = false
        guard let entry = archive.entry(part) else { return [] }
        var scanner = XMLScanner(try ZipEntryStream(archive, entry, maxBytes: archive.limits.maxInMemoryBytes),
                                 displayPath: archive.displayPath, part: part)
        while true {
            switch try scanner.next() {
            case .start:
                if scanner.isName("numFmt"), let id = scanner.attributeString("numFmtId").flatMap({ Int($0) }),
                   let code = scanner.attributeString("formatCode") {
                    formats[id] = XLSXValueKind.parse(code)
                } else if scanner.isName("cellXfs") {
                    inCellXfs = !scanner.selfClosing
                } else if inCellXfs, scanner.isName("xf") {
                    cellFormats.append(scanner.attributeString("numFmtId").flatMap { Int($0) } ?? 0)
                }
            case .end:
                if scanner.isName("cellXfs") { inCellXfs = false }
            case .text:
                continue
            case .endOfDocument:
                return cellFormats.map { formats[$0] ?? XLSXValueKind.builtIn($0) }
            }
        }
    }

    /// Every `<si>`: its `<t>` texts joined (rich-text runs), phonetic runs (`<rPh>`) left out.
    private static func readSharedStrings(_ archive: ZipArchive, part: String) throws -> ([UInt8], [Int]) {
        guard let entry = archive.entry(part) else { return ([], []) }
        var scanner = XMLScanner(try ZipEntryStream(archive, entry, maxBytes: archive.limits.maxInMemoryBytes),
                                 displayPath: archive.displayPath, part: part)
        var bytes: [UInt8] = []
        var ends: [Int] = []
        var inText = false, inPhonetic = false, inItem = false
        while true {
            switch try scanner.next() {
            case .start:
                if scanner.isName("si") {
                    inItem = !scanner.selfClosing
                    if scanner.selfClosing { ends.append(bytes.count) }
                } else if scanner.isName("t") {
                    inText = !scanner.selfClosing && !inPhonetic
                } else if scanner.isName("rPh") {
                    inPhonetic = !scanner.selfClosing
                }
            case .end:
                if scanner.isName("si"), inItem {
                    guard XLSXRowAssembler.isValidUTF8(bytes[(ends.last ?? 0)...]) else {
                        throw XLSXError.corrupt(archive.displayPath, "shared string \(ends.count) is not valid UTF-8")
                    }
                    ends.append(bytes.count)
                    inItem = false
                } else if scanner.isName("t") {
                    inText = false
                } else if scanner.isName("rPh") {
                    inPhonetic = false
                }
            case .text:
                if inText, inItem { XLSXText.appendUnescaped(scanner.text, to: &bytes) }
            case .endOfDocument:
                return (bytes, ends)
            }
        }
    }
}

/// Text as OOXML stores it: `_xHHHH_` escapes a character XML cannot hold (`_x000D_` is a
/// carriage return), `_x005F_` an underscore that would otherwise start one.
enum XLSXText {
    static func appendUnescaped<Bytes: RandomAccessCollection<UInt8>>(_ text: Bytes, to output: inout [UInt8]) where Bytes.Index == Int {
        guard text.contains(UInt8(ascii: "_")) else {
            output.append(contentsOf: text)
            return
        }
        var index = 0
        while index < text.count {
            if text[index] == UInt8(ascii: "_"), index + 6 < text.count, text[index + 1] == UInt8(ascii: "x"),
               text[index + 6] == UInt8(ascii: "_"),
               let value = UInt32(String(decoding: text[(index + 2)..<(index + 6)], as: UTF8.self), radix: 16),
               let scalar = Unicode.Scalar(value) {
                output.append(contentsOf: Array(String(Character(scalar)).utf8))
                index += 7
            } else {
                output.append(text[index])
                index += 1
            }
        }
    }
}
