import Foundation
import Ccmark

/// A CommonMark document parsed by libcmark, rendered to HTML in safe mode.
///
/// Safe mode (libcmark's default) replaces raw HTML with `<!-- raw HTML omitted -->` and empties
/// `javascript:`, `vbscript:`, `file:` and most `data:` link targets. Only a project that sets
/// `allow_html: true` (trusting its page authors) renders with `CMARK_OPT_UNSAFE`. Invalid UTF-8
/// is replaced (`CMARK_OPT_VALIDATE_UTF8`).
///
/// This file is the only place that imports `Ccmark`. The document owns its node tree and frees
/// it when it is released.
public final class Markdown {
    /// A code block of the document: fenced (```` ``` ````) or indented.
    public struct CodeBlock: Equatable, Sendable {
        /// The whole info string after the opening fence; empty for indented blocks.
        public var info: String
        /// The first word of the info string (`chart` for ```` ```chart ````); may be empty.
        public var language: String
        /// The block's contents, without fences.
        public var literal: String
        /// 1-based line of the opening fence (or first line) in the Markdown text.
        public var line: Int
        /// 1-based column of the block's first character.
        public var column: Int
    }

    private static let safeOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8

    /// The Markdown source this document was parsed from.
    public let text: String
    /// Whether raw HTML and all link targets pass through (`allow_html: true`).
    public let allowsHTML: Bool
    private let options: Int32
    private let root: OpaquePointer

