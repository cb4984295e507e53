import Foundation

public typealias AuditEntryID = Identifier<AuditEntry>

/// A moderation action, as the audit log names it.
public enum AuditAction: String, CaseIterable, Sendable, Codable {
    case approve, reject, remove, restore, hold
    case pin, unpin, feature, unfeature
    case ban, unban, setRole = "set_role"
    case discussionSettings = "discussion_settings"
    case moderationSettings = "moderation_settings"
    /// The subscriber list (issue 10): an import that mails each address a confirmation, an
    /// import the writer attested was confirmed elsewhere, and a removal.
    case importSubscribers = "import_subscribers"
    case importConfirmedSubscribers = "import_confirmed_subscribers"
    case removeSubscriber = "remove_subscriber"
}

/// One line of the audit log: who did what, when, why, and the text before and after.
///
/// Kept when a member deletes their account: the member row stays scrubbed, so the entry
/// names a deleted member, and the text of their own comments is blanked.
public struct AuditEntry: Hashable, Sendable, Identifiable {
    public let id: AuditEntryID
    public var at: Date
    /// Who acted; nil for the site itself (an automatic hold by reports or by the filter).
    public var actorID: MemberID?
    public var action: AuditAction
    public var commentID: CommentID?
    /// The member acted on (the author of the comment, the member banned or given a role).
    public var subjectID: MemberID?
    public var postID: PostID?
    public var reason: String
    public var before: String
    public var after: String

    public init(
        id: AuditEntryID, at: Date, actorID: MemberID?, action: AuditAction, commentID: CommentID? = nil,
        subjectID: MemberID? = nil, postID: PostID? = nil, reason: String = "", before: String = "", after: String = ""
    ) {
        self.id = id
        self.at = at
        self.actorID = actorID
        self.action = action
        self.commentID = commentID
        self.subjectID = subjectID
        self.postID = postID
        self.reason = reason
        self.before = before
        self.after = after
    }
}

/// An audit entry before the store gives it an id: written in the same transaction as its action.
public struct NewAuditEntry: Hashable, Sendable {
    public var at: Date
    public var actorID: MemberID?
    public var action: AuditAction
    public var commentID: CommentID?
    public var subjectID: MemberID?
    public var postID: PostID?
    public var reason: String
    public var before: String
    public var after: String

    public init(
        at: Date, actorID: MemberID?, action: AuditAction, commentID: CommentID? = nil, subjectID: MemberID? = nil,
        postID: PostID? = nil, reason: String = "", before: String = "", after: String = ""
    ) {
        self.at = at
        self.actorID = actorID
        self.action = action
        self.commentID = commentID
        self.subjectID = subjectID
        self.postID = postID
        self.reason = reason
        self.before = before
        self.after = after
    }
}

/// Which audit entries an admin looks at; nil fields do not filter.
public struct AuditFilter: Hashable, Sendable {
    public var action: AuditAction?
    public var actorID: MemberID?
    public var subjectID: MemberID?

    public init(action: AuditAction? = nil, actorID: MemberID? = nil, subjectID: MemberID? = nil) {
        self.action = action
        self.actorID = actorID
        self.subjectID = subjectID
    }
}
