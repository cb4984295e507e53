import Foundation

/// One comment in a post's discussion, placed in its thread by a materialised path.
///
/// `path` is the chain of ids from the root down to this comment, each zero-padded to a
/// fixed width and joined by "/", so that sorting by path lists a thread depth-first with
/// each comment's replies oldest first, and a subtree is one index range.
public struct Comment: Hashable, Sendable {
    public let id: CommentID
    public let postID: PostID
    public let parentID: CommentID?
    public let rootID: CommentID
    /// 0 for a root comment, 1 for a reply to it, and so on (at most `Limits.maxDepth`).
    public let depth: Int
    public let path: String
    public let authorID: MemberID
    /// What the author typed, kept for editing.
    public var bodyText: String
    /// The escape-first rendering of `bodyText`, made once when written.
    public var bodyHTML: String
    public let createdAt: Date
    public var editedAt: Date?
    /// Set when the comment was deleted but had replies: it stays as a placeholder.
    public var deletedAt: Date?
    public var likeCount: Int
    /// Comments below this one that are not deleted and are visible, at any depth.
    public var descendantCount: Int
    /// Where it stands with moderation; only visible comments are counted and shown to everyone.
    public var status: CommentStatus
    /// When staff featured it ("Highlighted"); nil when not featured.
    public var featuredAt: Date?

    public init(
        id: CommentID, postID: PostID, parentID: CommentID?, rootID: CommentID, depth: Int, path: String,
        authorID: MemberID, bodyText: String, bodyHTML: String, createdAt: Date, editedAt: Date?,
        deletedAt: Date?, likeCount: Int, descendantCount: Int, status: CommentStatus = .visible, featuredAt: Date? = nil
    ) {
        self.id = id
        self.postID = postID
        self.parentID = parentID
        self.rootID = rootID
        self.depth = depth
        self.path = path
        self.authorID = authorID
        self.bodyText = bodyText
        self.bodyHTML = bodyHTML
        self.createdAt = createdAt
        self.editedAt = editedAt
        self.deletedAt = deletedAt
        self.likeCount = likeCount
        self.descendantCount = descendantCount
        self.status = status
        self.featuredAt = featuredAt
    }

    public var isDeleted: Bool { deletedAt != nil }
    public var isRoot: Bool { parentID == nil }
}

/// A comment as a use case asks the store to insert it. The store assigns id, path and depth.
public struct NewComment: Sendable {
    public var postID: PostID
    /// The comment replied to, already adjusted by `CommentTree.parentForReply(to:)`.
    public var parentID: CommentID?
    public var authorID: MemberID
    public var bodyText: String
    public var bodyHTML: String
    public var createdAt: Date
    /// Non-nil: the comment is held for approval, for this reason. A held comment is not counted
    /// and its notices are not written until it is approved.
    public var hold: HoldNote?

    public init(
        postID: PostID, parentID: CommentID?, authorID: MemberID, bodyText: String, bodyHTML: String, createdAt: Date,
        hold: HoldNote? = nil
    ) {
        self.postID = postID
        self.parentID = parentID
        self.authorID = authorID
        self.bodyText = bodyText
        self.bodyHTML = bodyHTML
        self.createdAt = createdAt
        self.hold = hold
    }
}

/// What deleting a comment did to the thread.
public enum CommentDeletion: Sendable, Equatable {
    /// The comment had replies: it stays as a "Comment deleted" placeholder.
    case placeholder
    /// The comment had no replies and is gone (with any placeholders it alone kept alive).
    case removed
}

/// A member's like on a comment after a toggle.
public struct LikeState: Sendable, Equatable {
    public let liked: Bool
    public let count: Int
    public init(liked: Bool, count: Int) {
        self.liked = liked
        self.count = count
    }
}
