import Testing

@testable import Markup

/// Plain-text excerpts of comments, for places that cannot show formatting.
@Suite("Comment excerpts")
struct CommentExcerptTests {
    @Test("Whitespace runs collapse to one space and the ends are trimmed")
    func collapsesWhitespace() {
        #expect(CommentFormatter.plainTextExcerpt("  Hello \n\n  big\tworld  \r\n", maxLength: 100) == "Hello big world")
    }

    @Test("Text within the limit is returned whole, without an ellipsis")
    func shortText() {
        #expect(CommentFormatter.plainTextExcerpt("Short and sweet", maxLength: 15) == "Short and sweet")
    }

    @Test("Long text is cut at a word boundary and ends with an ellipsis")
    func cutsAtWordBoundary() {
        // Given text longer than the limit, with the limit falling inside "brown"
        let text = "The quick brown fox jumps over the lazy dog"
        // When an excerpt of 12 characters is made
        let excerpt = CommentFormatter.plainTextExcerpt(text, maxLength: 12)
        // Then it ends after the last whole word that fits
        #expect(excerpt == "The quick…")
    }

    @Test("A cut that falls exactly between words keeps the last word")
    func cutBetweenWords() {
        #expect(CommentFormatter.plainTextExcerpt("The quick brown", maxLength: 10) == "The quick…")
    }

    @Test("Punctuation before the cut is dropped")
    func dropsDanglingPunctuation() {
        #expect(CommentFormatter.plainTextExcerpt("Hello, world and more", maxLength: 7) == "Hello…")
    }

    @Test("A single word longer than the limit is cut inside the word")
    func longWord() {
        #expect(CommentFormatter.plainTextExcerpt("Supercalifragilistic", maxLength: 6) == "Super…")
    }

    @Test("Tiny limits give an ellipsis or nothing")
    func tinyLimits() {
        #expect(CommentFormatter.plainTextExcerpt("Hello world", maxLength: 1) == "…")
        #expect(CommentFormatter.plainTextExcerpt("Hello world", maxLength: 0) == "")
        #expect(CommentFormatter.plainTextExcerpt("Hello world", maxLength: -3) == "")
    }

    @Test("The excerpt never exceeds the limit and never splits a character")
    func respectsLimit() {
        // Given text with combining marks and emoji sequences
        let text = "Cafe\u{301} 👩‍👩‍👧 na\u{308}ive words repeated " + String(repeating: "lorem ipsum ", count: 20)
        for limit in 1...60 {
            let excerpt = CommentFormatter.plainTextExcerpt(text, maxLength: limit)
            #expect(excerpt.count <= limit)
            #expect(text.hasPrefix(excerpt.dropLast()) || excerpt == "…")
        }
    }

    @Test("The excerpt is plain text: markup is left for the caller to escape")
    func notEscaped() {
        #expect(CommentFormatter.plainTextExcerpt("<b>bold</b> & **stars**", maxLength: 100) == "<b>bold</b> & **stars**")
    }

    @Test("Control characters and direction overrides are removed")
    func removesInvisibleControls() {
        #expect(CommentFormatter.plainTextExcerpt("a\u{0}b \u{202E}evil\u{202C} c", maxLength: 100) == "ab evil c")
    }
}
