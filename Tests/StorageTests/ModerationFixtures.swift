import Domain
import Foundation
import Storage
import Testing

@testable import StoragePostgres
@testable import StorageSQLite

/// Ada writes the post; Bob and Cyd comment; Mod moderates.
struct GivenModeratedDiscussion {
    let ada, bob, cyd, mod: Member
    let post: Post

    init(_ site: Site) async throws {
        ada = try await site.member("ada", role: .owner)
        bob = try await site.member("bob")
        cyd = try await site.member("cyd")
        mod = try await site.member("mod", role: .moderator)
        post = try await site.post(by: ada)
    }
}

extension Site {
    /// A comment held for approval as the comment use case writes it (with its notices, which
    /// the store must keep for later).
    @discardableResult
    func heldComment(
        on post: Post, by author: Member, replyingTo parent: Comment? = nil, at date: Date = t0,
        note: HoldNote = HoldNote(reason: .policy), mentioning mentioned: [MemberID] = []
    ) async throws -> Comment {
        try await store.insertComment(
            NewComment(
                postID: post.id, parentID: parent?.id, authorID: author.id, bodyText: "held words",
                bodyHTML: "<p>held words</p>", createdAt: date, hold: note),
            notices: CommentNotices(mentioned: mentioned, replyDueAt: at(600), followDueAt: at(3_600)))
    }

    /// Every comment of `post` as `visibility` reads it, roots (oldest first) each followed by
    /// the whole thread below it.
    func thread(of post: Post, as visibility: CommentVisibility) async throws -> [Comment] {
        var all: [Comment] = []
        for root in try await store.rootComments(postID: post.id, sort: .old, after: nil, limit: 1_000, visibleTo: visibility) {
            all.append(root)
            all += try await store.descendants(of: root, maxDepth: .max, afterReply: nil, limit: .max, visibleTo: visibility)
        }
        return all
    }

    /// The ids `visibility` reads in `post`, in thread order.
    func ids(of post: Post, as visibility: CommentVisibility) async throws -> [CommentID] {
        try await thread(of: post, as: visibility).map(\.id)
    }

    /// The audit log as "action actor comment" lines, oldest first ("-" for the site itself).
    func auditLines() async throws -> [String] {
        try await rawStrings(
            """
            SELECT action || ' ' || COALESCE(CAST(actor_id AS TEXT), '-') || ' ' || COALESCE(CAST(comment_id AS TEXT), '-')
            FROM audit_log ORDER BY id
            """)
    }

    /// The first column of every row of raw SQL, as text, on whichever engine this is.
    func rawStrings(_ sql: String) async throws -> [String] {
        switch store {
        case let store as SQLiteStore: try await store.fetchRawStrings(sql)
        case let store as PostgresStore: try await store.fetchRawStrings(sql)
        default: []
        }
    }
}

/// An audit entry for an action of `actor` at `seconds`.
func audit(_ action: AuditAction, by actor: Member?, at seconds: Double = 100, reason: String = "") -> NewAuditEntry {
    NewAuditEntry(at: at(seconds), actorID: actor?.id, action: action, reason: reason)
}