    /// Parses CommonMark text. Parsing never fails: any text is a CommonMark document.
    /// - Parameters:
    ///   - text: the Markdown source.
    ///   - allowHTML: render raw HTML and every link target as written (unsafe: only for
    ///     trusted page authors); false keeps libcmark's safe mode.
    public init(_ text: String, allowHTML: Bool = false) {
        self.text = text
        self.allowsHTML = allowHTML
        let options = Self.safeOptions | (allowHTML ? CMARK_OPT_UNSAFE : 0)
        self.options = options
        var bytes = Array(text.utf8)
        let count = bytes.count
        let parsed = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(count, 1)) {
                cmark_parse_document($0, count, options)
            }
        }
        guard let parsed else { fatalError("libcmark could not allocate a document") }
        self.root = parsed
    }

    deinit { cmark_node_free(root) }

    /// Every code block, in document order.
    public var codeBlocks: [CodeBlock] { codeBlockNodes().map(\.block) }

    /// The document as HTML (safe mode unless `allowHTML`).
    public func html() -> String { Self.render(root, options) }

    /// Text the reader sees, as opposed to code: a run of text (in a paragraph, heading, list
    /// item, emphasis, link text or image description), or a link's or image's destination.
    /// Code spans, code blocks, raw HTML and link titles are not prose.
    public struct Prose: Equatable, Sendable {
        public enum Kind: Equatable, Sendable {
            /// Text, rendered escaped.
            case text
            /// A link's or image's destination (URL).
            case destination
        }
        /// The text as libcmark read it (escapes and entities resolved); adjacent pieces of text
        /// are joined, so a run of text is one piece up to the next markup or line break.
        public var text: String
        public var kind: Kind
        /// 1-based line in the Markdown text where the piece (or its link) starts; 0 when unknown.
        /// A destination comes after its link's text.
        public var line: Int
        /// 1-based byte column of that start.
        public var column: Int
    }

    /// Every piece of prose, in document order.
    public var prose: [Prose] { Markdown(text, allowHTML: allowsHTML).proseNodes().map(\.prose) }

    /// The document as HTML, with chosen code blocks replaced by trusted HTML.
    ///
    /// Safe mode stays on: each replaced block becomes a paragraph holding a unique placeholder
    /// token, the tree is rendered, then each `<p>TOKEN</p>` is replaced by its HTML. The token is
    /// chosen so that it occurs nowhere in the document's own rendering.
    /// - Parameters:
    ///   - prose: new text for a piece of prose (see ``prose``), or nil to keep it; no closure
    ///     keeps every piece. The text is
    ///     set on libcmark's node, so it is escaped like any text (a destination is still
    ///     subject to safe mode).
    ///   - replacement: the HTML for a code block, or nil to render the block as code.
    /// - Returns: the HTML of the document.
    public func html(replacingProse prose: ((Prose) -> String?)? = nil,
                     replacingCodeBlocks replacement: (CodeBlock) -> String?) -> String {
        // A fresh tree: this document's own tree stays unmodified.
        let copy = Markdown(text, allowHTML: allowsHTML)
        // Collect first, modify after the iterator is done (libcmark's rule).
        let edits = prose.map { prose in
            copy.proseNodes().compactMap { node, piece in prose(piece).map { (node, piece.kind, $0) } }
        } ?? []
        for (node, kind, text) in edits {
            switch kind {
            case .text: cmark_node_set_literal(node, text)
            case .destination: cmark_node_set_url(node, text)
            }
        }
        // The token is chosen after the prose is replaced: a value may hold any text.
        let plain = Self.render(copy.root, options)
        var prefix = "podium-block-placeholder"
        while plain.containsBytes(prefix) || text.containsBytes(prefix) { prefix += "-x" }

        var substitutions: [(token: String, html: String)] = []
        // Collect first, modify after the iterator is done (libcmark's rule).
        for (node, block) in copy.codeBlockNodes() {
            guard let html = replacement(block) else { continue }
            let token = "\(prefix)-\(substitutions.count)-"
            substitutions.append((token, html))
            let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)
            let textNode = cmark_node_new(CMARK_NODE_TEXT)
            cmark_node_set_literal(textNode, token)
            cmark_node_append_child(paragraph, textNode)
            cmark_node_replace(node, paragraph)
            cmark_node_free(node)
        }
        return Self.splice(Self.render(copy.root, options), substitutions)
    }

    /// Replaces each token (in document order) by its HTML in one forward pass, so HTML already
    /// spliced in is never searched again. A token alone in a paragraph loses the `<p>` too;
    /// paragraphs in tight lists render without `<p>`, so the bare token is accepted as well.
    private static func splice(_ html: String, _ substitutions: [(token: String, html: String)]) -> String {
        var output = ""
        var rest = html[...]
        for substitution in substitutions {
            guard let range = rest.firstRange(ofBytes: substitution.token) else { continue }
            var start = range.lowerBound, end = range.upperBound
            if rest[..<start].hasSuffix("<p>"), rest[end...].hasPrefix("</p>") {
                start = rest.index(start, offsetBy: -3)
                end = rest.index(end, offsetBy: 4)
            }
            output += rest[..<start]
            output += substitution.html
            rest = rest[end...]
        }
        output += rest
        return output
    }

    /// The nodes of every piece of prose, in document order; adjacent text nodes are joined first.
    private func proseNodes() -> [(node: OpaquePointer, prose: Prose)] {
        cmark_consolidate_text_nodes(root)
        var found: [(OpaquePointer, Prose)] = []
        guard let iterator = cmark_iter_new(root) else { return [] }
        defer { cmark_iter_free(iterator) }
        func string(_ pointer: UnsafePointer<CChar>?) -> String { pointer.map { String(cString: $0) } ?? "" }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let line = Int(cmark_node_get_start_line(node)), column = Int(cmark_node_get_start_column(node))
            switch (cmark_node_get_type(node), event) {
            case (CMARK_NODE_TEXT, CMARK_EVENT_ENTER):
                found.append((node, Prose(text: string(cmark_node_get_literal(node)), kind: .text, line: line, column: column)))
            case (CMARK_NODE_LINK, CMARK_EVENT_EXIT), (CMARK_NODE_IMAGE, CMARK_EVENT_EXIT):
                // On leaving the link: its destination comes after its text, as written.
                found.append((node, Prose(text: string(cmark_node_get_url(node)), kind: .destination, line: line, column: column)))
            default:
                continue
            }
        }
        return found
    }

    private func codeBlockNodes() -> [(node: OpaquePointer, block: CodeBlock)] {
        var found: [(OpaquePointer, CodeBlock)] = []
        guard let iterator = cmark_iter_new(root) else { return [] }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK
            else { continue }
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            let language = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
            let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            let block = CodeBlock(
                info: info, language: language, literal: literal,
                line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
            found.append((node, block))
        }
        return found
    }

    private static func render(_ node: OpaquePointer, _ options: Int32) -> String {
        guard let html = cmark_render_html(node, options) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }
}
