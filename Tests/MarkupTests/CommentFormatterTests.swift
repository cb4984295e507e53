import Testing

@testable import Markup

/// The small formatting set of comments, feature by feature.
@Suite("Comment formatting")
struct CommentFormatterTests {
    private let rel = "rel=\"nofollow ugc noopener\""

    private func render(_ text: String) -> String {
        let html = CommentFormatter.render(text)
        // Every example must also pass the security allow-list.
        #expect(HTMLAllowList.comment.violations(in: html) == [], "for input \(text.debugDescription)")
        return html
    }

    // MARK: Paragraphs and line breaks

    @Test("A blank line separates paragraphs")
    func paragraphs() {
        // Given two blocks of text separated by blank (and blank-looking) lines
        let text = "First paragraph.\n \n\n\t\nSecond paragraph."
        // When it is rendered
        let html = render(text)
        // Then each block is its own paragraph
        #expect(html == "<p>First paragraph.</p><p>Second paragraph.</p>")
    }

    @Test("A single line break becomes <br>")
    func lineBreaks() {
        #expect(render("line one\nline two") == "<p>line one<br>line two</p>")
    }

    @Test("CRLF and lone CR line endings are treated as LF")
    func lineEndings() {
        // Given text written on Windows and on classic Mac OS
        let text = "one\r\ntwo\rthree\r\n\r\nfour"
        // Then the line structure is the same as with LF
        #expect(render(text) == "<p>one<br>two<br>three</p><p>four</p>")
    }

    @Test("NUL and other control characters are removed, tabs are kept")
    func controlCharacters() {
        #expect(render("a\u{0}b\u{7}c\u{1B}[31md\te\u{7F}f") == "<p>abc[31md\tef</p>")
    }

    @Test("Trailing whitespace of the text and of each line is dropped")
    func trailingWhitespace() {
        #expect(render("hello   \nworld \t\n\n  \t \n") == "<p>hello<br>world</p>")
    }

    @Test("Empty or whitespace-only text renders as nothing")
    func emptyText() {
        #expect(render("") == "")
        #expect(render(" \n\t\r\n ") == "")
        #expect(render("\u{0}\u{1}") == "")
    }

    @Test("Special characters are escaped")
    func escaping() {
        #expect(render("a < b && c > \"d\" 'e'") == "<p>a &lt; b &amp;&amp; c &gt; &quot;d&quot; &#39;e&#39;</p>")
    }

    @Test("Text that looks like an entity is shown as typed")
    func entitiesStayText() {
        // Given a reader who types an entity
        // Then the page shows the entity's spelling, not the character
        #expect(render("&lt;b&gt; &amp; &#60;") == "<p>&amp;lt;b&amp;gt; &amp;amp; &amp;#60;</p>")
    }

    // MARK: Links

