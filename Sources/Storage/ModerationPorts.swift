import Domain
import Foundation

// The ports of moderation (issue 9). Every write that a moderator makes carries its
// `NewAuditEntry`, written in the same transaction, so the audit log never misses an action
// that committed and never records one that did not.

/// Holding, approving, removing and restoring comments; reports; the moderation queue.
public protocol CommentModerationStore: Sendable {
    /// Held → visible, as if it were posted now for the counts: the post's comment count and
    /// every ancestor's descendant count rise by one, the `notices` rows are written (as
    /// `insertComment` writes them), its open reports are resolved, and the decision `approved`
    /// is recorded. A visible comment with open reports ("dismiss the reports") only has them
    /// resolved and the decision recorded. Returns the comment as it now is.
    /// Throws `StoreError.missing` for an unknown or deleted comment, or a removed one.
    func approveComment(id: CommentID, notices: CommentNotices?, audit: NewAuditEntry) async throws -> Comment
    /// Visible or held → removed (reject, or a staff deletion): the row stays so it can be
    /// restored; counts drop by one if it was visible; open reports are resolved; the decision
    /// (`rejected` for a held comment, `removed` otherwise, with `audit.reason`) is recorded.
    /// Its pending notifications are deleted and a pin on it is lifted.
    /// Throws `StoreError.missing` if unknown or deleted.
    func removeComment(id: CommentID, audit: NewAuditEntry) async throws -> Comment
    /// Removed → visible: counts rise by one; decision `restored`. No notices are written again.
    /// Throws `StoreError.missing` if unknown, deleted or not removed.
    func restoreComment(id: CommentID, audit: NewAuditEntry) async throws -> Comment
    /// Visible → held (an edit that trips a rule, or the report threshold): counts drop by one,
    /// the note is kept, and a pin on it is lifted. A held comment stays held (the note is
    /// replaced). The audit entry is written in every case (an automatic hold has a nil actor).
    /// Throws `StoreError.missing` if unknown, deleted or removed.
    func holdComment(id: CommentID, note: HoldNote, audit: NewAuditEntry) async throws -> Comment
    /// Replaces the text (as `updateCommentBody`) and, with `hold`, holds it, in one transaction.
    func updateCommentBody(id: CommentID, text: String, html: String, editedAt: Date, hold: HoldNote?) async throws -> Comment
    /// Records a report, once per member and comment. When the open reports of a visible
    /// comment from distinct members reach `holdAt`, the comment is held (reason `reports`) in
    /// the same transaction, with an audit entry whose actor is nil.
    /// Throws `StoreError.missing` if the comment is unknown or deleted.
    func reportComment(_ report: NewCommentReport, holdAt threshold: Int) async throws -> ReportOutcome
    /// Every report of a comment, open ones first, then oldest first.
    func reports(commentID: CommentID) async throws -> [CommentReport]
    /// One page of a queue tab, newest first: by comment id for `reported` and `held`; by
    /// (decision time, comment id) for `approved` and `removed`, whose last decision is
    /// `approved`, resp. `rejected` or `removed`. The page continues after `cursor`
    /// (`ModerationQueueCursor(after:)` of the previous page's last comment), so a decision
    /// taken meanwhile moves that comment without moving the page.
    func moderationQueue(_ tab: ModerationTab, after cursor: ModerationQueueCursor?, limit: Int) async throws -> [QueuedComment]
    /// How many comments each tab holds, each counted up to `cap + 1` and no further: a count
    /// above `cap` means "more than `cap`" (the queue shows "1,000+"), so a load reads at most
    /// `cap + 1` index entries per tab however long the site has been moderated.
    func moderationCounts(upTo cap: Int) async throws -> [ModerationTab: Int]
    /// Why a comment was held and the last decision on it, for one comment (nil when it never
    /// met moderation).
    func moderation(commentID: CommentID) async throws -> QueuedComment?
    /// What moderators see of these authors' past.
    func authorHistories(memberIDs: Set<MemberID>) async throws -> [MemberID: AuthorHistory]
    /// How many of the member's comments are visible (approved or never held), counted up to
    /// `cap` and no further: "the first N comments" only asks whether the count reached N, so
    /// this reads at most `cap` index entries however many the member wrote.
    func visibleCommentCount(authorID: MemberID, upTo cap: Int) async throws -> Int
    /// Pins `commentID` (a visible root comment of the post) to the top, or unpins with nil.
    func setPinnedComment(_ commentID: CommentID?, postID: PostID, audit: NewAuditEntry) async throws
    /// Features ("Highlighted") or unfeatures a comment.
    func setFeatured(_ featured: Bool, commentID: CommentID, audit: NewAuditEntry) async throws
}

