import Testing

@testable import Markup

/// Rendering of post bodies: Ink's Markdown, with raw HTML shown as text and only safe
/// URLs kept.
@Suite("Post Markdown")
struct PostMarkdownTests {
    private func render(_ markdown: String) -> String {
        let html = PostMarkdown.render(markdown)
        // Every example must also pass the security allow-list.
        #expect(HTMLAllowList.post.violations(in: html) == [], "for input \(markdown.debugDescription)")
        return html
    }

    // MARK: Ordinary Markdown

    @Test("Headings, paragraphs and emphasis render as Ink renders them")
    func basics() {
        #expect(
            render("# Title\n\nSome *em*, **strong** and ~~gone~~ text.\n\n## Part")
                == "<h1>Title</h1><p>Some <em>em</em>, <strong>strong</strong> and <s>gone</s> text.</p><h2>Part</h2>")
    }

    @Test("Lists, including an ordered list's start number")
    func lists() {
        #expect(render("- a\n- b\n\n3. c\n4. d") == "<ul><li>a</li><li>b</li></ul><ol start=\"3\"><li>c</li><li>d</li></ol>")
    }

    @Test("Blockquotes, rules and hard line breaks")
    func blocks() {
        #expect(render("> quoted\n\n***\n\nline  \nbreak") == "<blockquote><p>quoted</p></blockquote><hr><p>line<br>break</p>")
    }

    @Test("Tables keep their alignment")
    func tables() {
        #expect(
            render("| a | b |\n|:-|-:|\n| 1 | 2 |") == "<table><thead><tr><th align=\"left\">a</th><th align=\"right\">b</th></tr></thead>"
                + "<tbody><tr><td align=\"left\">1</td><td align=\"right\">2</td></tr></tbody></table>")
    }

    @Test("A pipe inside inline code does not split a table cell")
    func pipeInCodeCell() {
        #expect(render("| a | `b|c` |\n|---|---|\n| 1 | 2 |").contains("<th><code>b|c</code></th>"))
    }

    @Test("A body starting with --- keeps its content (Ink would take it for metadata)")
    func leadingRuleIsNotMetadata() {
        #expect(render("---\nHello\n---\nworld") == "<hr><p>Hello</p><hr><p>world</p>")
    }

    @Test("Backslashes are shown, and escape Markdown characters")
    func backslashes() {
        // Given a Windows path and escaped asterisks
        let html = render("C:\\Users\\me and \\*not em\\*")
        // Then the browser shows the backslashes of the path and literal asterisks
        #expect(html == "<p>C:&#92;Users&#92;me and &#42;not em&#42;</p>")
    }

    @Test("Underscores inside words are not emphasis")
    func snakeCase() {
        #expect(render("call snake_case_name, _really_") == "<p>call snake&#95;case&#95;name, <em>really</em></p>")
    }

    @Test("Character references stay; a bare & is escaped")
    func ampersands() {
        #expect(render("&copy; 2024 &amp; AT&T &#x3C;") == "<p>&copy; 2024 &amp; AT&amp;T &#x3C;</p>")
    }

    // MARK: Code

    @Test("Inline code shows markup literally and is not double-escaped")
    func inlineCode() {
        #expect(
            render("Use `<b>` and `&amp;` and `a*b*c`")
                == "<p>Use <code>&lt;b&gt;</code> and <code>&amp;amp;</code> and <code>a*b*c</code></p>")
    }

    @Test("Fenced code keeps its text verbatim and gets a language class")
    func fencedCode() {
        // Given a fenced block with HTML, an entity and Markdown syntax in it
        let markdown = "Before\n```html\n<p class=\"x\">&amp; *not em* [not](link)</p>\n  indented\n```\nAfter"
        // When it is rendered
        let html = render(markdown)
        // Then the code is shown exactly as written
        #expect(
            html
                == "<p>Before</p><pre><code class=\"language-html\">&lt;p class=&quot;x&quot;&gt;&amp;amp; *not em* [not](link)&lt;/p&gt;\n  indented</code></pre><p>After</p>"
        )
    }

    @Test("An unclosed fence runs to the end of the post")
    func unclosedFence() {
        #expect(render("text\n\n```\n<b>code") == "<p>text</p><pre><code>&lt;b&gt;code</code></pre>")
    }

    @Test("Backticks that form no code span are shown")
    func loneBackticks() {
        #expect(render("it`s") == "<p>it&#96;s</p>")
    }

    // MARK: Links and images

    @Test("http, https, mailto and relative links are kept")
    func safeLinks() {
        #expect(
            render(
                "[Site](https://example.com/p?a=1&b=2) [Mail](mailto:a@example.com) [Rel](/p/other) [Frag](#top) [Plain](http://example.com)"
            ) == "<p><a href=\"https://example.com/p?a=1&amp;b=2\">Site</a> <a href=\"mailto:a@example.com\">Mail</a> "
                + "<a href=\"/p/other\">Rel</a> <a href=\"#top\">Frag</a> <a href=\"http://example.com\">Plain</a></p>")
    }

    @Test("A link with a forbidden scheme keeps its text but loses its href")
    func unsafeLinks() {
        for markdown in [
            "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](vbscript:msgbox(1))",
            "[x](data:text/html;base64,PHNjcmlwdD4=)", "[x](&#106;avascript&#58;alert(1))",
            "[x](java\tscript:alert(1))", "[x](  javascript:alert(1))", "[x](`javascript:alert(1)`)",
            "[x](&#0000106avascript:alert(1))", "[x](jav&Tab;ascript:alert(1))",
        ] {
            #expect(render(markdown) == "<p><a>x</a></p>", "\(markdown)")
        }
    }

    @Test("Reference links are checked like inline links")
    func referenceLinks() {
        #expect(
            render("[ok][a] and [bad][b]\n\n[a]: https://example.com\n[b]: javascript:alert(1)")
                == "<p><a href=\"https://example.com\">ok</a> and <a>bad</a></p>")
    }

    @Test("Link titles are dropped instead of leaking into the href")
    func linkTitles() {
        #expect(render("[x](https://example.com \"Title\")") == "<p><a href=\"https://example.com\">x</a></p>")
    }

    @Test("Quotes in a link destination cannot end the href")
    func quotesInDestination() {
        #expect(
            render("[x](https://example.com/\"onmouseover=\"alert(1))")
                == "<p><a href=\"https://example.com/%22onmouseover=%22alert(1)\">x</a></p>")
    }

    @Test("Images keep safe sources and escaped alt text")
    func images() {
        // (Ink does not wrap an image that starts a block in a paragraph.)
        #expect(render("![A \"logo\"](/img/logo.png)") == "<img src=\"/img/logo.png\" alt=\"A &quot;logo&quot;\">")
        #expect(render("See ![x](data:image/svg+xml,<svg onload=alert(1)>)") == "<p>See <img alt=\"x\"></p>")
    }

    @Test("A linked image renders as an image inside a link")
    func linkedImage() {
        #expect(
            render("[![logo](/logo.png)](https://example.com)")
                == "<p><a href=\"https://example.com\"><img src=\"/logo.png\" alt=\"logo\"></a></p>")
    }

    @Test("Brackets that form no link are shown as brackets")
    func strayBrackets() {
        #expect(render("a[i] and [x] and ]") == "<p>a&#91;i&#93; and &#91;x&#93; and &#93;</p>")
    }

    // MARK: Raw HTML

    @Test("Raw HTML is shown as text")
    func rawHTML() {
        #expect(render("Hello <b>world</b>") == "<p>Hello &lt;b&gt;world&lt;/b&gt;</p>")
        #expect(render("<div>\nblock\n</div>") == "<p>&lt;div&gt; block &lt;/div&gt;</p>")
    }

    @Test("An unclosed tag does not swallow the rest of the post")
    func unclosedTag() {
        #expect(render("a <b>bold\n\n# Heading") == "<p>a &lt;b&gt;bold</p><h1>Heading</h1>")
    }

    // MARK: Robustness

    @Test(
        "Bracket and marker floods render quickly",
        arguments: [
            "[", "[a\n", "[](", "![", "[x](", "&", "<", "*", "_", "`", "**", "~", "\\", "](", "[![a](b)", "|", "- ", "> ", "&#",
        ])
    func floods(unit: String) {
        // Given 5,000 characters of one pattern (unmatched `[` alone would hang or crash raw Ink)
        let markdown = String(repeating: unit, count: 5000 / unit.count)
        // When the post is rendered
        let clock = ContinuousClock()
        var html = ""
        let elapsed = clock.measure { html = PostMarkdown.render(markdown) }
        // Then it is fast and well-formed
        #expect(elapsed < .seconds(2), "took \(elapsed)")
        #expect(HTMLAllowList.post.violations(in: html) == [])
    }

    @Test("A long post with many code spans and links renders quickly")
    func longPost() {
        // Given a 3,000-line post (about 200 KB) full of code, links and fences
        let markdown = (0..<3000).map { n in
            n % 50 == 0 ? "```swift\nlet n = \(n) < 1\n```" : "Line \(n) has `code <\(n)>` and [a link](https://example.com/\(n)) and *em*."
        }.joined(separator: "\n\n")
        // When it is rendered
        let clock = ContinuousClock()
        var html = ""
        let elapsed = clock.measure { html = PostMarkdown.render(markdown) }
        // Then it takes well under the time a request may take, and every piece came through
        #expect(elapsed < .seconds(5), "took \(elapsed)")
        #expect(
            html.contains(
                "<p>Line 2999 has <code>code &lt;2999&gt;</code> and <a href=\"https://example.com/2999\">a link</a> and <em>em</em>.</p>"))
        #expect(html.contains("<pre><code class=\"language-swift\">let n = 2950 &lt; 1</code></pre>"))
    }

    @Test("Deeply nested brackets and lists render quickly")
    func deepNesting() {
        let clock = ContinuousClock()
        let brackets = String(repeating: "[", count: 60) + "x" + String(repeating: "]", count: 60) + "(http://x)"
        let lists = (0..<100).map { String(repeating: " ", count: $0) + "- item" }.joined(separator: "\n")
        for markdown in [brackets, lists] {
            var html = ""
            let elapsed = clock.measure { html = PostMarkdown.render(markdown) }
            #expect(elapsed < .seconds(2), "took \(elapsed)")
            #expect(HTMLAllowList.post.violations(in: html) == [])
        }
    }

    @Test("Trailing spaces after a final list item do not crash Ink")
    func trailingSpacesAfterList() {
        // Given posts ending in a list item with trailing spaces (raw Ink dies on these
        // with "String index is out of bounds", taking the server process with it)
        for markdown in ["- item  ", "1. item\t", "- a\n  \u{301}", "- a\n- b \u{301}\u{301}"] {
            // Then they render as ordinary lists
            #expect(render(markdown).hasPrefix("<"), "\(markdown.debugDescription)")
        }
    }

    @Test("Unicode line separators act as line breaks")
    func unicodeLineSeparators() {
        #expect(render("# Title\u{2028}text") == "<h1>Title</h1><p>text</p>")
    }

    @Test("Placeholder characters in the input cannot forge code")
    func placeholderForgery() {
        #expect(render("\u{E000}C0\u{E001} `real`") == "<p>C0 <code>real</code></p>")
    }

    @Test("Ink's crossed emphasis still comes out properly nested")
    func crossedEmphasis() {
        #expect(HTMLAllowList.post.violations(in: render("*x*y* and **a*b** _c*d_ e*")) == [])
    }
}
