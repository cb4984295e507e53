import Domain
import Foundation

// Storage ports: one protocol per role, methods named by intent, each one transaction.
// Both engines (SQLite, PostgreSQL) implement all of them and pass the shared conformance
// suite in Tests/StorageTests. The in-memory reference model (Tests/StorageReference) implements
// them for the tests only: random operations hold the engines against it, and the mail
// worker's tests use it as a fast outbox.

/// Errors every store reports the same way, so use cases need not know the engine.
public enum StoreError: Error, Equatable, Sendable {
    /// A UNIQUE rule was broken (an email or slug already taken).
    case duplicate(field: String)
    /// A row the write depends on is gone (unknown post, member, parent comment).
    case missing(String)
}

/// A database migrated by a newer Parley than this one: it lists migrations this build does not
/// know. Every engine refuses it rather than open it, since this build's queries may no longer
/// fit the schema and a downgrade cannot undo a migration.
public struct SchemaTooNewError: Error, CustomStringConvertible, Sendable {
    /// The ids in the database that this build does not know, sorted.
    public let unknownMigrations: [String]

    public init(unknownMigrations: [String]) {
        self.unknownMigrations = unknownMigrations
    }

    public var description: String {
        "the database schema is newer than this Parley (unknown migration \(unknownMigrations.joined(separator: ", "))); upgrade Parley"
    }
}

/// The single publication of a site.
public protocol PublicationStore: Sendable {
    /// The publication, or `Publication.placeholder` on a site that was never named.
    func publication() async throws -> Publication
    /// Replaces every field of the publication.
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
    /// Members (not deleted) whose `NameKey` is one of `nameKeys`: how @mentions are resolved.
    func members(nameKeys: Set<String>) async throws -> [Member]
    /// Replaces a member's display name (and its `NameKey`) and bio.
    func updateProfile(memberID: MemberID, displayName: String, bio: String) async throws
    /// Sets or (with nil) removes the member's bcrypt password hash.
    func setPasswordHash(_ hash: String?, memberID: MemberID) async throws
    /// Turns the member's reply and mention emails on or off.
    func setNotificationSwitches(memberID: MemberID, replies: Bool, mentions: Bool) async throws
    /// Stores (or with nil removes) the member's uploaded avatar, and its version on the member.
    func setAvatar(_ avatar: AvatarImage?, memberID: MemberID) async throws
    /// The member's uploaded avatar, or nil when they use the generated one.
    func avatar(memberID: MemberID) async throws -> AvatarImage?
    /// Deletes an account in one transaction. Their comments are deleted per `comments`
    /// (deepest first, each with `deleteComment`'s rules and counts; or all kept as
    /// placeholders, counts dropping as for a deletion); their likes are removed and the like
    /// counts drop; their sessions, follows, notifications, avatar, sign-in links, outbox mail
    /// (sent or not: it holds their address and words) and newsletter subscription (by email)
    /// are deleted; the member row stays, scrubbed (email `deleted-ID@deleted.invalid`, empty
    /// name, name key and bio, role `member`, no password, switches off, no avatar) with
    /// `deletedAt = at`, so placeholders keep an author.
    func deleteAccount(memberID: MemberID, comments: DeletedAccountComments, at: Date) async throws
}

/// Server-side sessions, keyed by the SHA-256 of the token in the cookie: the token itself is never stored.
public protocol SessionStore: Sendable {
    func insertSession(tokenHash: String, memberID: MemberID, createdAt: Date, expiresAt: Date) async throws
    /// The member of a live session, or nil for an unknown or expired one.
    func member(sessionTokenHash: String, now: Date) async throws -> Member?
    func deleteSession(tokenHash: String) async throws
    /// Ends every session of a member but the one with `keeping` (the one making the change).
    func deleteSessions(memberID: MemberID, keeping tokenHash: String?) async throws
}

