/// Splits text into the lowercased words the spam filter counts.
///
/// A word is a run of letters, digits and combining marks in any script (so "café", "спам" and
/// "सस्ता" are words); everything else separates words. Ideographs (Chinese, Japanese kanji)
/// have no spaces between words, so each one is a word of its own. Words of one letter are
/// dropped (they carry little), as are words longer than `maxWordLength` (hashes, base64,
/// run-together junk), which are counted instead as one `shape:long-word` feature by the
/// extractor. Only the first `maxWords` words are kept, so a huge comment costs no more than a
/// long one.
public enum SpamTokenizer {
    /// Words longer than this many characters are not words to learn.
    public static let maxWordLength = 24
    /// At most this many words are read from one comment.
    public static let maxWords = 400

    /// The words of `text`, lowercased, in order, repeats kept; and how many over-long runs were dropped.
    public static func words(in text: String) -> (words: [String], longRuns: Int) {
        var words: [String] = []
        var longRuns = 0
        var current = String.UnicodeScalarView()
        var currentLength = 0

        func finish() {
            defer {
                current = String.UnicodeScalarView()
                currentLength = 0
            }
            guard currentLength > 0 else { return }
            if currentLength > maxWordLength {
                longRuns += 1
            } else if currentLength >= 2 || (current.first.map(isIdeograph) ?? false) {
                words.append(String(current).lowercased())
            }
        }

        for scalar in text.unicodeScalars {
            if words.count >= maxWords { break }
            if isIdeograph(scalar) {
                finish()
                current.append(scalar)
                currentLength = 1
                finish()
            } else if isWordPart(scalar) {
                current.append(scalar)
                currentLength += 1
            } else {
                finish()
            }
        }
        if words.count < maxWords { finish() }
        return (words, longRuns)
    }

    static func isWordPart(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .decimalNumber, .nonspacingMark, .spacingMark: return true
        default: return false
        }
    }

    static func isIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isIdeographic
    }
}
