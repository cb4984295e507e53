import Domain
import Foundation
import PostgresNIO
import Storage
import Testing

@testable import StoragePostgres

/// What only PostgreSQL has to prove about email and identity: that deleting an account while
/// other instances write in its threads neither deadlocks nor loses a count, and that migration
/// 0004 upgrades a live site. (The "exactly one of two racing instances wins" promises are in the
/// conformance suites, which run them on two PostgreSQL clients through `withTwoSites`.)
@Suite("PostgreSQL server: email and identity", .enabled(if: PostgresTestDatabase.url != nil, "TEST_POSTGRES_URL is not set"))
struct PostgresIdentityTests {
    @Test(
        "Given an instance deleting an account while others write in its threads, the member among them, when all are done, then no one deadlocks and every count is exact",
        arguments: DeletedAccountComments.allCases)
    func accountDeletionAmidThreadWrites(mode: DeletedAccountComments) async throws {
        for _ in 0..<3 {
            try await PostgresTestDatabase.withSchema(stores: 2) { stores in
                let site = Site(store: stores[0])
                let ada = try await site.member("ada"), bob = try await site.member("bob"), cy = try await site.member("cy")
                var theirs: [Comment] = []
                for slug in ["one", "two", "three"] {
                    let post = try await site.post(slug, by: bob)
                    let root = try await site.comment(on: post, by: ada)
                    let reply = try await site.comment(on: post, by: bob, replyingTo: root)
                    theirs += [root, reply, try await site.comment(on: post, by: ada, replyingTo: reply)]
                    _ = try await stores[0].toggleLike(commentID: reply.id, memberID: ada.id, at: t0)
                }
                let targets = theirs
                // Each writer goes through the threads in its own order, so that their locks are
                // taken in every order the deletion's might meet.
                let writers: [(Member, PostgresStore, [Comment])] = [
                    (bob, stores[1], targets), (ada, stores[1], targets.reversed()), (cy, stores[0], targets.shuffled()),
                ]
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await stores[0].deleteAccount(memberID: ada.id, comments: mode, at: at(50))
                    }
                    for (writer, store, order) in writers {
                        group.addTask {
                            for (step, target) in order.enumerated() {
                                do {
                                    _ = try await store.insertComment(
                                        NewComment(
                                            postID: target.postID, parentID: target.id, authorID: writer.id, bodyText: "r",
                                            bodyHTML: "r", createdAt: at(Double(step))))
                                    _ = try await store.toggleLike(commentID: target.id, memberID: writer.id, at: t0)
                                } catch StoreError.missing {
                                    // The deletion removed (or emptied) the comment first.
                                }
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                expectCountsExact(try await stores[1].exportSite())
                #expect(try await stores[1].member(id: ada.id)?.isDeleted == true)
            }
        }
    }

    @Test("Given a site migrated to 0003 with data in it, when 0004 is applied, then the data stays and every name has its key")
    func identityMigrationKeepsData() async throws {
        try await PostgresTestDatabase.withSchema(migrate: false) { stores in
            let store = stores[0]
            // The site as the previous release left it: three migrations, recorded as the runner records them.
            try await store.executeRaw(PostgresMigrations.createLedger)
            for migration in PostgresMigrations.all.prefix(3) {
                for statement in migration.statements { try await store.executeRaw(statement) }
                try await store.executeRaw("INSERT INTO schema_migrations (id, applied_at) VALUES ('\(migration.id)', 0)")
            }
            try await store.executeRaw(
                """
                INSERT INTO members (email, display_name, role, password_hash, created_at)
                VALUES ('ada@example.com', 'Ada Lovelace', 'owner', 'hash', 1000), ('bob@example.com', 'BOB', 'member', NULL, 2000)
                """)
            try await store.executeRaw(
                """
                INSERT INTO posts (slug, title, subtitle, body_markdown, body_html, author_id, state, audience, discussion,
                                   published_at, created_at, comment_count)
                VALUES ('hello', 'Hello', '', 'b', 'b', 1, 'published', 'everyone', 'open', 1000, 1000, 1)
                """)
            try await store.executeRaw(
                """
                INSERT INTO comments (post_id, parent_id, root_id, depth, path, author_id, body_text, body_html, created_at)
                VALUES (1, NULL, 1, 0, '\(CommentPath.segment(for: CommentID(1)))', 2, 'hi', 'hi', 1000)
                """)
            try await store.executeRaw("INSERT INTO subscribers (email, status, created_at) VALUES ('reader@example.com', 'active', 5)")

            // 0004 and every migration after it.
            #expect(try await store.migrate() == PostgresMigrations.all.dropFirst(3).map(\.id))

            let ada = try #require(try await store.member(id: MemberID(1)))
            #expect(ada.displayName == "Ada Lovelace" && ada.notifyReplies && ada.notifyMentions)
            #expect(ada.avatarVersion == nil && ada.deletedAt == nil)
            #expect(try await store.passwordHash(memberID: ada.id) == "hash")
            #expect(try await store.members(nameKeys: ["ada lovelace", "bob"]).map(\.id) == [MemberID(1), MemberID(2)])
            #expect(try await store.comment(id: CommentID(1))?.bodyText == "hi")
            #expect(try await store.post(slug: "hello")?.commentCount == 1)
            let reader = try #require(try await store.subscriber(email: "reader@example.com"))
            // 0011 counts an active address that never confirmed by link as confirmed when added.
            #expect(reader.status == .active && reader.confirmedAt == Date(millisecondsSince1970: 5))
            // And the new tables work on the old rows.
            try await store.setFollowing(true, memberID: ada.id, postID: PostID(1), at: t0)
            let reply = try await store.insertComment(
                NewComment(
                    postID: PostID(1), parentID: CommentID(1), authorID: ada.id, bodyText: "r", bodyHTML: "r",
                    createdAt: t0),
                notices: CommentNotices(mentioned: [], replyDueAt: at(1), followDueAt: at(2)))
            #expect(try await store.pendingNotifications(recipientID: MemberID(2), limit: 10).map(\.commentID) == [reply.id])
        }
    }
}
