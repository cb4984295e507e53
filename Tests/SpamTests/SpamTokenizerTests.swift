import Domain
import Spam
import Testing

@Suite("Spam tokenizer")
struct SpamTokenizerTests {
    @Test("Given mixed case and punctuation, when split, then the words come back lowercased without the punctuation")
    func lowercasesAndSplits() {
        let (words, longRuns) = SpamTokenizer.words(in: "Cheap PILLS!!! Buy-now, (today) & save 50%")
        #expect(words == ["cheap", "pills", "buy", "now", "today", "save", "50"])
        #expect(longRuns == 0)
    }

    @Test("Given text in other scripts, when split, then their words are words too, accents and marks kept")
    func unicodeWords() {
        #expect(SpamTokenizer.words(in: "Très bon café, Ärger").words == ["très", "bon", "café", "ärger"])
        #expect(SpamTokenizer.words(in: "Отличная статья!").words == ["отличная", "статья"])
        #expect(SpamTokenizer.words(in: "घर बैठे पैसे").words == ["घर", "बैठे", "पैसे"])
    }

    @Test("Given ideographs, which have no spaces between words, when split, then each one is a word")
    func ideographs() {
        #expect(SpamTokenizer.words(in: "网上赚钱 ok").words == ["网", "上", "赚", "钱", "ok"])
    }

    @Test("Given one-letter words and a run too long to be a word, when split, then both are left out and the run is counted")
    func boundsLength() {
        let junk = String(repeating: "x", count: SpamTokenizer.maxWordLength + 1)
        let exact = String(repeating: "y", count: SpamTokenizer.maxWordLength)
        let (words, longRuns) = SpamTokenizer.words(in: "a b cd \(junk) \(exact)")
        #expect(words == ["cd", exact])
        #expect(longRuns == 1)
    }

    @Test("Given a huge comment, when split, then only the first words are read")
    func boundsCount() {
        let text = Array(repeating: "word", count: SpamTokenizer.maxWords * 3).joined(separator: " ")
        #expect(SpamTokenizer.words(in: text).words.count == SpamTokenizer.maxWords)
    }
}

@Suite("Spam features")
struct SpamFeatureTests {
    @Test("Given a comment with links, when its features are taken, then the link count bucket and each domain are features")
    func linksAndDomains() {
        let features = SpamFeatureExtractor.features(
            text: "See https://www.Pills-Cheap.example.ru/buy?x=1 and (http://other.example.com:8080/) or bare-shop.com, e.g. this")
        #expect(features.contains("links:3-5"))
        #expect(features.contains("domain:pills-cheap.example.ru"))
        #expect(features.contains("domain:other.example.com"))
        #expect(features.contains("domain:bare-shop.com"))
        #expect(!features.contains { $0.hasPrefix("domain:e.g") })
        #expect(!features.contains("http") && !features.contains("www"))
    }

    @Test("Given a comment without links, when its features are taken, then it says so, and an email address is noticed")
    func noLinks() {
        let features = SpamFeatureExtractor.features(text: "Write to me at lender.offer@mail.example.com")
        #expect(features.contains("links:0"))
        #expect(features.contains("email:yes"))
        #expect(features.contains("words:4-10"))
    }

    @Test("Given the author's signals, when features are taken, then each is one bucketed feature")
    func authorSignals() {
        let newcomer = SpamFeatureExtractor.features(
            text: "hello there", author: SpamAuthorSignals(accountAge: 600, approvedComments: 0, isFirstComment: true))
        #expect(newcomer.filter { $0.hasPrefix("author:") } == ["author:age:under-1h", "author:approved:0", "author:first:yes"])
        let regular = SpamFeatureExtractor.features(
            text: "hello there", author: SpamAuthorSignals(accountAge: 90 * 86_400, approvedComments: 12, isFirstComment: false))
        #expect(regular.filter { $0.hasPrefix("author:") } == ["author:age:30d+", "author:approved:10+", "author:first:no"])
        #expect(SpamFeatureExtractor.features(text: "hello there").allSatisfy { !$0.hasPrefix("author:") })
    }

    @Test(
        "Given a word repeated and words that look like prefixes, when features are taken, then each is listed once and no word has a colon"
    )
    func uniqueAndUnprefixed() {
        let features = SpamFeatureExtractor.features(text: "win win WIN domain:fake.com author:first:yes")
        #expect(features.filter { $0 == "win" }.count == 1)
        #expect(Set(features).count == features.count)
        #expect(!features.contains("author:first:yes"))
        #expect(!features.contains("domain:fake.com"))
    }

    @Test("Given a comment in capitals, when features are taken, then it is marked as shouting")
    func shouting() {
        #expect(SpamFeatureExtractor.features(text: "MAKE MONEY FAST FROM HOME").contains("shape:shouting"))
        #expect(!SpamFeatureExtractor.features(text: "I met NASA people at the BBC").contains("shape:shouting"))
    }
}
