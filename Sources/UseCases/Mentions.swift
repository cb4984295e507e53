import Domain

/// Finds who a comment @mentions.
///
/// A mention is `@` at the start of the text or after a space or punctuation, followed by a
/// member's display name as written (case and spacing aside): "@Ada" or "@Ada Lovelace". A
/// name can have several words, so each `@` offers its first one to three words as candidate
/// keys (see `NameKey`); the longest candidate that names exactly one member wins. A name two
/// members share notifies neither: guessing would tell the wrong person.
enum Mentions {
    /// The candidate name keys of each `@` in `text`, longest first, at most `limit` mentions.
    static func candidates(in text: String, limit: Int = Limits.mentionsPerComment) -> [[String]] {
        var result: [[String]] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count, result.count < limit {
            defer { i += 1 }
            guard scalars[i] == "@" else { continue }
            if i > 0, isNameScalar(scalars[i - 1]) { continue }  // an email address, not a mention
            var words: [String] = []
            var current = ""
            var j = i + 1
            while j < scalars.count, words.count < 3 {
                let s = scalars[j]
                if isNameScalar(s) {
                    current.unicodeScalars.append(s)
                } else if s == " ", !current.isEmpty {
                    words.append(current)
                    current = ""
                } else {
                    break
                }
                j += 1
            }
            if !current.isEmpty, words.count < 3 { words.append(current) }
            guard !words.isEmpty else { continue }
            let keys = (1...words.count).map { NameKey.of(words.prefix($0).joined(separator: " ")) }
            result.append(keys.reversed())
        }
        return result
    }

    /// Letters, digits, and the marks names use inside words (O'Brien, Jean-Luc, ada_l).
    private static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "'" || s == "-" || s == "_"
    }

    /// The members `candidates` name, given the members whose keys matched: per mention, the
    /// longest key held by exactly one member.
    static func resolve(_ candidates: [[String]], among members: [Member]) -> [MemberID] {
        let byKey = Dictionary(grouping: members, by: { NameKey.of($0.displayName) })
        var found: [MemberID] = []
        for keys in candidates {
            for key in keys {
                guard let holders = byKey[key] else { continue }
                if holders.count == 1, !found.contains(holders[0].id) { found.append(holders[0].id) }
                break
            }
        }
        return found
    }
}
