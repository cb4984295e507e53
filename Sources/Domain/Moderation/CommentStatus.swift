import Foundation

/// Where a comment stands with moderation.
///
/// Only `visible` comments are counted (the post's comment count, ancestors' descendant counts),
/// mailed, and shown to everyone. A held or removed comment that has visible replies is shown to
/// others as a placeholder, so the replies keep their place; without replies it is not shown.
public enum CommentStatus: String, CaseIterable, Sendable, Codable {
    /// Shown to everyone.
    case visible
    /// Waiting for a moderator: shown to its author ("Awaiting approval") and to staff only.
    case held
    /// Rejected or removed by staff: kept so it can be restored, shown to staff only.
    case removed
}

/// Why a comment was held for approval.
public enum HoldReason: String, CaseIterable, Sendable, Codable {
    /// The publication holds every comment, or the first comments of a new member.
    case policy
    /// More links than the publication allows.
    case links
    /// A word from the publication's "hold" list.
    case holdWord = "hold_word"
    /// The spam filter scored it as likely spam.
    case likelySpam = "likely_spam"
    /// Reported by as many distinct members as the publication's threshold.
    case reports
}

/// What the store keeps about why a comment was held: shown in the moderation queue.
public struct HoldNote: Hashable, Sendable {
    public var reason: HoldReason
    /// The spam filter's score, 0...1, when it was scored.
    public var spamScore: Double?
    /// The features that weighed most in the score, most first (at most a handful, short strings).
    public var spamFeatures: [String]

    public init(reason: HoldReason, spamScore: Double? = nil, spamFeatures: [String] = []) {
        self.reason = reason
        self.spamScore = spamScore
        self.spamFeatures = spamFeatures
    }
}

/// Whose eyes a discussion is read for: what they may see of held and removed comments.
public enum CommentVisibility: Hashable, Sendable {
    /// Visible comments, and placeholders of hidden ones that still have visible replies.
    case everyone
    /// As `everyone`, plus this member's own held comments.
    case author(MemberID)
    /// Every comment, held and removed ones included.
    case staff

    /// The visibility for a viewer: staff see everything, a member their own held comments.
    public static func of(_ viewer: Member?) -> CommentVisibility {
        guard let viewer else { return .everyone }
        return viewer.role.isStaff ? .staff : .author(viewer.id)
    }
}
