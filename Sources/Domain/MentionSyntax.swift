/// What an @mention looks like in a comment, defined once: the notifications (who is told)
/// and the formatter (which words become a link to the member's page) read the same names.
///
/// A mention is `@` at the start of the text or after a space or punctuation, followed by a
/// member's display name as written (case and spacing aside): "@Ada" or "@Ada Lovelace". A
/// name can have several words, so each `@` offers its first one to three words, separated by
/// single spaces, as candidate keys (see `NameKey`).
public enum MentionSyntax {
    /// Words a mention may span: "@Ada Augusta Lovelace" at most.
    public static let maxWords = 3

    /// The mention whose `@` is at `index` of `scalars`, or nil when no mention starts there
    /// (not an `@`, an `@` inside a word such as an email address, or no name after it).
    public static func candidate(in scalars: [Unicode.Scalar], at index: Int) -> MentionCandidate? {
        guard index < scalars.count, scalars[index] == "@" else { return nil }
        if index > 0, isNameScalar(scalars[index - 1]) { return nil }  // an email address, not a mention
        var words: [String] = []
        var ends: [Int] = []
        var current = ""
        var j = index + 1
        while j < scalars.count, words.count < maxWords {
            let s = scalars[j]
            if isNameScalar(s) {
                current.unicodeScalars.append(s)
            } else if s == " ", !current.isEmpty {
                words.append(current)
                ends.append(j)
                current = ""
            } else {
                break
            }
            j += 1
        }
        if !current.isEmpty, words.count < maxWords {
            words.append(current)
            ends.append(j)
        }
        guard !words.isEmpty else { return nil }
        let keys = (1...words.count).map { NameKey.of(words.prefix($0).joined(separator: " ")) }
        return MentionCandidate(start: index, wordEnds: ends, keys: keys)
    }

    /// Every mention in `scalars`, in order, at most `limit` of them.
    public static func candidates(in scalars: [Unicode.Scalar], limit: Int) -> [MentionCandidate] {
        var result: [MentionCandidate] = []
        var i = 0
        while i < scalars.count, result.count < limit {
            if scalars[i] == "@", let found = candidate(in: scalars, at: i) { result.append(found) }
            i += 1
        }
        return result
    }

    /// Letters, digits, and the marks names use inside words (O'Brien, Jean-Luc, ada_l).
    public static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "'" || s == "-" || s == "_"
    }
}

/// One `@` and the names it may stand for.
public struct MentionCandidate: Sendable, Equatable {
    /// The index of the `@`.
    public let start: Int
    /// `wordEnds[k - 1]` is the index just after the first `k` words.
    public let wordEnds: [Int]
    /// `keys[k - 1]` is the `NameKey` of the first `k` words, so the longest is last.
    public let keys: [String]

    /// The member this mention names and how many words of the text name them: the longest
    /// candidate key that anyone holds decides, and it must be held by exactly one member. A
    /// name two members share names neither: guessing would point at the wrong person.
    public func resolve(_ holders: MentionTargets) -> (member: MemberID, words: Int)? {
        for words in keys.indices.reversed() {
            guard let found = holders.byKey[keys[words]] else { continue }
            return found.count == 1 ? (found[0], words + 1) : nil
        }
        return nil
    }
}

/// The members whose name keys a comment's candidates matched, by key: what a mention is
/// resolved against, when notifying and when rendering.
public struct MentionTargets: Sendable {
    let byKey: [String: [MemberID]]

    /// No one: no mention resolves.
    public static let none = MentionTargets(members: [])

    public init(members: [Member]) {
        var byKey: [String: [MemberID]] = [:]
        for member in members { byKey[NameKey.of(member.displayName), default: []].append(member.id) }
        self.byKey = byKey
    }

    public var isEmpty: Bool { byKey.isEmpty }
}
