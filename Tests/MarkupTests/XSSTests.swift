import Domain
import Testing

@testable import Markup

/// Hostile input, for both renderers: whatever comes in, the output holds only allowed
/// tags and attributes, no event handlers and no script URLs.
@Suite("Cross-site scripting")
struct XSSTests {
    static let payloads: [String] = [
        // Plain injections
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "\"><svg onload=alert(1)>",
        "'><svg onload=alert(1)>",
        "<iframe src=javascript:alert(1)></iframe>",
        "<style>*{background:url(javascript:alert(1))}</style>",
        "<svg><script>alert(1)</script></svg>",
        "<a href=\"http://ok.example\" onclick=\"alert(1)\">x</a>",
        "<p onclick=alert(1)>x</p>",
        "<!--<script>-->alert(1)<!-- -->",
        "<![CDATA[<script>alert(1)</script>]]>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        // Script URLs as text and as would-be links
        "javascript:alert(1)",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<a href='jav&#x09;ascript:alert(1)'>click</a>",
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;avascript:alert(1))",
        "[x](\tjavascript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "![x](javascript:alert(1))",
        // Broken and nested markup
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<<script>script>alert(1)<</script>/script>",
        "<script\n>alert(1)</script\n>",
        "<img/src=x/onerror=alert(1)>",
        "<img src=\"x\"onerror=\"alert(1)\">",
        "<a href=x\u{0}onclick=alert(1)>x</a>",
        "<",
        "<a",
        "</p><script>alert(1)</script><p>",
        // Entity tricks
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;",
        "&#60;script&#62;alert(1)&#60;/script&#62;",
        "&amp;lt;script&amp;gt;",
        "&lt;img src=x onerror=alert(1)&gt;",
        "&unknown; &#xZZ; &#; & ; &&",
        // Unicode tricks
        "＜script＞alert(1)＜/script＞",
        "a\u{2028}<script>alert(1)</script>\u{2029}b",
        "\u{202E}<script>alert(1)</script>\u{202C} https://evil.example/\u{202E}moc.elpmaxe",
        "Z\u{200D}W\u{200B}J <scr\u{200D}ipt>alert(1)</scr\u{200C}ipt>",
        "<\u{0338}script>alert(1)</script>",
        "e\u{0301}\u{0301}\u{0301} <img\u{0301} src=x onerror=alert(1)>",
        "\u{FEFF}<script>alert(1)</script>",
        "\u{E000}C0\u{E001} \u{E000}B0\u{E001}",
        // Addresses that try to break out of the href
        "https://example.com/\"onmouseover=\"alert(1)",
        "https://example.com/'onmouseover='alert(1)",
        "https://example.com/<script>alert(1)</script>",
        "www.example.com/\"><script>alert(1)</script>",
        "http://example.com/?q=\"><img src=x onerror=alert(1)>",
        "[x](https://example.com/\"onmouseover=\"alert(1))",
        "[x](https://example.com/'onmouseover='alert(1))",
        "[x](https://example.com/\"><script>alert(1)</script>)",
        "![x\" onerror=\"alert(1)](https://example.com/p.png)",
        "[x](https://example.com \"title\" onmouseover=\"alert(1)\")",
        "[<img src=x onerror=alert(1)>](https://example.com)",
        // Formatting around markup
        "**<b>**",
        "`<script>`",
        "*<i>*_<u>_",
        "`</code><script>alert(1)</script>`",
        "```\n</code></pre><script>alert(1)</script>\n```",
        "```\"><script>alert(1)</script>\ncode\n```",
        "> <script>alert(1)</script>",
        "# <script>alert(1)</script>",
        "- <img src=x onerror=alert(1)>",
        "| <script> | x |\n|---|---|\n| 1 | 2 |",
    ]

    @Test("Hostile comments produce only allowed markup", arguments: payloads)
    func comment(payload: String) {
        // Given a hostile comment
        // When it is rendered
        let html = CommentFormatter.render(payload)
        // Then every tag is on the comment allow-list
        #expect(HTMLAllowList.comment.violations(in: html) == [], "\(html)")
    }

    @Test("Hostile post Markdown produces only allowed markup", arguments: payloads)
    func post(payload: String) {
        // Given a hostile post body
        // When it is rendered
        let html = PostMarkdown.render(payload)
        // Then every tag is on the post allow-list
        #expect(HTMLAllowList.post.violations(in: html) == [], "\(html)")
    }

    @Test("Script tags are shown as text in comments and posts")
    func scriptShownAsText() {
        #expect(CommentFormatter.render("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
        #expect(PostMarkdown.render("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
    }

    @Test("A javascript: URL in a comment stays text")
    func javascriptTextInComment() {
        #expect(CommentFormatter.render("javascript:alert(1)") == "<p>javascript:alert(1)</p>")
        #expect(CommentFormatter.render("[x](javascript:alert(1))") == "<p>[x](javascript:alert(1))</p>")
    }

    @Test("Markup inside bold or code is escaped, not interpreted")
    func markupInsideFormatting() {
        #expect(CommentFormatter.render("**<b>**") == "<p><strong>&lt;b&gt;</strong></p>")
        #expect(CommentFormatter.render("`<script>`") == "<p><code>&lt;script&gt;</code></p>")
        #expect(PostMarkdown.render("**<b>**") == "<p><strong>&lt;b&gt;</strong></p>")
        #expect(PostMarkdown.render("`<script>`") == "<p><code>&lt;script&gt;</code></p>")
    }

    @Test("Fullwidth angle brackets are ordinary text")
    func fullwidth() {
        #expect(CommentFormatter.render("＜script＞") == "<p>＜script＞</p>")
    }

    @Test("Random mixes of markup characters always give allowed, well-formed markup")
    func fuzz() {
        // Given many pseudo-random inputs built from the characters that matter
        var generator = SeededRandom(seed: 0x5EED)
        let pieces = [
            "<", ">", "&", "\"", "'", "*", "**", "_", "`", "```", "[", "]", "(", ")", "!", "\\", "\n", "\n\n",
            "> ", "# ", "- ", "1. ", "|", "~~", " ", "a", "b1", "script", "on", "=", "javascript:", "data:",
            "http://", "https://x.io/", "www.", "&#", "x3C;", "&lt;", ";", "\u{0}", "\r", "\u{202E}", "\u{2028}",
            "é", "\u{301}", "＜", "/", ":", "---\n", "\t", "img src=x onerror=alert(1)",
        ]
        for _ in 0..<400 {
            let length = Int.random(in: 1...60, using: &generator)
            let input = (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
            // When rendered both ways
            let comment = CommentFormatter.render(input)
            let post = PostMarkdown.render(input)
            // Then both pass their allow-lists
            #expect(HTMLAllowList.comment.violations(in: comment) == [], "\(input.debugDescription) → \(comment)")
            #expect(HTMLAllowList.post.violations(in: post) == [], "\(input.debugDescription) → \(post)")
        }
    }
}

