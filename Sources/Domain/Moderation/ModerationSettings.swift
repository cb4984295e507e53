import Foundation

/// Which comments a publication holds for approval before anyone else sees them.
public enum HoldPolicy: Hashable, Sendable {
    /// None (a new site's default); the other rules (links, words, spam, reports) still hold.
    case nothing
    /// The first `count` comments of each member, until that many were approved.
    case firstComments(count: Int)
    /// Every comment, from everyone but staff.
    case everything
}

/// The publication's moderation rules, set by owners and admins.
public struct ModerationSettings: Hashable, Sendable {
    public var holdPolicy: HoldPolicy
    /// A comment with more links than this is held.
    public var maxLinks: Int
    /// A comment reported by this many distinct members is held.
    public var reportsToHold: Int
    /// Words (or phrases) that hold a comment, lowercased.
    public var holdWords: [String]
    /// Words (or phrases) that refuse a comment outright, lowercased.
    public var blockWords: [String]
    /// Discussions close this many days after the post is published; nil: never.
    /// A post may override it (`Post.autoCloseDays`).
    public var autoCloseDays: Int?
    /// The spam score at or above which a comment is held.
    public var spamThreshold: Double

    public init(
        holdPolicy: HoldPolicy = .nothing, maxLinks: Int = 3, reportsToHold: Int = 3, holdWords: [String] = [],
        blockWords: [String] = [], autoCloseDays: Int? = nil, spamThreshold: Double = 0.9
    ) {
        self.holdPolicy = holdPolicy
        self.maxLinks = maxLinks
        self.reportsToHold = reportsToHold
        self.holdWords = holdWords
        self.blockWords = blockWords
        self.autoCloseDays = autoCloseDays
        self.spamThreshold = spamThreshold
    }

    /// What a site that never changed its settings uses.
    public static let defaults = ModerationSettings()
}
