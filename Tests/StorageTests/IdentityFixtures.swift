import Domain
import Foundation
import Storage
import StorageSQLite
import Testing

// Shared "Given" steps of the identity suites: mail, notices, two instances on one site, and a
// check that every stored counter equals what the rows say.

/// A mail job to `recipient`, recognisable by `tag`; the store never looks inside.
func mail(to recipient: String, _ tag: String = "mail") -> NewOutboxJob {
    NewOutboxJob(recipient: recipient, messageJSON: #"{"tag":"\#(tag)"}"#)
}

/// Runs `body` with two stores on one site, as two Parley instances share it: two connection
/// pools on one SQLite file; two PostgreSQL clients on one schema.
func withTwoSites(_ kind: StoreKind, _ body: (Site, Site) async throws -> Void) async throws {
    switch kind {
    case .sqlite:
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let one = try SQLiteStore(path: directory.path("site.sqlite"))
        defer { try? one.close() }
        let two = try SQLiteStore(path: directory.path("site.sqlite"))
        defer { try? two.close() }
        try await body(Site(store: one), Site(store: two))
    case .postgres:
        try await PostgresTestDatabase.withSchema(stores: 2) { stores in
            try await body(Site(store: stores[0]), Site(store: stores[1]))
        }
    }
}

extension Site {
    /// A comment that tells people, as the comment use case writes it.
    @discardableResult
    func commentWithNotices(
        on post: Post, by author: Member, replyingTo parent: Comment? = nil, at date: Date = t0,
        mentioning mentioned: [MemberID] = [], replyDueAt: Date = at(600), followDueAt: Date = at(3_600)
    ) async throws -> Comment {
        try await store.insertComment(
            NewComment(
                postID: post.id, parentID: parent?.id, authorID: author.id, bodyText: "words",
                bodyHTML: "<p>words</p>", createdAt: date),
            notices: CommentNotices(mentioned: mentioned, replyDueAt: replyDueAt, followDueAt: followDueAt))
    }

    /// Every waiting notification of `member` as "kind comment-id", oldest first.
    func notified(_ member: Member) async throws -> [String] {
        try await store.pendingNotifications(recipientID: member.id, limit: 1_000).map { "\($0.kind.rawValue) \($0.commentID)" }
    }

    /// Every pending outbox job, oldest first. It claims them: read it once, at the end of a test.
    func queuedMail() async throws -> [OutboxJob] {
        try await store.claimDue(now: at(1_000_000_000), limit: 1_000, lease: 60, worker: "test")
    }

    /// A subscriber's confirmation request, with its mail.
    @discardableResult
    func request(_ email: String, token: String, at date: Date = t0) async throws -> SubscribeOutcome {
        try await store.requestSubscription(email: email, confirmTokenHash: token, now: date, mail: mail(to: email, token))
    }
}

/// Checks every stored counter of a site against its rows: each post's comment count, each
/// comment's descendant and like counts. What "the counts drop as for a deletion" comes to.
/// Only visible comments that are not deleted are counted (held and removed ones are not).
func expectCountsExact(_ data: SiteData, sourceLocation: SourceLocation = #_sourceLocation) {
    for post in data.posts {
        let live = data.comments.filter { $0.postID == post.id && $0.isCounted }.count
        #expect(post.commentCount == live, "comment count of post \(post.id)", sourceLocation: sourceLocation)
    }
    for comment in data.comments {
        let prefix = comment.path + String(CommentPath.separator)
        let below = data.comments.filter { $0.path.hasPrefix(prefix) && $0.isCounted }.count
        #expect(comment.descendantCount == below, "descendant count of comment \(comment.id)", sourceLocation: sourceLocation)
        let likes = data.likes.filter { $0.commentID == comment.id }.count
        #expect(comment.likeCount == likes, "like count of comment \(comment.id)", sourceLocation: sourceLocation)
    }
}