/// Posts of the publication.
public protocol PostStore: Sendable {
    /// Inserts a post; throws `StoreError.duplicate(field: "slug")` for a taken slug. With
    /// `newsletter`, a `NewsletterSend` for it is recorded in the same transaction, so
    /// publishing and "mail it to the list" commit together.
    func insertPost(_ post: NewPost, newsletter: Bool) async throws -> Post
    func post(slug: String) async throws -> Post?
    func post(id: PostID) async throws -> Post?
    /// Visible posts (published, publication time reached), newest first, at most `limit`, without `excluding`.
    func recentPosts(now: Date, limit: Int, excluding: PostID?) async throws -> [Post]
    func postCount() async throws -> Int
}

extension PostStore {
    /// Inserts a post without mailing it (demo data, imports, tests).
    public func insertPost(_ post: NewPost) async throws -> Post {
        try await insertPost(post, newsletter: false)
    }
}

/// Comments, their threads and their likes.
public protocol CommentStore: Sendable {
    /// Inserts a comment in one transaction: assigns id, depth and path from the parent,
    /// adds one to the post's comment count and to every ancestor's descendant count, and
    /// writes the `PendingNotification` rows `notices` calls for (see `CommentNotices`).
    /// Throws `StoreError.missing` when the post or parent is gone, or the parent is of another post.
    func insertComment(_ comment: NewComment, notices: CommentNotices?) async throws -> Comment
    /// The comment as stored, whatever its status, text included: for use cases that check
    /// the actor's rights themselves and for staff. A page that shows it to a reader calls
    /// `comment(id:visibleTo:)`.
    func comment(id: CommentID) async throws -> Comment?
    /// The comment if `visibility` shows it (as the thread reads do): nil when it is hidden
    /// from this viewer; a placeholder without text when it is shown only to hold up replies.
    func comment(id: CommentID, visibleTo visibility: CommentVisibility) async throws -> Comment?
    /// Root comments of a post in `sort` order, starting after `cursor`, at most `limit`.
    func rootComments(
        postID: PostID, sort: CommentSort, after cursor: CommentCursor?, limit: Int, visibleTo visibility: CommentVisibility
    ) async throws -> [Comment]
    /// Comments below `top`, depth-first in path order, no deeper than `maxDepth` (absolute),
    /// at most `limit`; with `afterReply`, only those after that reply of `top` and its subtree.
    func descendants(
        of top: Comment, maxDepth: Int, afterReply: CommentID?, limit: Int, visibleTo visibility: CommentVisibility
    ) async throws -> [Comment]
    /// The windows below many comments at once, as one read where the engine allows: for each
    /// of `tops` with replies, what `descendants(of: top, maxDepth: top.depth + relativeDepth,
    /// afterReply: nil, limit: limit)` returns. A page of threads costs one round trip.
    func descendantWindows(
        of tops: [Comment], relativeDepth: Int, limit: Int, visibleTo visibility: CommentVisibility
    ) async throws -> [CommentID: [Comment]]
    /// How many comments (not deleted) below `top` come up to and including `reply`'s subtree,
    /// `reply` being one of `top`'s direct replies: what an earlier page showed before a
    /// "more replies" page continues after `reply`.
    func countDescendants(of top: Comment, throughReply reply: CommentID) async throws -> Int
    /// The comments above `comment`, root first, every one of them (they hold the conversation
    /// up), with the text blanked of those `visibility` does not let the viewer read.
    func ancestors(of comment: Comment, visibleTo visibility: CommentVisibility) async throws -> [Comment]
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
    /// A member's comments that `visibility` lets the viewer read (deleted ones included, as
    /// stored), newest first, before `before` if given, at most `limit`: `.staff` lists every
    /// comment, `.everyone` only visible ones, `.author` also that member's held ones.
    func comments(
        authorID: MemberID, before: CommentID?, limit: Int, visibleTo visibility: CommentVisibility
    ) async throws
        -> [Comment]
    /// Every comment the member likes, with when, oldest first: for their data download.
    func likes(memberID: MemberID) async throws -> [(commentID: CommentID, at: Date)]
}

