import Domain
import Foundation
import Spam
import Storage

/// A comment's spam assessment: what the moderation queue shows and what decides a hold.
public struct SpamAssessment: Sendable, Equatable {
    /// 0...1: near 1 is spam, near 0 a real comment, 0.5 when nothing about it is known.
    public var score: Double
    /// `score >= threshold` (the one passed to `assess`): hold the comment for a moderator.
    public var likelySpam: Bool
    /// The (at most 5) features that weighed most either way, heaviest first: positive weights
    /// pushed towards spam. A word is shown as it is; other features have a prefix
    /// (`domain:example.com`, `links:3-5`, `author:age:under-1h`; docs/SPAM.md lists them).
    /// `topFeatures.map(\.feature)` is what `HoldNote.spamFeatures` keeps.
    public var topFeatures: [SpamWeight]

    public init(score: Double, likelySpam: Bool, topFeatures: [SpamWeight]) {
        self.score = score
        self.likelySpam = likelySpam
        self.topFeatures = topFeatures
    }
}

/// The spam filter as the use cases see it: scores a comment against the built-in model plus
/// what this site's moderators taught it, and learns from their decisions.
///
/// Scoring is one read of the store (the counts of the comment's own features) and arithmetic;
/// the built-in model is counted from the compiled-in corpus once per process, on first use.
///
/// For learning and un-learning to match, pass the author's signals as they were when the
/// comment was written (account age at that time, approved comments before it), not as they are
/// when the moderator decides.
public struct SpamFilter: Sendable {
    /// The threshold with the best F1 on the corpus (`SpamClassifier.likelySpamThreshold`,
    /// docs/SPAM.md); a site's own is `ModerationSettings.spamThreshold`.
    public static let threshold = SpamClassifier.likelySpamThreshold

    let store: any SpamModelStore
    let classifier: SpamClassifier

    public init(store: any SpamModelStore) {
        self.store = store
        self.classifier = SpamClassifier(method: SpamClassifier.standardMethod)
    }

    /// Scores a comment's `text` (as typed, before formatting) by an author with `author` signals
    /// (nil when unknown), calling it likely spam at `threshold` or above (pass the site's
    /// `ModerationSettings.spamThreshold`). Reads the store once.
    public func assess(text: String, author: SpamAuthorSignals?, threshold: Double = SpamFilter.threshold) async throws -> SpamAssessment {
        let features = SpamFeatureExtractor.features(text: text, author: author)
        let learned = try await store.spamCounts(for: features)
        let counts = BuiltInSpamModel.counts.restricted(to: features).adding(learned)
        let scored = classifier.score(features, counts: counts, top: 5)
        return SpamAssessment(score: scored.score, likelySpam: scored.score >= threshold, topFeatures: scored.topFeatures)
    }

    /// Teaches the filter a moderator's decision about a comment: `.spam` when it is rejected as
    /// spam, `.ham` when it is approved. With `reverse`, takes back a decision learned before (a
    /// moderator restored a comment rejected as spam: `learn(..., as: .spam, reverse: true)`, then
    /// `learn(..., as: .ham)`). One transaction each; counts never go below zero.
    public func learn(text: String, author: SpamAuthorSignals?, as label: SpamLabel, reverse: Bool = false) async throws {
        let features = SpamFeatureExtractor.features(text: text, author: author)
        try await store.learnSpamFeatures(features, as: label, delta: reverse ? -1 : 1)
    }
}
