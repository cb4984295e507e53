import Foundation

// Identity and mail-related records: sign-in links, subscribers, notifications, follows,
// avatars and newsletter sends. Plain values; the rules live in UseCases, the rows in Storage.

public typealias SubscriberID = Identifier<Subscriber>
public typealias NotificationID = Identifier<PendingNotification>

/// A one-time sign-in link as stored: only the SHA-256 of its token, never the token.
public struct SignInToken: Sendable, Hashable {
    public var tokenHash: String
    /// The address the link was sent to, normalised; it may or may not belong to a member yet.
    public var email: String
    /// Where to go once signed in: a local path checked by the web room.
    public var returnPath: String
    public var createdAt: Date
    public var expiresAt: Date
    /// When the link was used; a link works once.
    public var usedAt: Date?

    public init(tokenHash: String, email: String, returnPath: String, createdAt: Date, expiresAt: Date, usedAt: Date? = nil) {
        self.tokenHash = tokenHash
        self.email = email
        self.returnPath = returnPath
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }
}

/// What became of an attempt to use a sign-in link.
public enum SignInRedemption: Sendable, Equatable {
    /// The link was live and is now used: sign in `email`, then go to `returnPath`.
    case redeemed(email: String, returnPath: String)
    /// The link was used before.
    case alreadyUsed
    /// The link is older than its lifetime.
    case expired
    /// No such link (mistyped, or purged).
    case unknown
}

/// Where a newsletter address is in its life.
public enum SubscriberStatus: String, Sendable, CaseIterable, Codable {
    /// Asked to subscribe, has not confirmed by email yet: receives nothing but the confirmation.
    case pending
    /// Confirmed: receives new posts.
    case active
    /// Left the list; kept so that a later subscribe starts a new confirmation.
    case unsubscribed
}

/// An address on the newsletter list.
public struct Subscriber: Sendable, Hashable, Identifiable {
    public let id: SubscriberID
    public var email: String
    public var status: SubscriberStatus
    public var createdAt: Date
    public var confirmedAt: Date?

    public init(id: SubscriberID, email: String, status: SubscriberStatus, createdAt: Date, confirmedAt: Date? = nil) {
        self.id = id
        self.email = email
        self.status = status
        self.createdAt = createdAt
        self.confirmedAt = confirmedAt
    }
}

/// What a subscribe request did.
public enum SubscribeOutcome: Sendable, Equatable {
    /// A confirmation mail was queued (new address, still pending, or coming back after leaving).
    case confirmationSent
    /// The address is already an active subscriber: nothing was queued.
    case alreadyActive
}

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

    public init(id: NotificationID, recipientID: MemberID, kind: NotificationKind, commentID: CommentID, postID: PostID,
                createdAt: Date, dueAt: Date) {
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

/// An uploaded avatar: the bytes as checked (type sniffed from them) and a version for its URL.
public struct AvatarImage: Sendable, Hashable {
    /// `image/png`, `image/jpeg`, `image/webp` or `image/gif`.
    public var contentType: String
    public var bytes: Data
    /// Short hex of the bytes' hash: a new upload gets a new URL, so caches never go stale.
    public var version: String
    public var updatedAt: Date

    public init(contentType: String, bytes: Data, version: String, updatedAt: Date) {
        self.contentType = contentType
        self.bytes = bytes
        self.version = version
        self.updatedAt = updatedAt
    }
}

/// A post's newsletter on its way to the list: subscribers are mailed in id order, in batches,
/// `afterSubscriberID` being the last one already queued.
public struct NewsletterSend: Sendable, Hashable {
    public var postID: PostID
    public var afterSubscriberID: SubscriberID?
    public var createdAt: Date
    public var finishedAt: Date?

    public init(postID: PostID, afterSubscriberID: SubscriberID?, createdAt: Date, finishedAt: Date? = nil) {
        self.postID = postID
        self.afterSubscriberID = afterSubscriberID
        self.createdAt = createdAt
        self.finishedAt = finishedAt
    }
}

/// What happens to a member's comments when they delete their account (`--deleted-comments`).
public enum DeletedAccountComments: String, Sendable, CaseIterable, Codable {
    /// Each comment is deleted as its author would delete it: removed, or a "Comment deleted"
    /// placeholder where others replied to it, so threads keep their shape. The default.
    case remove
    /// Every comment stays as a "Comment deleted" placeholder, replies or not: the discussion
    /// keeps its length and shape exactly.
    case placeholders
}
