import Domain
import Testing

@Suite("Search terms")
struct SearchTermsTests {
    @Test("Given text with accents, capitals and punctuation, when split, then the words are folded and distinct, in order")
    func words() {
        #expect(
            SearchTerms.words(in: "Café CRÈME, café! Zürich's well-known e-mail: https://ex.com/a_b 3.14")
                == ["cafe", "creme", "zurich", "s", "well", "known", "e", "mail", "https", "ex", "com", "a", "b", "3", "14"])
        #expect(SearchTerms.words(in: "  \n\t ") == [])
        #expect(SearchTerms.words(in: "\"'); DROP TABLE posts; --") == ["drop", "table", "posts"])
    }

    @Test("Given a long word and a long query, when read, then the word is cut and the query keeps its first words")
    func limits() {
        #expect(SearchTerms.words(in: String(repeating: "a", count: 500)) == [String(repeating: "a", count: SearchTerms.maxWordLength)])
        let query = (1...30).map { "w\($0)" }.joined(separator: " ")
        #expect(SearchTerms.query(query) == (1...SearchTerms.maxQueryWords).map { "w\($0)" })
    }
}
