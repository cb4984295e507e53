import Domain

/// Turns a comment into the features the spam filter counts.
///
/// Every feature is a string, counted at most once per comment. Words and word pairs are plain
/// (a word never holds a colon or a space); every other feature has a prefix, so nothing a
/// commenter types can pass for one:
///
/// - a **word**: each distinct word of the text (`SpamTokenizer`: lowercased, any script, at most
///   `SpamTokenizer.maxWords` read, words of 2 to 24 characters), link text and addresses included;
///   at most `maxWordFeatures` distinct words;
/// - a **word pair**: two neighbouring words with a space between them (`check my`), at most
///   `maxWordFeatures` distinct pairs;
/// - `links:N`: how many links the comment has, in buckets `0`, `1`, `2`, `3-5`, `6+` (`SpamLinks`);
/// - `domain:HOST`: the host of each link, without `www.` (at most `maxDomains` of them);
/// - `email:yes`: an email address appears in the text (contact-me scams);
/// - `words:N`: how long the comment is, in buckets `1-3`, `4-10`, `11-40`, `41+` (short generic
///   praise is a classic carrier of a link in the author's profile);
/// - `shape:long-word`: a run of letters longer than a word can be (junk, hashes, keyword soup);
/// - `shape:shouting`: more than half the letters are capitals, in a comment of 12 letters or more;
/// - the author's signals, when the caller passes them (`SpamAuthorSignals`):
///   `author:age:under-1h`, `under-1d`, `under-1w`, `under-30d` or `30d+`;
///   `author:approved:0`, `1-2`, `3-9` or `10+` (earlier approved comments);
///   `author:first:yes` or `author:first:no`.
public enum SpamFeatureExtractor {
    /// At most this many distinct words, and as many distinct word pairs, become features.
    public static let maxWordFeatures = 200
    /// At most this many distinct link hosts become features.
    public static let maxDomains = 10

    /// The features of a comment with `text` by an author with `author` signals (nil when unknown,
    /// as for the corpus), in a stable order, without repeats.
    public static func features(text: String, author: SpamAuthorSignals? = nil) -> [String] {
        var features: [String] = []
        var seen: Set<String> = []
        func add(_ feature: String) {
            if seen.insert(feature).inserted { features.append(feature) }
        }

        let (words, longRuns) = SpamTokenizer.words(in: text)
        var wordFeatures = 0
        for word in words where wordFeatures < maxWordFeatures && !ignoredWords.contains(word) {
            if !seen.contains(word) { wordFeatures += 1 }
            add(word)
        }

        // Pairs of neighbouring words ("check my", "great article") tell generic praise from a
        // real reply better than single words: measured, they lift F1 from 0.939 to 0.957.
        var pairs = 0
        for (first, second) in zip(words, words.dropFirst()) where pairs < maxWordFeatures {
            let pair = first + " " + second
            if !seen.contains(pair) { pairs += 1 }
            add(pair)
        }

        let hosts = SpamLinks.hosts(in: text)
        add("links:" + bucket(hosts.count, [(0, "0"), (1, "1"), (2, "2"), (5, "3-5")], else: "6+"))
        var domains = 0
        for host in hosts where domains < maxDomains {
            if !seen.contains("domain:" + host) { domains += 1 }
            add("domain:" + host)
        }
        if SpamLinks.hasEmailAddress(text) { add("email:yes") }
        add("words:" + bucket(words.count, [(3, "1-3"), (10, "4-10"), (40, "11-40")], else: "41+"))
        if longRuns > 0 { add("shape:long-word") }
        if isShouting(text) { add("shape:shouting") }

        if let author {
            let hour = 3600.0
            let age = author.accountAge
            add(
                "author:age:"
                    + (age < hour
                        ? "under-1h"
                        : age < 24 * hour ? "under-1d" : age < 7 * 24 * hour ? "under-1w" : age < 30 * 24 * hour ? "under-30d" : "30d+"))
            add("author:approved:" + bucket(author.approvedComments, [(0, "0"), (2, "1-2"), (9, "3-9")], else: "10+"))
            add("author:first:" + (author.isFirstComment ? "yes" : "no"))
        }
        return features
    }

    /// Parts of addresses that every link has, so they say nothing.
    static let ignoredWords: Set<String> = ["http", "https", "www"]

    static func bucket(_ value: Int, _ limits: [(Int, String)], else last: String) -> String {
        for (limit, name) in limits where value <= limit { return name }
        return last
    }

    static func isShouting(_ text: String) -> Bool {
        var letters = 0
        var capitals = 0
        for scalar in text.unicodeScalars.prefix(4000) where scalar.properties.isAlphabetic {
            letters += 1
            if scalar.properties.isUppercase { capitals += 1 }
        }
        return letters >= 12 && capitals * 2 > letters
    }
}
