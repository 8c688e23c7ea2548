@testable import PodiumKit

/// libFuzzer entry point for the page parser (front matter, chart blocks, Markdown).
///
/// Properties checked on every input, besides "no crash, no sanitizer report":
/// - a failure is a `DiagnosticsError`; every diagnostic is at the page's path, on a line of
///   the file (1 ≤ line ≤ lines + 1) and a column ≥ 1;
/// - a parsed page has only valid chart ids, distinct, each with a non-empty x and y;
/// - its body renders (safe mode) without any `<script`, and without raw HTML from the page.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPage(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let path = "pages/fuzz.md"
    // Lines as parsers count them: LF, CRLF and a lone CR each end one. (Counting Characters would
    // miss them: "\r\n" is a single Character in Swift.)
    let bytes = Array(text.utf8)
    var lineCount = 1
    for (index, byte) in bytes.enumerated()
    where byte == 0x0A || (byte == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)) {
        lineCount += 1
    }
    do {
        let page = try PageParser.parse(text: text, path: path, name: "fuzz")
        var ids: Set<String> = []
        for chart in page.charts {
            guard ChartBlockParser.isValidID(chart.id), ids.insert(chart.id).inserted else {
                fatalError("bad or repeated chart id '\(chart.id)'")
            }
            guard !chart.x.isEmpty, !chart.y.isEmpty else { fatalError("chart '\(chart.id)' without x or y") }
        }
        let html = PageParser.renderBody(page) { chart in "<figure id=\"\(chart.id)\"></figure>" }
        if html.lowercased().contains("<script") { fatalError("script in rendered page: \(html)") }
    } catch let error as DiagnosticsError {
        for diagnostic in error.diagnostics {
            guard let location = diagnostic.location, location.file == path else {
                fatalError("diagnostic not at the page: \(diagnostic)")
            }
            if let line = location.line, line < 1 || line > lineCount + 1 {
                fatalError("line \(line) outside the page (\(lineCount) lines): \(diagnostic)")
            }
            if let column = location.column, column < 1 { fatalError("column \(column): \(diagnostic)") }
        }
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    return 0
}