extension CommentStore {
    /// Root comments as everyone sees them.
    public func rootComments(postID: PostID, sort: CommentSort, after cursor: CommentCursor?, limit: Int) async throws -> [Comment] {
        try await rootComments(postID: postID, sort: sort, after: cursor, limit: limit, visibleTo: .everyone)
    }

    /// The ancestors as everyone sees them (text of hidden ones blanked).
    public func ancestors(of comment: Comment) async throws -> [Comment] {
        try await ancestors(of: comment, visibleTo: .everyone)
    }

    /// A member's comments as everyone sees them: visible ones only.
    public func comments(authorID: MemberID, before: CommentID?, limit: Int) async throws -> [Comment] {
        try await comments(authorID: authorID, before: before, limit: limit, visibleTo: .everyone)
    }

    /// Descendants as everyone sees them.
    public func descendants(of top: Comment, maxDepth: Int, afterReply: CommentID?, limit: Int) async throws -> [Comment] {
        try await descendants(of: top, maxDepth: maxDepth, afterReply: afterReply, limit: limit, visibleTo: .everyone)
    }

    /// Windows of descendants as everyone sees them.
    public func descendantWindows(of tops: [Comment], relativeDepth: Int, limit: Int) async throws -> [CommentID: [Comment]] {
        try await descendantWindows(of: tops, relativeDepth: relativeDepth, limit: limit, visibleTo: .everyone)
    }

    /// Inserts a comment that tells no one (demo data, imports, tests).
    public func insertComment(_ comment: NewComment) async throws -> Comment {
        try await insertComment(comment, notices: nil)
    }
}

extension CommentStore {
    /// One read per top: right for engines where a read costs no round trip.
    public func descendantWindows(
        of tops: [Comment], relativeDepth: Int, limit: Int, visibleTo visibility: CommentVisibility
    ) async throws -> [CommentID: [Comment]] {
        var windows: [CommentID: [Comment]] = [:]
        for top in tops where top.descendantCount > 0 && limit > 0 {
            windows[top.id] = try await descendants(
                of: top, maxDepth: top.depth + relativeDepth, afterReply: nil, limit: limit, visibleTo: visibility)
        }
        return windows
    }
}

/// Newsletter subscribers, with double opt-in.
public protocol SubscriberStore: Sendable {
    /// Adds an active subscriber directly (demo data, imports); returns false (and changes
    /// nothing) when the address is already on the list.
    func insertSubscriber(email: String, createdAt: Date) async throws -> Bool
    /// Subscribers with `status`; cheap.
    func subscriberCount(status: SubscriberStatus) async throws -> Int
    /// Starts (or starts again) the double opt-in of `email`, in one transaction: a new address
    /// is added as pending; a pending or unsubscribed one becomes pending; each gets
    /// `confirmTokenHash` (replacing any earlier one), `confirmRequestedAt = now`, and `mail`
    /// goes into the outbox, and the result is `.confirmationSent`. An active subscriber is
    /// left as it is, nothing is queued, and the result is `.alreadyActive`.
    func requestSubscription(email: String, confirmTokenHash: String, now: Date, mail: NewOutboxJob) async throws -> SubscribeOutcome
    /// Confirms the pending subscriber holding `tokenHash` if it was requested after
    /// `requestedAfter`: it becomes active, `confirmedAt = now`, and the token is cleared (a
    /// link confirms once). Returns the subscriber as it now is, or nil (unknown, used or old link).
    func confirmSubscription(tokenHash: String, requestedAfter: Date, now: Date) async throws -> Subscriber?
    func subscriber(id: SubscriberID) async throws -> Subscriber?
    func subscriber(email: String) async throws -> Subscriber?
    /// Takes a pending or active subscriber off the list; returns false when it was not on it.
    func unsubscribe(id: SubscriberID, now: Date) async throws -> Bool
    /// Active subscribers with ids after `after`, in id order, at most `limit`.
    func activeSubscribers(after: SubscriberID?, limit: Int) async throws -> [Subscriber]
}

