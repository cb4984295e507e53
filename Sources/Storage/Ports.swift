import Domain
import Foundation

// Storage ports: one protocol per role, methods named by intent, each one transaction.
// Every engine (memory, SQLite, PostgreSQL) implements all of them and passes the shared
// conformance suite in Tests/StorageTests.

/// Errors every store reports the same way, so use cases need not know the engine.
public enum StoreError: Error, Equatable, Sendable {
    /// A UNIQUE rule was broken (an email or slug already taken).
    case duplicate(field: String)
    /// A row the write depends on is gone (unknown post, member, parent comment).
    case missing(String)
}

/// The single publication of a site.
public protocol PublicationStore: Sendable {
    /// The publication, or `Publication.placeholder` on a site that was never named.
    func publication() async throws -> Publication
    /// Replaces the publication's name and description.
    func updatePublication(_ publication: Publication) async throws
}

/// Members (readers and writers) and their credentials.
public protocol MemberStore: Sendable {
    /// Inserts a member; throws `StoreError.duplicate(field: "email")` for a taken address.
    func insertMember(_ member: NewMember) async throws -> Member
    func member(id: MemberID) async throws -> Member?
    func member(email: String) async throws -> Member?
    /// The members with these ids, for rendering many comment cards with one read.
    func members(ids: Set<MemberID>) async throws -> [MemberID: Member]
    /// The bcrypt hash of the member's password, nil when they have none.
    func passwordHash(memberID: MemberID) async throws -> String?
    /// Number of members; cheap.
    func memberCount() async throws -> Int
}

/// Server-side sessions, keyed by the SHA-256 of the token in the cookie: the token itself is never stored.
public protocol SessionStore: Sendable {
    func insertSession(tokenHash: String, memberID: MemberID, createdAt: Date, expiresAt: Date) async throws
    /// The member of a live session, or nil for an unknown or expired one.
    func member(sessionTokenHash: String, now: Date) async throws -> Member?
    func deleteSession(tokenHash: String) async throws
}

/// Posts of the publication.
public protocol PostStore: Sendable {
    /// Inserts a post; throws `StoreError.duplicate(field: "slug")` for a taken slug.
    func insertPost(_ post: NewPost) async throws -> Post
    func post(slug: String) async throws -> Post?
    func post(id: PostID) async throws -> Post?
    /// Visible posts (published, publication time reached), newest first, at most `limit`, without `excluding`.
    func recentPosts(now: Date, limit: Int, excluding: PostID?) async throws -> [Post]
    func postCount() async throws -> Int
}

/// Comments, their threads and their likes.
public protocol CommentStore: Sendable {
    /// Inserts a comment in one transaction: assigns id, depth and path from the parent,
    /// adds one to the post's comment count and to every ancestor's descendant count.
    /// Throws `StoreError.missing` when the post or parent is gone, or the parent is of another post.
    func insertComment(_ comment: NewComment) async throws -> Comment
    func comment(id: CommentID) async throws -> Comment?
    /// Root comments of a post in `sort` order, starting after `cursor`, at most `limit`.
    func rootComments(postID: PostID, sort: CommentSort, after cursor: CommentCursor?, limit: Int) async throws -> [Comment]
    /// Comments below `top`, depth-first in path order, no deeper than `maxDepth` (absolute),
    /// at most `limit`; with `afterReply`, only those after that reply of `top` and its subtree.
    func descendants(of top: Comment, maxDepth: Int, afterReply: CommentID?, limit: Int) async throws -> [Comment]
    /// The windows below many comments at once, as one read where the engine allows: for each
    /// of `tops` with replies, what `descendants(of: top, maxDepth: top.depth + relativeDepth,
    /// afterReply: nil, limit: limit)` returns. A page of threads costs one round trip.
    func descendantWindows(of tops: [Comment], relativeDepth: Int, limit: Int) async throws -> [CommentID: [Comment]]
    /// How many comments (not deleted) below `top` come up to and including `reply`'s subtree,
    /// `reply` being one of `top`'s direct replies: what an earlier page showed before a
    /// "more replies" page continues after `reply`.
    func countDescendants(of top: Comment, throughReply reply: CommentID) async throws -> Int
    /// The comments above `comment`, root first.
    func ancestors(of comment: Comment) async throws -> [Comment]
    /// Replaces a comment's text and rendering and marks it edited.
    func updateCommentBody(id: CommentID, text: String, html: String, editedAt: Date) async throws
    /// Deletes a comment in one transaction: a comment with replies becomes a placeholder;
    /// one without is removed, with any placeholders above it that it alone kept alive.
    /// Counts (post's comments, ancestors' descendants) drop by one.
    func deleteComment(id: CommentID, at: Date) async throws -> CommentDeletion
    /// Likes or unlikes a comment for a member (one like each), in one transaction with the count.
    func toggleLike(commentID: CommentID, memberID: MemberID, at: Date) async throws -> LikeState
    /// Which of `commentIDs` the member has liked.
    func likedCommentIDs(memberID: MemberID, among commentIDs: [CommentID]) async throws -> Set<CommentID>
}

extension CommentStore {
    /// One read per top: right for engines where a read costs no round trip.
    public func descendantWindows(of tops: [Comment], relativeDepth: Int, limit: Int) async throws -> [CommentID: [Comment]] {
        var windows: [CommentID: [Comment]] = [:]
        for top in tops where top.descendantCount > 0 && limit > 0 {
            windows[top.id] = try await descendants(of: top, maxDepth: top.depth + relativeDepth, afterReply: nil, limit: limit)
        }
        return windows
    }
}

/// Newsletter subscribers.
public protocol SubscriberStore: Sendable {
    /// Adds a subscriber; returns false (and changes nothing) when the address is already on the list.
    func insertSubscriber(email: String, createdAt: Date) async throws -> Bool
    func subscriberCount() async throws -> Int
}

/// Everything a site stores: what the application is built on.
public typealias SiteStore = PublicationStore & MemberStore & SessionStore & PostStore & CommentStore & SubscriberStore & SiteTransfer & OutboxStore
