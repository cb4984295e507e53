import Foundation

public typealias NotificationID = Identifier<PendingNotification>

/// Why a member is told about a comment.
public enum NotificationKind: String, Sendable, CaseIterable, Codable {
    /// Someone replied to their comment.
    case reply
    /// Someone @mentioned them.
    case mention
    /// A new comment in a discussion they follow.
    case follow
}

/// A comment a member is to be told about, waiting to be grouped into one email.
///
/// Rows are written in the same transaction as the comment; the notification digester turns
/// all of one recipient's rows into one outbox job, in one transaction, once the earliest is due.
public struct PendingNotification: Sendable, Hashable, Identifiable {
    public let id: NotificationID
    public var recipientID: MemberID
    public var kind: NotificationKind
    public var commentID: CommentID
    public var postID: PostID
    public var createdAt: Date
    /// When the group this row belongs to may be sent: creation plus the grouping window
    /// (replies, mentions) or the digest interval (follows).
    public var dueAt: Date

    public init(
        id: NotificationID, recipientID: MemberID, kind: NotificationKind, commentID: CommentID, postID: PostID,
        createdAt: Date, dueAt: Date
    ) {
        self.id = id
        self.recipientID = recipientID
        self.kind = kind
        self.commentID = commentID
        self.postID = postID
        self.createdAt = createdAt
        self.dueAt = dueAt
    }
}

/// Who a new comment tells, decided by the use case and written by the store in the comment's
/// own transaction.
///
/// The store adds: a `reply` row for the parent's author (unless it is the commenter, the
/// parent is deleted, the author's account is deleted, or they turned replies off); a `mention`
/// row for each of `mentioned` (same exclusions, `notifyMentions`, and not someone already told
/// by the reply row); a `follow` row for every follower of the post not already told and not
/// the commenter. One member gets at most one row per comment.
public struct CommentNotices: Sendable, Hashable {
    public var mentioned: [MemberID]
    /// When reply and mention rows fall due: now plus the grouping window.
    public var replyDueAt: Date
    /// When follow rows fall due: now plus the digest interval.
    public var followDueAt: Date

    public init(mentioned: [MemberID], replyDueAt: Date, followDueAt: Date) {
        self.mentioned = mentioned
        self.replyDueAt = replyDueAt
        self.followDueAt = followDueAt
    }
}
