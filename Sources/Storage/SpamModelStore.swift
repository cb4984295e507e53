import Domain

/// What a site's spam filter has learned from its moderators: per feature, how many comments
/// marked spam and how many approved had it, and how many comments of each kind were learned.
///
/// The built-in model (trained on the corpus, compiled in) is not stored: these are the site's
/// own counts, added to it when scoring. Every count stays at zero or above; a feature whose
/// counts both reach zero is forgotten.
public protocol SpamModelStore: Sendable {
    /// Learns one comment's `features` as `label` (each counted once, however often listed), or
    /// un-learns them with `delta` -1 (a moderator reversed a decision), in one transaction:
    /// the comment count of `label`, the feature total of `label` (by the number of distinct
    /// features) and each feature's count of `label` all move by `delta`, never below zero.
    func learnSpamFeatures(_ features: [String], as label: SpamLabel, delta: Int) async throws

    /// The learned counts of `features` (features never learned are absent) with the comment
    /// counts and feature totals of both classes, in one read.
    func spamCounts(for features: [String]) async throws -> SpamCounts
}

/// One row of the learned spam model, for `SiteData`: a feature's counts.
public struct SpamFeatureRow: Sendable, Equatable {
    public var feature: String
    public var counts: SpamClassCounts

    public init(feature: String, counts: SpamClassCounts) {
        self.feature = feature
        self.counts = counts
    }
}

/// The whole learned spam model as rows, for `SiteData` (`parley migrate-data`).
public struct SpamModelRows: Sendable, Equatable {
    /// Comments learned per class.
    public var documents: SpamClassCounts
    /// Features learned per class (each comment's distinct features, added up).
    public var occurrences: SpamClassCounts
    /// In feature order.
    public var features: [SpamFeatureRow]

    public init(
        documents: SpamClassCounts = SpamClassCounts(), occurrences: SpamClassCounts = SpamClassCounts(), features: [SpamFeatureRow] = []
    ) {
        self.documents = documents
        self.occurrences = occurrences
        self.features = features
    }

    public var isEmpty: Bool { documents.isZero && occurrences.isZero && features.isEmpty }
}