/// Roles, bans and mutes of members.
public protocol MemberModerationStore: Sendable {
    /// Gives a member a role. Throws `StoreError.missing` for an unknown or deleted member.
    func setRole(_ role: Role, memberID: MemberID, audit: NewAuditEntry) async throws
    /// Bans a member (replacing an earlier ban of theirs). With `removeComments`, every visible
    /// or held comment of theirs becomes removed in the same transaction (counts drop, decision
    /// `removed`, pins lifted, one `remove` audit entry per comment with its text as `before`,
    /// besides the `ban` entry); returns how many were removed.
    func ban(_ ban: Ban, removeComments: Bool, audit: NewAuditEntry) async throws -> Int
    /// Lifts a member's ban; false when they had none.
    func unban(memberID: MemberID, audit: NewAuditEntry) async throws -> Bool
    /// The member's ban, active or expired, or nil.
    func ban(memberID: MemberID) async throws -> Ban?
    /// Members with a ban, newest first, at most `limit`.
    func bans(limit: Int) async throws -> [Ban]
    /// Mutes (their comments collapsed for `memberID` only) or unmutes `target`.
    func setMuted(_ muted: Bool, memberID: MemberID, target: MemberID, at: Date) async throws
    /// Whom the member muted.
    func mutedMemberIDs(memberID: MemberID) async throws -> Set<MemberID>
    /// Members (not deleted) in id order after `after`, at most `limit`; with `search`, only
    /// those whose name or email contains it (case-insensitive); with `roles`, only those roles.
    func memberList(search: String?, roles: Set<Role>?, after: MemberID?, limit: Int) async throws -> [Member]
}

/// The publication's moderation rules and each post's discussion settings.
public protocol ModerationSettingsStore: Sendable {
    /// The settings, or `ModerationSettings.defaults` on a site that never changed them.
    func moderationSettings() async throws -> ModerationSettings
    func updateModerationSettings(_ settings: ModerationSettings, audit: NewAuditEntry) async throws
    /// Sets who may join a post's discussion and when it closes (nil: the publication's default).
    /// Throws `StoreError.missing` for an unknown post.
    func setDiscussion(_ setting: DiscussionSetting, autoCloseDays: Int?, postID: PostID, audit: NewAuditEntry) async throws
}

/// The audit log of moderation actions.
public protocol AuditLogStore: Sendable {
    /// Appends an entry for an action that has no store write of its own.
    func appendAudit(_ entry: NewAuditEntry) async throws
    /// Entries matching `filter`, newest first, before `before`, at most `limit`.
    func auditLog(filter: AuditFilter, before: AuditEntryID?, limit: Int) async throws -> [AuditEntry]
}

/// Everything moderation stores.
public typealias ModerationStore = CommentModerationStore & MemberModerationStore & ModerationSettingsStore & AuditLogStore

/// Where the next page of a moderation queue tab starts: after this comment, and for the
/// approved and removed tabs after the decision time the previous page showed for it.
public struct ModerationQueueCursor: Hashable, Sendable {
    public var commentID: CommentID
    /// The decision time the page showed; nil makes the store read the comment's current one
    /// (what the older `before:` form does, which a later decision on it can move).
    public var decidedAt: Date?

    public init(commentID: CommentID, decidedAt: Date?) {
        self.commentID = commentID
        self.decidedAt = decidedAt
    }

    /// The cursor after the last comment of a page.
    public init(after last: QueuedComment) {
        self.init(commentID: last.comment.id, decidedAt: last.decision?.at)
    }
}

/// How far the moderation queue's tab counts go before they read "1,000+".
public enum ModerationQueueCount {
    public static let cap = 1_000
}

extension CommentModerationStore {
    /// A page continuing before a comment id. For the approved and removed tabs the decision
    /// time is read again, so prefer `moderationQueue(_:after:limit:)` with the page's cursor.
    public func moderationQueue(_ tab: ModerationTab, before: CommentID?, limit: Int) async throws -> [QueuedComment] {
        try await moderationQueue(tab, after: before.map { ModerationQueueCursor(commentID: $0, decidedAt: nil) }, limit: limit)
    }

    /// The counts up to `ModerationQueueCount.cap` (a count above it reads "1,000+").
    public func moderationCounts() async throws -> [ModerationTab: Int] {
        try await moderationCounts(upTo: ModerationQueueCount.cap)
    }

    /// Every visible comment of the member, counted one by one: kept so that callers written
    /// before `visibleCommentCount(authorID:upTo:)` compile; call that one with the policy's N.
    public func visibleCommentCount(authorID: MemberID) async throws -> Int {
        try await visibleCommentCount(authorID: authorID, upTo: Int.max)
    }
}
