import Foundation

/// The words of a text as search sees them, made the same way for what is indexed and what
/// is asked, on every engine.
///
/// Both engines are handed these words and never split text themselves: SQLite's FTS5
/// tokenizer and PostgreSQL's parser disagree on URLs, hyphens, apostrophes and numbers, so
/// splitting in one place is what makes a search find the same posts on both. A word is a run
/// of letters and digits; case is folded, and accents are dropped ("Café" is found by "cafe").
public enum SearchTerms {
    /// The longest word kept whole; longer runs (hashes, base64) are cut to it.
    public static let maxWordLength = 64
    /// The most words a query may have; the rest is ignored.
    public static let maxQueryWords = 8
    /// The longest query read, in characters.
    public static let maxQueryLength = 200
    /// How the index's words are made (these words, the teaser, the plain text). Raise it when
    /// that changes: entries of another version are indexed again, as are entries of an old revision.
    public static let indexerVersion = 1

    /// The distinct words of `text`, in order of first appearance.
    public static func words(in text: String) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for word in allWords(in: text) where seen.insert(word).inserted { out.append(word) }
        return out
    }

    /// The words of a query: at most `maxQueryWords` distinct words of its first `maxQueryLength` characters.
    public static func query(_ text: String) -> [String] {
        Array(words(in: String(text.prefix(maxQueryLength))).prefix(maxQueryWords))
    }

    static func allWords(in text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty { words.append(String(String(current).prefix(maxWordLength))) }
            current = String.UnicodeScalarView()
        }
        // Canonical decomposition puts accents in marks of their own, which are dropped.
        for scalar in text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            let properties = scalar.properties
            switch properties.generalCategory {
            case .nonspacingMark, .enclosingMark:
                continue
            default:
                if properties.isAlphabetic || properties.numericType != nil {
                    current.append(scalar)
                } else {
                    flush()
                }
            }
        }
        flush()
        return words
    }
}