/// One-time sign-in links: stored only as hashes, used once, for a limited time.
public protocol SignInTokenStore: Sendable {
    /// Stores a link and queues the mail that carries it, in one transaction.
    func insertSignInToken(_ token: SignInToken, mail: NewOutboxJob) async throws
    /// The link with this hash, used or not, or nil; reading it does not use it.
    func signInToken(hash: String) async throws -> SignInToken?
    /// Uses the link, in one transaction, if it is unused and `now < expiresAt`. Of two
    /// concurrent attempts, exactly one gets `.redeemed`.
    func redeemSignInToken(hash: String, now: Date) async throws -> SignInRedemption
    /// Deletes links that expired before `before`; returns how many.
    func purgeSignInTokens(expiredBefore before: Date) async throws -> Int
}

/// "Follow this discussion": members who get a post's new comments as a digest.
public protocol FollowStore: Sendable {
    /// Follows or unfollows; doing what is already so changes nothing.
    func setFollowing(_ following: Bool, memberID: MemberID, postID: PostID, at: Date) async throws
    func isFollowing(memberID: MemberID, postID: PostID) async throws -> Bool
    /// The posts a member follows, oldest follow first.
    func followedPostIDs(memberID: MemberID) async throws -> [PostID]
}

/// Notifications waiting to be grouped into emails (written by `insertComment`).
public protocol NotificationStore: Sendable {
    /// Members with at least one notification due at `now`, earliest due first, at most `limit`.
    func dueNotificationRecipients(now: Date, limit: Int) async throws -> [MemberID]
    /// All of a member's waiting notifications, due or not, oldest first, at most `limit`:
    /// what one grouped email tells.
    func pendingNotifications(recipientID: MemberID, limit: Int) async throws -> [PendingNotification]
    /// Deletes the notifications `ids` and queues `mail` (if any), in one transaction. If any of
    /// them is already gone (another instance sent them), changes nothing and returns false.
    func completeNotifications(_ ids: [NotificationID], mail: NewOutboxJob?, now: Date) async throws -> Bool
}

/// Posts on their way to the newsletter list.
public protocol NewsletterStore: Sendable {
    /// Sends not finished yet, oldest first, at most `limit`.
    func unfinishedNewsletterSends(limit: Int) async throws -> [NewsletterSend]
    /// Moves a send on by one batch, in one transaction: if its `afterSubscriberID` is still
    /// `from` (no other instance moved it), queues `mail`, sets it to `to`, marks it finished
    /// when `finished`, and returns true; otherwise changes nothing and returns false.
    func advanceNewsletterSend(
        postID: PostID, from: SubscriberID?, to: SubscriberID?, mail: [NewOutboxJob], finished: Bool,
        now: Date
    ) async throws -> Bool
}

/// Secrets the site makes for itself (the key that signs unsubscribe links), shared by every
/// instance of a site because they live in its database.
public protocol SiteSecretStore: Sendable {
    /// The secret called `name`: made with `make` and stored the first time it is asked for.
    /// Concurrent first calls (several instances) all get the one value that was stored.
    func siteSecret(named name: String, orMake make: @Sendable () -> String) async throws -> String
}

/// What the in-memory reference model (Tests/StorageReference) also implements: the
/// discussion itself, without moderation (it has no held or removed comments).
public typealias CoreStore = PublicationStore & MemberStore & SessionStore & PostStore & CommentStore & SubscriberStore
    & SiteTransfer & OutboxStore & SignInTokenStore & FollowStore & NotificationStore & NewsletterStore & SiteSecretStore

/// Everything a site stores: what the application is built on.
public typealias SiteStore = CoreStore & ModerationStore & RateLimitStore & SpamModelStore & MemberBadgeStore & UploadStore
    & FirstRunStore
    & ReaderStore
    & PostEditorStore
    & SubscriberAdminStore & FiguresStore & BounceStore
    & ImportStore & IssoStore
    & PublicationImportStore
    & APITokenStore & PageStore
    & LiveEventStore
    & WebhookStore
