import Foundation

/// What the spam filter says of one comment: a score and the features that weighed most.
public struct SpamScore: Hashable, Sendable {
    /// 0...1: how likely the comment is spam.
    public var score: Double
    /// The features that weighed most, most first.
    public var features: [String]

    public init(score: Double, features: [String]) {
        self.score = score
        self.features = features
    }
}

/// What the publication's rules make of a comment before it is stored.
public enum CommentVerdict: Hashable, Sendable {
    /// Shown to everyone at once.
    case publish
    /// Stored, but shown only to its author and staff until a moderator approves it.
    case hold(HoldNote)
    /// Not stored: it holds a word of the "block" list (the word, as listed).
    case refuse(blockedWord: String)
}

/// The one decision of whether a new or edited comment is published, held or refused.
///
/// Pure: everything it weighs is passed in, so each rule is tested without a store. A blocked
/// word refuses anyone's comment; staff are never held; otherwise the most specific reason
/// wins (a hold word, too many links, likely spam, then the publication's policy), and a
/// spam score, when there is one, travels with the note whatever the reason.
public enum HoldRules {
    public static func verdict(
        text: String, settings: ModerationSettings, author: Member, visibleCommentCount: Int, spam: SpamScore?,
        renderedLinks: Int = 0
    ) -> CommentVerdict {
        let words = WordList.words(of: text)
        if let blocked = WordList.firstMatch(of: settings.blockWords, in: words) { return .refuse(blockedWord: blocked) }
        guard !author.role.isStaff else { return .publish }
        func note(_ reason: HoldReason) -> CommentVerdict {
            .hold(HoldNote(reason: reason, spamScore: spam?.score, spamFeatures: spam?.features ?? []))
        }
        if WordList.firstMatch(of: settings.holdWords, in: words) != nil { return note(.holdWord) }
        // `renderedLinks`: the links the comment formatter made of it, which the caller knows.
        if max(linkCount(in: text), renderedLinks) > settings.maxLinks { return note(.links) }
        if let spam, spam.score >= settings.spamThreshold { return note(.likelySpam) }
        switch settings.holdPolicy {
        case .nothing: break
        case .everything: return note(.policy)
        case .firstComments(let count): if visibleCommentCount < count { return note(.policy) }
        }
        return .publish
    }

    /// How many links the text carries: each run that starts with `http://`, `https://` or
    /// `www.` (what a reader would follow, made clickable or not).
    public static func linkCount(in text: String) -> Int {
        text.split(whereSeparator: { $0.isWhitespace || $0 == "(" || $0 == "<" || $0 == "[" || $0 == "\"" }).count { run in
            let lower = run.lowercased()
            return lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("www.")
        }
    }
}

/// Matching the publication's word lists: whole words, case-insensitive; an entry of several
/// words matches them in a row ("free money" matches "Free  money!" but not "freemoney").
public enum WordList {
    /// The words of a text, lowercased: runs of letters and digits, after compatibility
    /// normalisation (full-width and styled letters read as plain ones) and without invisible
    /// format characters (soft hyphens, zero-width spaces and joiners), so that "sc\u{AD}am"
    /// is the word "scam" it looks like.
    public static func words(of text: String) -> [Substring] {
        var visible = String.UnicodeScalarView()
        visible.append(
            contentsOf: text.precomposedStringWithCompatibilityMapping.unicodeScalars.lazy.filter {
                $0.properties.generalCategory != .format
            })
        return String(visible).lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) })
    }

    /// The first entry of `list` found in `words`, as listed; nil when none is.
    public static func firstMatch(of list: [String], in words: [Substring]) -> String? {
        for entry in list {
            let phrase = Self.words(of: entry)
            guard !phrase.isEmpty, phrase.count <= words.count else { continue }
            for start in 0...(words.count - phrase.count) where words[start] == phrase[0] {
                if zip(words[start..<(start + phrase.count)], phrase).allSatisfy({ $0 == $1 }) { return entry }
            }
        }
        return nil
    }
}