/// The checker must itself catch what it is there to catch.
@Suite("Allow-list checker")
struct HTMLAllowListTests {
    @Test(
        "The checker rejects disallowed tags, handlers, script URLs and bad nesting",
        arguments: [
            "<script>alert(1)</script>",
            "<p onclick=\"x\">a</p>",
            "<a href=\"javascript:alert(1)\" rel=\"nofollow ugc noopener\">x</a>",
            "<a href=\"&#106;avascript:alert(1)\" rel=\"nofollow ugc noopener\">x</a>",
            "<a href=\"https://ok.example\">missing rel</a>",
            "<a href=\"https://ok.example\" rel=\"nofollow ugc noopener\" title=\"t\">extra attribute</a>",
            "<a href=\"/relative\" rel=\"nofollow ugc noopener\">relative in a comment</a>",
            "<p><em>crossed</p></em>",
            "<p>unclosed",
            "<p>raw > in text</p>",
            "<img src=x onerror=alert(1)>",
            "<p>a < b</p>",
        ])
    func rejectsBadCommentHTML(html: String) {
        #expect(!HTMLAllowList.comment.violations(in: html).isEmpty)
    }

    @Test(
        "The checker rejects script and data URLs in posts",
        arguments: [
            "<p><a href=\"data:text/html,hi\">x</a></p>",
            "<p><img src=\"javascript:alert(1)\"></p>",
            "<p><img src=\"mailto:a@b.c\"></p>",
            "<p><a href=\" JAVA&#x09;SCRIPT:alert(1)\">x</a></p>",
            "<div>not Ink's</div>",
        ])
    func rejectsBadPostHTML(html: String) {
        #expect(!HTMLAllowList.post.violations(in: html).isEmpty)
    }

    @Test("The checker accepts the formatters' normal output")
    func acceptsGoodHTML() {
        #expect(
            HTMLAllowList.comment.violations(
                in:
                    "<p>a<br><strong>b</strong> <a href=\"https://x.example/?a=1&amp;b\" rel=\"nofollow ugc noopener\">x</a></p><blockquote><p><em>q</em> <code>c</code></p></blockquote>"
            ) == [])
        #expect(
            HTMLAllowList.post.violations(
                in:
                    "<h1>t</h1><p><a href=\"/p/x\">x</a> <img src=\"/a.png\" alt=\"a\"></p><pre><code class=\"language-swift\">x</code></pre>"
            ) == [])
    }
}
