import Testing
@testable import PodiumKit

@Suite struct MarkdownTests {
    @Test func rendersCommonMark() {
        #expect(Markdown("# Medals\n\nThe *United States* & China.\n").html() ==
            "<h1>Medals</h1>\n<p>The <em>United States</em> &amp; China.</p>\n")
    }

    @Test func proseIsTextAndDestinationsNotCode() {
        let markdown = Markdown("# A *b* c\n\n`code` [link](x.html \"title\") d\n\n    block\n")
        #expect(markdown.prose.map(\.text) == ["A ", "b", " c", " ", "link", "x.html", " d"])
        #expect(markdown.prose.map(\.kind) == [.text, .text, .text, .text, .text, .destination, .text])
        let html = markdown.html(replacingProse: { $0.kind == .destination ? "y.html" : "<" + $0.text + ">" },
                                 replacingCodeBlocks: { _ in nil })
        #expect(html == "<h1>&lt;A &gt;<em>&lt;b&gt;</em>&lt; c&gt;</h1>\n"
            + "<p><code>code</code>&lt; &gt;<a href=\"y.html\" title=\"title\">&lt;link&gt;</a>&lt; d&gt;</p>\n<pre><code>block\n</code></pre>\n")
    }

    /// A value that holds the token a chart block is swapped for cannot take the chart's place.
    @Test func proseCannotForgeAChartToken() {
        let html = Markdown("Text\n\n```chart\nx\n```\n").html(
            replacingProse: { _ in "podium-block-placeholder-0-" }, replacingCodeBlocks: { _ in "<figure></figure>" })
        #expect(html == "<p>podium-block-placeholder-0-</p>\n<figure></figure>\n")
    }

    @Test func safeModeDropsRawHTML() {
        let html = Markdown("<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)> there\n").html()
        #expect(html == "<!-- raw HTML omitted -->\n<p>Hi <!-- raw HTML omitted --> there</p>\n")
        #expect(!html.contains("<script"))
    }

    @Test func safeModeEmptiesJavaScriptLinks() {
        #expect(Markdown("[click](javascript:alert(1)) [ok](https://example.org)").html() ==
            "<p><a href=\"\">click</a> <a href=\"https://example.org\">ok</a></p>\n")
    }

    @Test func invalidUTF8CannotReachOutput() {
        // Swift strings are valid UTF-8; NUL becomes U+FFFD in cmark.
        #expect(Markdown("a\u{0}b").html() == "<p>a\u{FFFD}b</p>\n")
    }

    @Test func listsCodeBlocksWithLines() {
        let markdown = Markdown("""
            Text

            ```chart extra words
            id: a
            ```

                indented

            ~~~sql
            select 1
            ~~~
            """)
        #expect(markdown.codeBlocks == [
            .init(info: "chart extra words", language: "chart", literal: "id: a\n", line: 3, column: 1),
            .init(info: "", language: "", literal: "indented\n", line: 7, column: 5),
            .init(info: "sql", language: "sql", literal: "select 1\n", line: 9, column: 1),
        ])
    }

    @Test func replacesCodeBlocksWithTrustedHTML() {
        let markdown = Markdown("Before\n\n```chart\nid: a\n```\n\n```sql\nselect 1\n```\n\nAfter <b>x</b>\n")
        let html = markdown.html(replacingCodeBlocks: { $0.language == "chart" ? "<svg><g/></svg>" : nil })
        #expect(html == """
            <p>Before</p>
            <svg><g/></svg>
            <pre><code class="language-sql">select 1
            </code></pre>
            <p>After <!-- raw HTML omitted -->x<!-- raw HTML omitted --></p>

            """)
        // The document itself is unchanged.
        #expect(markdown.codeBlocks.count == 2)
    }

    @Test func placeholderTokenNeverCollidesWithText() {
        let text = "podium-block-placeholder-0-\n\n```chart\n```\n\n- item\n\n  ```chart\n  ```\n"
        let html = Markdown(text).html(replacingCodeBlocks: { _ in "<figure>podium-block-placeholder-1-</figure>" })
        #expect(html == """
            <p>podium-block-placeholder-0-</p>
            <figure>podium-block-placeholder-1-</figure>
            <ul>
            <li>
            <p>item</p>
            <figure>podium-block-placeholder-1-</figure>
            </li>
            </ul>

            """)
    }
}
