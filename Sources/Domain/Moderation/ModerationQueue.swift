import Foundation

/// The tabs of the moderation queue.
public enum ModerationTab: String, CaseIterable, Sendable, Codable {
    /// Visible comments with open reports.
    case reported
    /// Comments waiting for approval.
    case held
    /// Comments a moderator approved (held ones let through, reports dismissed), latest decision first.
    case approved
    /// Comments staff rejected or removed.
    case removed
}

/// A moderator's last decision on a comment.
public struct ModerationDecision: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case approved, rejected, removed, restored
    }

    public var kind: Kind
    public var by: MemberID
    public var at: Date
    public var reason: String

    public init(kind: Kind, by: MemberID, at: Date, reason: String) {
        self.kind = kind
        self.by = by
        self.at = at
        self.reason = reason
    }
}

/// A comment as the moderation queue shows it: with why it is there.
public struct QueuedComment: Hashable, Sendable {
    public var comment: Comment
    /// Why it was held, for held comments (and comments held before, for the record).
    public var hold: HoldNote?
    /// Its reports, open ones first.
    public var reports: [CommentReport]
    public var decision: ModerationDecision?

    public init(comment: Comment, hold: HoldNote?, reports: [CommentReport], decision: ModerationDecision?) {
        self.comment = comment
        self.hold = hold
        self.reports = reports
        self.decision = decision
    }
}

/// What moderators know of a comment's author at a glance.
public struct AuthorHistory: Hashable, Sendable {
    public var visible: Int
    public var held: Int
    public var removed: Int
    /// Open and resolved reports against their comments.
    public var reportsAgainst: Int

    public init(visible: Int, held: Int, removed: Int, reportsAgainst: Int) {
        self.visible = visible
        self.held = held
        self.removed = removed
        self.reportsAgainst = reportsAgainst
    }
}
