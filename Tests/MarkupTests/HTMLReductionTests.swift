import Testing

@testable import Markup

/// Foreign HTML reduced to the Markdown of comments and posts, element by element, and what
/// Parley's own renderers then make of it.
@Suite("HTML reduction")
struct HTMLReductionTests {
    private func comment(_ html: String) -> String {
        let markdown = HTMLReduction.markdown(fromHTML: html, for: .comment)
        #expect(HTMLAllowList.comment.violations(in: CommentFormatter.render(markdown)) == [], "for \(html.debugDescription)")
        return markdown
    }

    private func post(_ html: String) -> String {
        let markdown = HTMLReduction.markdown(fromHTML: html, for: .post)
        #expect(HTMLAllowList.post.violations(in: PostMarkdown.render(markdown)) == [], "for \(html.debugDescription)")
        return markdown
    }

    // MARK: Text and paragraphs

    @Test("Paragraphs become blank-line separated blocks and whitespace collapses")
    func paragraphs() {
        // Given two paragraphs with the line breaks and indentation of hand-written HTML
        let html = "<p>First\n   paragraph.</p>\n\n<p>  Second   one. </p>"
        // When reduced for a comment
        // Then each is a block of its own, spaces collapsed as a browser shows them
        #expect(comment(html) == "First paragraph.\n\nSecond one.")
        #expect(CommentFormatter.render(comment(html)) == "<p>First paragraph.</p><p>Second one.</p>")
    }

    @Test("A line break stays a line break")
    func lineBreaks() {
        // Given lines separated by <br> in its several spellings
        let html = "<p>one<br>two<br/>three<BR />four</p>"
        // When reduced
        // Then a comment has plain line breaks and a post Ink's hard line breaks
        #expect(comment(html) == "one\ntwo\nthree\nfour")
        #expect(CommentFormatter.render(comment(html)) == "<p>one<br>two<br>three<br>four</p>")
        #expect(PostMarkdown.render(post(html)).contains("one<br"))
    }

    @Test("Plain text without tags is kept as it is")
    func plainText() {
        #expect(comment("Just words, no tags.") == "Just words, no tags.")
        #expect(comment("") == "")
        #expect(comment("   \n  ") == "")
    }

    @Test("Character references are decoded, numeric and named")
    func entities() {
        // Given text full of references, some unknown and some malformed
        let html = "caf&eacute; &amp; cr&#232;me &#x1F600; &mdash; &hellip; &euro;5 &bogus; AT&T &lt;b&gt;"
        // When reduced
        // Then known ones are characters, unknown ones stay as written, and an escaped tag is text
        #expect(comment(html) == "café & crème 😀 — … €5 &bogus; AT&T <b>")
        #expect(CommentFormatter.render(comment(html)).contains("&lt;b&gt;"))
    }

    @Test("Unicode text passes through untouched")
    func unicode() {
        let html = "<p>Привет, 世界! مرحبا 👋🏽 e\u{301}</p>"
        #expect(comment(html) == "Привет, 世界! مرحبا 👋🏽 e\u{301}")
    }

    // MARK: What is dropped

    @Test("Script, style and iframe are dropped with everything inside them")
    func scriptsDropped() {
        // Given markup that hides code and frames among the text, in odd capitalisation
        let html = """
            <p>Before<script>alert("<p>x</p>")</script> middle<STYLE>p { color: red }</STYLE>\
            <iframe src="https://evil.example/">inner text</iframe> after</p>\
            <script>never closed <b>bold</b>
            """
        // When reduced for both targets
        // Then none of their content survives, and the text around them does
        #expect(comment(html) == "Before middle after")
        #expect(post(html) == "Before middle after")
    }

    @Test("A comment, a doctype and unknown elements leave only their text")
    func otherMarkup() {
        let html = "<!DOCTYPE html><!-- secret --><section><span class='x'>Hello</span> <font color=red>world</font></section>"
        #expect(comment(html) == "Hello world")
    }

    @Test("Attributes never become text, even event handlers")
    func attributesDropped() {
        let html = #"<p onclick="alert(1)" style='x'>Hi <img src=x onerror="alert(2)"> there</p>"#
        #expect(comment(html) == "Hi there")
        #expect(!PostMarkdown.render(post(html)).contains("onerror"))
    }

    // MARK: Inline formatting

