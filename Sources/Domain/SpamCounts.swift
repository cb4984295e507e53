/// What a moderator decided a comment was, as the spam filter learns it.
public enum SpamLabel: String, Sendable, CaseIterable, Hashable {
    case spam
    case ham
}

/// A pair of counts, one per class.
public struct SpamClassCounts: Sendable, Equatable, Hashable {
    public var spam: Int64
    public var ham: Int64

    public init(spam: Int64 = 0, ham: Int64 = 0) {
        self.spam = spam
        self.ham = ham
    }

    public subscript(label: SpamLabel) -> Int64 {
        get { label == .spam ? spam : ham }
        set {
            if label == .spam { spam = newValue } else { ham = newValue }
        }
    }

    public static func + (lhs: SpamClassCounts, rhs: SpamClassCounts) -> SpamClassCounts {
        SpamClassCounts(spam: lhs.spam + rhs.spam, ham: lhs.ham + rhs.ham)
    }

    public var isZero: Bool { spam == 0 && ham == 0 }
}

/// The counts a spam model is made of, for the features of one comment (or for a whole model).
///
/// Every feature is counted at most once per comment, so `features[f].spam` is the number of
/// spam comments learned that had feature `f`. `documents` is the number of comments learned per
/// class, and `occurrences` the sum, over those comments, of how many features each had (the
/// denominator of a multinomial model).
public struct SpamCounts: Sendable, Equatable {
    public var documents: SpamClassCounts
    public var occurrences: SpamClassCounts
    public var features: [String: SpamClassCounts]

    public init(
        documents: SpamClassCounts = SpamClassCounts(), occurrences: SpamClassCounts = SpamClassCounts(),
        features: [String: SpamClassCounts] = [:]
    ) {
        self.documents = documents
        self.occurrences = occurrences
        self.features = features
    }

    /// The counts of a feature; zero for one never learned.
    public subscript(feature: String) -> SpamClassCounts {
        features[feature] ?? SpamClassCounts()
    }

    /// Both models' counts added: the built-in model plus what a site learned.
    public func adding(_ other: SpamCounts) -> SpamCounts {
        var sum = self
        sum.documents = documents + other.documents
        sum.occurrences = occurrences + other.occurrences
        for (feature, counts) in other.features {
            sum.features[feature] = (sum.features[feature] ?? SpamClassCounts()) + counts
        }
        return sum
    }

    /// Only the counts of `wanted` (what a store reads for one comment).
    public func restricted(to wanted: some Sequence<String>) -> SpamCounts {
        var result = SpamCounts(documents: documents, occurrences: occurrences)
        for feature in wanted {
            if let counts = features[feature] { result.features[feature] = counts }
        }
        return result
    }

    /// Learns (or, with a negative `delta`, un-learns) one comment's features. Counts never go
    /// below zero, so un-learning what was never learned changes nothing.
    public mutating func learn(_ comment: some Collection<String>, as label: SpamLabel, delta: Int64 = 1) {
        let unique = Set(comment)
        documents[label] = max(0, documents[label] + delta)
        occurrences[label] = max(0, occurrences[label] + delta * Int64(unique.count))
        for feature in unique {
            var counts = features[feature] ?? SpamClassCounts()
            counts[label] = max(0, counts[label] + delta)
            features[feature] = counts.isZero ? nil : counts
        }
    }
}
