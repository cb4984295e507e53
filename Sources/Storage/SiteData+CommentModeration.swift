import Domain
import Foundation

extension SiteData {
    /// One comment's row of `comment_moderation`, as stored: why it was held and the last
    /// decision on it.
    public struct CommentModerationRow: Sendable, Equatable {
        public var commentID: CommentID
        public var holdReason: HoldReason?
        public var spamScore: Double?
        public var spamFeatures: [String]
        public var decision: ModerationDecision.Kind?
        public var decidedBy: MemberID?
        public var decidedAt: Date?
        public var decisionReason: String

        public init(
            commentID: CommentID, holdReason: HoldReason?, spamScore: Double?, spamFeatures: [String],
            decision: ModerationDecision.Kind?, decidedBy: MemberID?, decidedAt: Date?, decisionReason: String
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
}
