import Testing

@testable import Markup

@Suite("HTML escaping")
struct HTMLEscapingTests {
    @Test(
        "Given text with each special character among other characters, when escaped, then each becomes its entity and nothing else changes",
        arguments: [
            ("plain words", "plain words"),
            ("", ""),
            ("<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
            ("Tom & \"Jerry\"", "Tom &amp; &quot;Jerry&quot;"),
            ("&amp;", "&amp;amp;"),
            ("é<ü>😀&ß", "é&lt;ü&gt;😀&amp;ß"),
            ("a\u{0}b", "a\u{FFFD}b"),
            ("<", "&lt;"),
            ("ends with '", "ends with &#39;"),
            ("'starts", "&#39;starts"),
            ("e\u{301}<", "e\u{301}&lt;"),
        ])
    func escapes(input: String, expected: String) {
        #expect(HTMLEscaping.escape(input) == expected)
    }

    @Test("Given a slice of a longer text, when escaped, then only the slice is escaped")
    func escapesSubstrings() {
        let text = "<b>bold</b> & more"
        let slice = text.dropFirst(3).prefix(10)  // "bold</b> &"
        #expect(HTMLEscaping.escape(slice) == "bold&lt;/b&gt; &amp;")
    }
}
