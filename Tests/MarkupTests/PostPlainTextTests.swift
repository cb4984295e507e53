import Markup
import Testing

@Suite("A post as plain text")
struct PostPlainTextTests {
    static func plain(_ markdown: String, base: String = "https://news.example") -> PostPlainText {
        PostPlainText.make(html: PostMarkdown.render(markdown), baseURL: base)
    }

    @Test("Given Markdown with emphasis, a heading and links, when made plain, then no Markdown is left and the links are listed")
    func noMarkdownLeft() {
        let text = Self.plain(
            """
            # A *fine* day

            Some **bold** words and `code`, with [a link](https://example.org/a) and [one of ours](/p/other).
            """)
        #expect(text.body == "A fine day\n==========\n\nSome bold words and code, with a link [1] and one of ours [2].")
        #expect(text.links == ["https://example.org/a", "https://news.example/p/other"])
        #expect(!text.rendered().contains("**"))
        #expect(!text.rendered().contains("]("))
        #expect(text.rendered().hasSuffix("Links:\n[1] https://example.org/a\n[2] https://news.example/p/other"))
    }

    @Test("Given lists, a quote, a code block and entities, when made plain, then each reads as plain text")
    func blocks() {
        let text = Self.plain(
            """
            Intro & more.

            - one
            - two

            3. three
            4. four

            > quoted
            > words

            ```
            let x = 1 < 2
            ```
            """)
        #expect(
            text.body
                == "Intro & more.\n\n- one\n- two\n\n3. three\n4. four\n\n> quoted words\n\n    let x = 1 < 2")
    }

    @Test("Given the same link twice and a bare address, when made plain, then the link is listed once and the address stands as it is")
    func repeatedLinks() {
        let text = Self.plain("[a](https://x.example) and [b](https://x.example) and [https://y.example](https://y.example)")
        #expect(text.links == ["https://x.example"])
        #expect(text.body == "a [1] and b [1] and https://y.example")
    }

    @Test("Given a long post, when its excerpt is made, then it is its first paragraph on one line, cut at a word")
    func excerpt() {
        let words = (1...200).map { "word\($0)" }.joined(separator: " ")
        let excerpt = PostPlainText.excerpt(html: PostMarkdown.render("# Title\n\n\(words)"), limit: 80)
        #expect(excerpt.count <= 80)
        #expect(excerpt.hasPrefix("word1 word2"))
        #expect(excerpt.hasSuffix("…"))
        #expect(!excerpt.contains("\n"))
        #expect(PostPlainText.excerpt(html: PostMarkdown.render("Short.")) == "Short.")
    }

    @Test("Given a short subscribers-only post, when its teaser is made, then it never gives away more than half of the post")
    func teaserKeepsTheRest() {
        let html = PostMarkdown.render("An opening anyone may read.\n\nThe hidden orchard plans.")
        #expect(PostPlainText.teaser(html: html) == "An opening anyone may read.")
        let one = PostMarkdown.render("Only one paragraph of eight words, all of them secret.")
        let teaser = PostPlainText.teaser(html: one)
        #expect(teaser.count <= 28)
        #expect(!teaser.contains("secret"))
    }

    @Test("Given site paths in HTML, when made absolute, then only paths of the site change")
    func absoluteLinks() {
        let html =
            "<a href=\"/p/x\">x</a><img src=\"/uploads/k\" alt=\"\"><a href=\"//cdn.example/y\">y</a><a href=\"https://z.example/\">z</a>"
        #expect(
            AbsoluteLinks.make(html, baseURL: "https://news.example")
                == "<a href=\"https://news.example/p/x\">x</a><img src=\"https://news.example/uploads/k\" alt=\"\"><a href=\"//cdn.example/y\">y</a><a href=\"https://z.example/\">z</a>"
        )
    }

    @Test(
        "Given a long body with thousands of links and no image, when its links are made absolute, then it takes one pass, not one per link"
    )
    func absoluteLinksIsLinear() {
        let html = String(repeating: "<p>word <a href=\"/p/x\">x</a> and some more text to read</p>", count: 20_000) + "ünï"
        let clock = ContinuousClock()
        var made = ""
        let took = clock.measure { made = AbsoluteLinks.make(html, baseURL: "https://news.example") }
        #expect(made.hasSuffix("ünï"))
        #expect(made.components(separatedBy: "href=\"https://news.example/p/x\"").count == 20_001)
        // A guard against the quadratic walk (minutes on this input), not a speed target:
        // generous for a loaded machine and a debug build.
        #expect(took < .seconds(15), "took \(took)")
    }
}
