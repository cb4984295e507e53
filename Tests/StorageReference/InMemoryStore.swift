import Domain
import Foundation
import Storage

/// The reference store: every port kept in plain dictionaries, behind an actor.
///
/// It exists so that the rules of storage can be read in a few lines of Swift, and so that the
/// conformance suite has something obviously right to hold the real engines against. It is also
/// what tests of the layers above use when they do not care about the database. It is not
/// meant to be fast: comment reads scan and sort.
///
/// It keeps what a database would keep and no more: dates are cut to whole milliseconds on the
/// way in, so that a value read back compares equal whatever the engine.
public actor InMemoryStore: CoreStore {
    struct StoredMember {
        var member: Member
        var passwordHash: String?
    }

    struct StoredSession {
        var memberID: MemberID
        var createdAt: Date
        var expiresAt: Date
    }

    struct LikeKey: Hashable {
        var commentID: CommentID
        var memberID: MemberID
    }

    struct FollowKey: Hashable {
        var memberID: MemberID
        var postID: PostID
    }

    /// A subscriber and its pending confirmation, as the SQL engines keep it.
    struct StoredSubscriber {
        var subscriber: Subscriber
        var confirmTokenHash: String?
        var confirmRequestedAt: Date?
    }

    var storedPublication: Publication?
    var storedMembers: [MemberID: StoredMember] = [:]
    var memberIDsByEmail: [String: MemberID] = [:]
    var sessions: [String: StoredSession] = [:]
    var posts: [PostID: Post] = [:]
    var postIDsBySlug: [String: PostID] = [:]
    var comments: [CommentID: Comment] = [:]
    var likes: [LikeKey: Date] = [:]
    var subscribers: [SubscriberID: StoredSubscriber] = [:]
    var subscriberIDsByEmail: [String: SubscriberID] = [:]
    var avatars: [MemberID: AvatarImage] = [:]
    var signInTokens: [String: SignInToken] = [:]
    var follows: [FollowKey: Date] = [:]
    var notifications: [NotificationID: PendingNotification] = [:]
    var newsletterSends: [PostID: NewsletterSend] = [:]
    var secrets: [String: String] = [:]
    /// Moderation's rows of a copied site, kept only to be copied on: the reference model has no moderation.
    var moderationRows = SiteData.ModerationRows()
    /// Rate-limit counts by key: the hits of the current window and when it ends.
    var rateLimits: [String: RateLimitCount] = [:]
    /// The spam model of a copied site, kept only to be copied on: the reference model has no spam filter.
    var spamModelRows = SpamModelRows()
    /// Uploads and old slugs of a copied site, kept only to be copied on: the reference model has neither.
    var writerRows = SiteData.WriterRows()
    /// What moving in added (issue 12), kept as the rows a copy carries.
    var importRows = SiteData.ImportRows()
    /// Ids are never reused, as with a database sequence: a link to a removed comment must not
    /// come to point at a new one.
    var lastMemberID: Int64 = 0
    var lastPostID: Int64 = 0
    var lastCommentID: Int64 = 0
    var lastSubscriberID: Int64 = 0
    var lastNotificationID: Int64 = 0
    /// The outbox's rows and id sequence (see `InMemoryStore+Outbox.swift`).
    var outbox = InMemoryOutbox()

    /// An empty site.
    public init() {}

    // MARK: Publication

    public func publication() -> Publication {
        storedPublication ?? .placeholder
    }

    public func updatePublication(_ publication: Publication) {
        storedPublication = publication
    }

    // MARK: Sessions

    public func insertSession(tokenHash: String, memberID: MemberID, createdAt: Date, expiresAt: Date) throws {
        guard sessions[tokenHash] == nil else { throw StoreError.duplicate(field: "token_hash") }
        guard storedMembers[memberID] != nil else { throw StoreError.missing("member") }
        sessions[tokenHash] = StoredSession(
            memberID: memberID, createdAt: createdAt.truncatedToMilliseconds,
            expiresAt: expiresAt.truncatedToMilliseconds)
    }

    public func member(sessionTokenHash: String, now: Date) -> Member? {
        // Compared in whole milliseconds, as the databases compare their integer columns.
        guard let session = sessions[sessionTokenHash],
            now.millisecondsSince1970 < session.expiresAt.millisecondsSince1970
        else { return nil }
        return storedMembers[session.memberID]?.member
    }

    public func deleteSession(tokenHash: String) {
        sessions[tokenHash] = nil
    }

    public func deleteSessions(memberID: MemberID, keeping tokenHash: String?) {
        sessions = sessions.filter { $0.value.memberID != memberID || $0.key == tokenHash }
    }

    // MARK: Posts

    public func insertPost(_ new: NewPost, newsletter: Bool) throws -> Post {
        guard postIDsBySlug[new.slug] == nil else { throw StoreError.duplicate(field: "slug") }
        guard storedMembers[new.authorID] != nil else { throw StoreError.missing("member") }
        lastPostID += 1
        let post = Post(
            id: PostID(lastPostID), slug: new.slug, title: new.title, subtitle: new.subtitle,
            bodyMarkdown: new.bodyMarkdown, bodyHTML: new.bodyHTML, authorID: new.authorID, state: new.state,
            audience: new.audience, discussion: new.discussion,
            publishedAt: new.publishedAt?.truncatedToMilliseconds,
            createdAt: new.createdAt.truncatedToMilliseconds, commentCount: 0)
        posts[post.id] = post
        postIDsBySlug[post.slug] = post.id
        if newsletter {
            newsletterSends[post.id] = NewsletterSend(postID: post.id, afterSubscriberID: nil, createdAt: post.createdAt)
        }
        return post
    }

    public func post(slug: String) -> Post? {
        postIDsBySlug[slug].flatMap { posts[$0] }
    }

    public func post(id: PostID) -> Post? {
        posts[id]
    }

    public func recentPosts(now: Date, limit: Int, excluding: PostID?) -> [Post] {
        guard limit > 0 else { return [] }
        let visible = posts.values.filter { $0.isVisible(at: now) && $0.id != excluding }
        let newestFirst = visible.sorted { a, b in
            // Equal publication times fall back to the later insert, so the order is total.
            a.publishedAt != b.publishedAt ? a.publishedAt! > b.publishedAt! : a.id > b.id
        }
        return Array(newestFirst.prefix(limit))
    }

    public func postCount() -> Int {
        posts.count
    }
}