    @Test("Emphasis, strong emphasis and code keep their meaning")
    func inlineFormatting() {
        // Given each inline element, with spaces inside the tags
        let html = "<p>An <em>important</em>, <i> very </i> <strong>bold</strong> <b>claim</b> with <code>x &lt; y</code>.</p>"
        // When reduced for a comment
        let markdown = comment(html)
        // Then the markers hug the words and the comment formatter renders them
        #expect(markdown == "An *important*, *very* **bold** **claim** with `x < y`.")
        #expect(
            CommentFormatter.render(markdown)
                == "<p>An <em>important</em>, <em>very</em> <strong>bold</strong> <strong>claim</strong> with <code>x &lt; y</code>.</p>")
    }

    @Test("Code with backticks gets a longer fence, empty emphasis disappears")
    func codeWithBackticks() {
        #expect(comment("<code>a`b</code>") == "``a`b``")
        #expect(comment("a<em> </em>b<strong></strong>c") == "a bc")
    }

    @Test("Post text that looks like Markdown is escaped, comment text is not")
    func markdownInText() {
        // Given text with Markdown's special characters
        let html = "<p>2 * 3 = 6_a_ [not a link](x) `tick`</p><p># not a heading</p><p>1. not a list</p>"
        // When reduced for a post, then rendered
        let rendered = PostMarkdown.render(post(html))
        // Then the characters show as typed
        #expect(!rendered.contains("<h1"))
        #expect(!rendered.contains("<ol"))
        #expect(!rendered.contains("<a "))
        #expect(!rendered.contains("<em>"))
        #expect(rendered.contains("&#35; not a heading") && rendered.contains("&#91;not a link&#93;(x)"))
    }

    // MARK: Links

    @Test("A comment link keeps its address after its text")
    func commentLinks() {
        // Given links of every kind
        let html = """
            <a href="https://example.com/page">the page</a>, <a href="http://example.com/">http://example.com</a>, \
            <a href="https://example.com/a/very/long/path">example.com/a/very/…</a>, \
            <a href="mailto:ann@example.com">Ann</a>, <a href="/relative">here</a>, \
            <a href="javascript:alert(1)">click</a>, <a href="&#106;avascript:alert(1)">again</a>
            """
        // When reduced for a comment
        // Then http(s) addresses are kept (once), mail addresses shown, others only text
        #expect(
            comment(html)
                == "the page (https://example.com/page), http://example.com/, https://example.com/a/very/long/path, Ann (ann@example.com), here, click, again"
        )
        #expect(!CommentFormatter.render(comment(html)).contains("javascript"))
    }

    @Test("A post link is a Markdown link with a safe destination")
    func postLinks() {
        // Given a link with parentheses and spaces in its address, and an unsafe one
        let html = #"<p><a href="https://example.com/wiki/Foo_(bar) baz">Foo</a> and <a href="vbscript:x">bad</a></p>"#
        // When reduced for a post
        let markdown = post(html)
        // Then the address cannot end the link early, and the unsafe link is only text
        #expect(markdown == "[Foo](https://example.com/wiki/Foo_%28bar%29%20baz) and bad")
        #expect(PostMarkdown.render(markdown).contains(#"href="https://example.com/wiki/Foo_%28bar%29%20baz""#))
    }

    // MARK: Blocks

    @Test("A quote is a quote, nested quotes join it in a comment")
    func quotes() {
        let html = "<blockquote><p>Quoted</p><blockquote>deeper</blockquote></blockquote><p>Reply</p>"
        #expect(comment(html) == "> Quoted\n>\n> deeper\n\nReply")
        #expect(CommentFormatter.render(comment(html)) == "<blockquote><p>Quoted</p><p>deeper</p></blockquote><p>Reply</p>")
        #expect(post(html) == "> Quoted\n>\n> > deeper\n\nReply")
    }

    @Test("Lists become Markdown lists in posts and lines in comments")
    func lists() {
        // Given a list with an unclosed item, a nested list and an ordered list with a start
        let html = "<ul><li>one<li>two<ul><li>inner</li></ul></li></ul><ol start=3><li>three</li><li>four</li></ol>"
        // When reduced
        // Then items keep their markers and nesting
        #expect(post(html) == "- one\n- two\n  - inner\n\n3. three\n4. four")
        let rendered = PostMarkdown.render(post(html))
        #expect(rendered.contains("<ul>") && rendered.contains("<ol"))
        #expect(comment(html) == "- one\n- two\n  - inner\n\n3. three\n4. four")
    }

    @Test("Preformatted text is a fenced block in a post and code lines in a comment")
    func preformatted() {
        let html = "<pre><code class=\"language-swift\">\nlet a = 1\n  print(a)\n</code></pre>"
        #expect(post(html) == "```swift\nlet a = 1\n  print(a)\n```")
        #expect(PostMarkdown.render(post(html)).contains("<pre>"))
        #expect(comment(html) == "`let a = 1`\n`print(a)`")
    }

    @Test("Headings, images, rules and captions are kept in a post only")
    func postOnlyElements() {
        // Given a post body with every post-only element
        let html = """
            <hr><h2>Title <em>here</em></h2><figure><img src="https://cdn.example/a.png" alt="A [cat]">\
            <figcaption>The cat</figcaption></figure><hr><p>End <img src="javascript:x" alt="bad image"></p>
            """
        // When reduced for a post
        // Then they are Markdown (a leading rule dropped: Ink would take it for metadata)
        #expect(post(html) == "## Title *here*\n\n![A \\[cat\\]](https://cdn.example/a.png)\n\n*The cat*\n\n---\n\nEnd bad image")
        let rendered = PostMarkdown.render(post(html))
        #expect(rendered.contains("<h2>") && rendered.contains("<img") && rendered.contains("<hr"))
        // And in a comment they are only text
        #expect(comment(html) == "Title *here*\n\nA [cat]\n\nThe cat\n\nEnd bad image")
    }

    // MARK: Hostile input

    @Test("Broken markup is read tolerantly")
    func brokenMarkup() {
        #expect(comment("<p>unclosed <b>bold <i>both</p> after") == "unclosed **bold *both***\n\nafter")
        #expect(comment("stray </div></b> end tags") == "stray end tags")
        #expect(comment("a < b, 3<4 and x <3") == "a < b, 3<4 and x <3")
        #expect(comment("<a href='x'") == "")
        #expect(comment("tail <!-- never closed") == "tail")
    }

    @Test("Deep nesting and long input neither crash nor slow down")
    func deepNesting() {
        // Given ten thousand nested elements, and a long body
        let deep = String(repeating: "<div><b>", count: 10_000) + "core" + String(repeating: "</b></div>", count: 10_000)
        let long = String(repeating: "<p>word &amp; <em>more</em></p>", count: 20_000)
        // When reduced
        // Then the text is still there
        #expect(comment(deep).contains("core"))
        #expect(comment(long).count > 200_000)
    }
}
