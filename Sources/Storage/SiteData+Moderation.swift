import Domain
import Foundation

extension SiteData {
    /// The rows of moderation's own tables, each list in key order.
    ///
    /// Reports, bans and audit entries are the domain's values, which hold every column of
    /// their rows; the settings and the holds are rows as stored (the hold policy as its
    /// name and count, word lists one per line, the spam features as written).
    public struct ModerationRows: Sendable, Equatable {
        /// The publication's rules; nil on a site that never changed them.
        public var settings: ModerationSettingsRow?
        /// By comment id.
        public var commentModeration: [CommentModerationRow]
        /// By id.
        public var reports: [CommentReport]
        /// By member id.
        public var bans: [Ban]
        /// By member id, then muted member id.
        public var mutes: [MuteRow]
        /// By id.
        public var audit: [AuditEntry]

        public init(
            settings: ModerationSettingsRow? = nil, commentModeration: [CommentModerationRow] = [],
            reports: [CommentReport] = [], bans: [Ban] = [], mutes: [MuteRow] = [], audit: [AuditEntry] = []
        ) {
            self.settings = settings
            self.commentModeration = commentModeration
            self.reports = reports
            self.bans = bans
            self.mutes = mutes
            self.audit = audit
        }
    }

    /// The one row of `moderation_settings`.
    public struct ModerationSettingsRow: Sendable, Equatable {
        public var holdPolicy: String
        public var holdFirstCount: Int
        public var maxLinks: Int
        public var reportsToHold: Int
        /// One word or phrase per line.
        public var holdWords: String
        /// One word or phrase per line.
        public var blockWords: String
        public var autoCloseDays: Int?
        public var spamThreshold: Double

        public init(
            holdPolicy: String, holdFirstCount: Int, maxLinks: Int, reportsToHold: Int, holdWords: String,
            blockWords: String, autoCloseDays: Int?, spamThreshold: Double
        ) {
            self.holdPolicy = holdPolicy
            self.holdFirstCount = holdFirstCount
            self.maxLinks = maxLinks
            self.reportsToHold = reportsToHold
            self.holdWords = holdWords
            self.blockWords = blockWords
            self.autoCloseDays = autoCloseDays
            self.spamThreshold = spamThreshold
        }
    }

    /// One row of `comment_moderation`: why a comment was held and the last decision on it.
    public struct CommentModerationRow: Sendable, Equatable {
        public var commentID: CommentID
        public var holdReason: String?
        public var spamScore: Double?
        public var spamFeatures: String
        public var decision: String?
        public var decidedBy: MemberID?
        public var decidedAt: Date?
        public var decisionReason: String

        public init(
            commentID: CommentID, holdReason: String?, spamScore: Double?, spamFeatures: String, decision: String?,
            decidedBy: MemberID?, decidedAt: Date?, decisionReason: String
        ) {
            self.commentID = commentID
            self.holdReason = holdReason
            self.spamScore = spamScore
            self.spamFeatures = spamFeatures
            self.decision = decision
            self.decidedBy = decidedBy
            self.decidedAt = decidedAt
            self.decisionReason = decisionReason
        }
    }

    /// One row of `mutes`: `memberID` collapsed `mutedID`'s comments for themselves.
    public struct MuteRow: Sendable, Equatable {
        public var memberID: MemberID
        public var mutedID: MemberID
        public var createdAt: Date

        public init(memberID: MemberID, mutedID: MemberID, createdAt: Date) {
            self.memberID = memberID
            self.mutedID = mutedID
            self.createdAt = createdAt
        }
    }
}
