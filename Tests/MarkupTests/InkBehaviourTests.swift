import Testing

@testable import Markup

/// What Ink 0.6 does on its own, found by experiment. PostMarkdown's protections are
/// built on these facts; if an Ink upgrade changes one of them, the test says which
/// protection to revisit.
@Suite("Ink's own behaviour (unprotected)")
struct InkBehaviourTests {
    private func ink(_ markdown: String) -> String { PostMarkdown.unprotectedInkHTML(markdown) }

    @Test("Ink copies raw HTML through unchanged")
    func rawHTMLPassesThrough() {
        #expect(ink("Hi <script>alert(1)</script>") == "<p>Hi <script>alert(1)</script></p>")
        #expect(ink("<img src=x onerror=alert(1)>") == "<img src=x onerror=alert(1)>")
    }

    @Test("An unclosed tag makes Ink copy the rest of the document as raw HTML")
    func unclosedTagSwallowsDocument() {
        #expect(ink("a <b>bold\n\n# Heading") == "<p>a <b>bold\n\n# Heading</p>")
    }

    @Test("Ink puts any URL scheme into href and src")
    func anySchemeAccepted() {
        #expect(ink("[x](javascript:alert(1))") == "<p><a href=\"javascript:alert(1)\">x</a></p>")
        #expect(ink("![x](data:text/html,hi)") == "<img src=\"data:text/html,hi\" alt=\"x\"/>")
    }

    @Test("Ink does not escape quotes in URLs or alt text")
    func attributesNotEscaped() {
        #expect(ink("[x](a\"onmouseover=\"alert(1))") == "<p><a href=\"a\"onmouseover=\"alert(1)\">x</a></p>")
        #expect(ink("![a\" onerror=\"alert(1)](x.png)") == "<img src=\"x.png\" alt=\"a\" onerror=\"alert(1)\"/>")
    }

    @Test("Ink escapes < > & inside code itself, so code must not be pre-escaped")
    func codeEscapedByInk() {
        #expect(ink("`<b>&amp;`") == "<p><code>&lt;b&gt;&amp;amp;</code></p>")
        #expect(ink("```\n<i>&lt;\n```") == "<pre><code>&lt;i&gt;&amp;lt;\n</code></pre>")
    }

    @Test("Ink copies character references in text through")
    func referencesPassThrough() {
        #expect(ink("&lt;b&gt; &#x3C; R&D") == "<p>&lt;b&gt; &#x3C; R&amp;D</p>")
    }

    @Test("Ink drops backslashes and italicises inside words")
    func backslashesAndUnderscores() {
        #expect(ink("C:\\Users\\me") == "<p>C:Usersme</p>")
        #expect(ink("snake_case_name") == "<p>snake<em>case</em>name</p>")
    }

    @Test("Ink reads a leading --- block as metadata and drops it")
    func metadataSwallowed() {
        #expect(ink("---\nHello\n---\nworld") == "<p>world</p>")
    }

    @Test("Ink gets slower with each unmatched [ (exponential backtracking)")
    func bracketsBacktrack() {
        // Measured on a debug build: 10 unmatched `[` take ~3 ms, 15 ~75 ms, 20 ~2.5 s,
        // and a few thousand overflow the stack. Kept small here so the test stays fast;
        // PostMarkdown only ever gives Ink well-formed links.
        let clock = ContinuousClock()
        let few = clock.measure { _ = ink(String(repeating: "[", count: 6)) }
        let more = clock.measure { _ = ink(String(repeating: "[", count: 13)) }
        #expect(more > few * 4, "6 took \(few), 13 took \(more)")
    }
}