    @Test("https and http addresses become nofollow ugc links")
    func autolinks() {
        #expect(
            render("see https://example.com/path?a=1&b=2 now")
                == "<p>see <a href=\"https://example.com/path?a=1&amp;b=2\" \(rel)>https://example.com/path?a=1&amp;b=2</a> now</p>")
        #expect(render("http://example.org") == "<p><a href=\"http://example.org\" \(rel)>http://example.org</a></p>")
    }

    @Test("A www. address links to https")
    func wwwLinks() {
        #expect(
            render("go to www.example.com today") == "<p>go to <a href=\"https://www.example.com\" \(rel)>www.example.com</a> today</p>")
    }

    @Test("Scheme letters may be upper case")
    func upperCaseScheme() {
        #expect(render("HTTPS://EXAMPLE.COM") == "<p><a href=\"HTTPS://EXAMPLE.COM\" \(rel)>HTTPS://EXAMPLE.COM</a></p>")
    }

    @Test("Sentence punctuation after an address is not part of the link")
    func trailingPunctuation() {
        // Given addresses at the end of sentences and inside parentheses
        for (text, url) in [
            ("Read https://example.com.", "https://example.com"),
            ("Really https://example.com/x?!", "https://example.com/x"),
            ("(see https://example.com/a)", "https://example.com/a"),
            ("list: https://example.com/a, https://example.com/b;", "https://example.com/a"),
            ("quote 'https://example.com/q'", "https://example.com/q"),
            ("*https://example.com/e*", "https://example.com/e"),
        ] {
            // Then the link stops before the punctuation
            #expect(render(text).contains("<a href=\"\(url)\" \(rel)>\(url)</a>"), "\(text)")
        }
    }

    @Test("Balanced parentheses stay in the link")
    func balancedParentheses() {
        let url = "https://en.wikipedia.org/wiki/Swift_(programming_language)"
        #expect(render("(\(url))") == "<p>(<a href=\"\(url)\" \(rel)>\(url)</a>)</p>")
    }

    @Test("Only http and https ever become links")
    func otherSchemesStayText() {
        let text = "ftp://example.com mailto:a@example.com javascript:alert(1) file:///etc/passwd data:text/html,hi tel:123"
        #expect(!render(text).contains("<a"))
    }

    @Test("An address is not found inside a word, and a bare scheme is not a link")
    func addressBoundaries() {
        #expect(!render("xhttps://example.com").contains("<a"))
        #expect(!render("a.www.example.com").contains("<a"))
        #expect(!render("https:// and www. alone").contains("<a"))
    }

    @Test("Quotes and angle brackets end an address, so they cannot leave the href")
    func addressEndsAtQuote() {
        // Given addresses followed by attribute-breaking characters
        let html = render("https://example.com/\"onmouseover=\"alert(1) https://example.com/<b> https://example.com/it's")
        // Then each link stops before them, and the apostrophe is escaped in the href
        #expect(html.contains("<a href=\"https://example.com/\" \(rel)>https://example.com/</a>&quot;onmouseover=&quot;alert(1)"))
        #expect(html.contains("<a href=\"https://example.com/\" \(rel)>https://example.com/</a>&lt;b&gt;"))
        #expect(html.contains("<a href=\"https://example.com/it&#39;s\" \(rel)>https://example.com/it&#39;s</a>"))
    }

    @Test("Invisible formatting characters end an address")
    func addressEndsAtInvisibleCharacters() {
        // Given an address with a right-to-left override or zero-width joiner inside
        let html = render("https://example.com/\u{202E}gpj.exe https://a.example\u{200D}b.com")
        // Then the link covers only the part before the invisible character
        #expect(html.contains("<a href=\"https://example.com/\" \(rel)>"))
        #expect(html.contains("<a href=\"https://a.example\" \(rel)>"))
    }

    @Test("Markers inside an address are not formatting")
    func noFormattingInsideAddress() {
        let url = "https://example.com/a_b_c/*x*"
        #expect(render(url) == "<p><a href=\"https://example.com/a_b_c/*x\" \(rel)>https://example.com/a_b_c/*x</a>*</p>")
    }

    // MARK: Emphasis

    @Test("Double asterisks make bold")
    func bold() {
        #expect(render("a **bold** move") == "<p>a <strong>bold</strong> move</p>")
    }

    @Test("Single asterisks and underscores make italic")
    func italic() {
        #expect(render("*one* and _two_") == "<p><em>one</em> and <em>two</em></p>")
    }

    @Test("Bold and italic nest")
    func nesting() {
        #expect(render("***both***") == "<p><strong><em>both</em></strong></p>")
        #expect(render("**bold *and italic***") == "<p><strong>bold <em>and italic</em></strong></p>")
        #expect(render("*italic **and bold***") == "<p><em>italic <strong>and bold</strong></em></p>")
    }

    @Test("Unpaired markers stay as typed")
    func unpairedMarkers() {
        #expect(render("**not closed") == "<p>**not closed</p>")
        #expect(render("a * b * c") == "<p>a * b * c</p>")
        #expect(render("_open only") == "<p>_open only</p>")
        #expect(render("****") == "<p>****</p>")
    }

    @Test("Underscores inside words are not emphasis")
    func snakeCase() {
        #expect(render("call snake_case_name now") == "<p>call snake_case_name now</p>")
    }

    @Test("Markers pair within a paragraph, across its line breaks but not across paragraphs")
    func pairingScope() {
        #expect(render("*one\ntwo*") == "<p><em>one<br>two</em></p>")
        #expect(render("*one\n\ntwo*") == "<p>*one</p><p>two*</p>")
    }

    @Test("Crossed markers still give properly nested tags")
    func crossedMarkers() {
        // Given markers that overlap instead of nesting
        let html = render("*a **b* c**")
        // Then the first pair wins and the rest stays literal
        #expect(html == "<p><em>a **b</em> c**</p>")
    }

    @Test("Emphasis can contain a link")
    func emphasisAroundLink() {
        #expect(render("*see https://example.com*") == "<p><em>see <a href=\"https://example.com\" \(rel)>https://example.com</a></em></p>")
    }

    // MARK: Code

    @Test("Backticks make inline code, with nothing formatted inside")
    func inlineCode() {
        #expect(render("use `let x = *y*` here") == "<p>use <code>let x = *y*</code> here</p>")
    }

    @Test("Addresses inside code are not linked")
    func noLinksInCode() {
        #expect(render("`https://example.com`") == "<p><code>https://example.com</code></p>")
    }

    @Test("Markup inside code is escaped")
    func codeIsEscaped() {
        #expect(render("`<b>&amp;</b>`") == "<p><code>&lt;b&gt;&amp;amp;&lt;/b&gt;</code></p>")
    }

    @Test("Double backticks can quote a backtick")
    func doubleBackticks() {
        #expect(render("``a ` b``") == "<p><code>a ` b</code></p>")
        #expect(render("`` ` ``") == "<p><code>`</code></p>")
    }

    @Test("An unpaired backtick stays as typed")
    func unpairedBacktick() {
        #expect(render("it`s fine") == "<p>it`s fine</p>")
    }

    // MARK: Quotes

    @Test("Lines starting with > are a quote")
    func quotes() {
        // Given a quoted passage followed by a reply
        let text = "> quoted **text**\n> more\n\nmy reply"
        // Then the passage is a blockquote and the reply a paragraph
        #expect(render(text) == "<blockquote><p>quoted <strong>text</strong><br>more</p></blockquote><p>my reply</p>")
    }

    @Test("A reply right under a quote is its own paragraph")
    func quoteThenText() {
        #expect(render("> question\nanswer") == "<blockquote><p>question</p></blockquote><p>answer</p>")
    }

    @Test("An empty > line separates paragraphs inside one quote")
    func quoteParagraphs() {
        #expect(render("> one\n>\n> two") == "<blockquote><p>one</p><p>two</p></blockquote>")
    }

    @Test("> without a space is not a quote")
    func notAQuote() {
        #expect(render(">not a quote") == "<p>&gt;not a quote</p>")
    }

    // MARK: Robustness

    @Test(
        "Thousands of markers render quickly and stay literal",
        arguments: ["*", "_", "`", "**", "*a", "_a ", "`a", "a*", "> ", "https://x.co/(", "[", "&"])
    func markerFloods(unit: String) throws {
        // Given a 5,000-character comment made of one marker pattern
        let text = String(repeating: unit, count: 5000 / unit.count)
        // When it is rendered
        let clock = ContinuousClock()
        var html = ""
        let elapsed = clock.measure { html = CommentFormatter.render(text) }
        // Then it is fast and well-formed
        #expect(elapsed < .seconds(1), "took \(elapsed)")
        #expect(HTMLAllowList.comment.violations(in: html) == [])
    }
}
