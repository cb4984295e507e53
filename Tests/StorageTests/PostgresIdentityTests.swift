import Domain
import Foundation
import PostgresNIO
import Storage
@testable import StoragePostgres
import Testing

/// What only PostgreSQL has to prove about email and identity: that the promises "exactly one
/// of concurrent attempts wins" hold between instances (two connection pools on one database),
/// where no single writer serialises them as SQLite's does, and that migration 0004 upgrades a
/// live site.
@Suite("PostgreSQL server: email and identity", .enabled(if: PostgresTestDatabase.url != nil, "TEST_POSTGRES_URL is not set"))
struct PostgresIdentityTests {
    /// How many times each race is run: one run may happen not to overlap.
    static let rounds = 12

    @Test("Given one sign-in link and two instances, when both redeem it at once, then exactly one signs in and the other finds it used")
    func racingRedemptions() async throws {
        try await PostgresTestDatabase.withSchema(stores: 2) { stores in
            for round in 0..<Self.rounds {
                let hash = "link-\(round)"
                try await stores[0].insertSignInToken(
                    SignInToken(tokenHash: hash, email: "ada@example.com", returnPath: "/p/\(round)", createdAt: t0,
                                expiresAt: at(900)),
                    mail: NewOutboxJob(recipient: "ada@example.com", messageJSON: "{}"))
                let outcomes = try await Self.race(stores) { store in try await store.redeemSignInToken(hash: hash, now: at(60)) }
                #expect(outcomes.filter { $0 == .redeemed(email: "ada@example.com", returnPath: "/p/\(round)") }.count == 1)
                #expect(outcomes.filter { $0 == .alreadyUsed }.count == 1)
            }
        }
    }

    @Test("Given a member's waiting notifications, when two instances complete them at once, then exactly one succeeds and one mail is queued")
    func racingCompletions() async throws {
        try await PostgresTestDatabase.withSchema(stores: 2) { stores in
            let site = Site(store: stores[0])
            let ada = try await site.member("ada"), bob = try await site.member("bob")
            let post = try await site.post(by: ada)
            let root = try await site.comment(on: post, by: ada)
            for round in 0..<Self.rounds {
                let notices = CommentNotices(mentioned: [], replyDueAt: at(600), followDueAt: at(3_600))
                for _ in 0..<3 {
                    _ = try await stores[0].insertComment(NewComment(postID: post.id, parentID: root.id, authorID: bob.id,
                                                                     bodyText: "r", bodyHTML: "r", createdAt: at(1)),
                                                          notices: notices)
                }
                let ids = try await stores[0].pendingNotifications(recipientID: ada.id, limit: 100).map(\.id)
                #expect(ids.count == 3)
                let mail = NewOutboxJob(recipient: ada.email, messageJSON: #"{"round":\#(round)}"#)
                let results = try await Self.race(stores) { store in
                    try await store.completeNotifications(ids, mail: mail, now: at(700))
                }
                #expect(results.sorted { !$0 && $1 } == [false, true])
                #expect(try await stores[1].pendingNotifications(recipientID: ada.id, limit: 100).isEmpty)
                #expect(try await stores[1].outboxCounts().pending == round + 1)
            }
        }
    }

    @Test("Given some of the rows already sent, when the rest are completed with them, then nothing changes: the rows stay and no mail is queued")
    func partlyCompletedRollsBack() async throws {
        try await PostgresTestDatabase.withSchema { stores in
            let store = stores[0]
            let site = Site(store: store)
            let ada = try await site.member("ada"), bob = try await site.member("bob")
            let post = try await site.post(by: ada)
            let root = try await site.comment(on: post, by: ada)
            let notices = CommentNotices(mentioned: [], replyDueAt: at(600), followDueAt: at(3_600))
            for _ in 0..<2 {
                _ = try await store.insertComment(NewComment(postID: post.id, parentID: root.id, authorID: bob.id,
                                                             bodyText: "r", bodyHTML: "r", createdAt: at(1)), notices: notices)
            }
            let ids = try await store.pendingNotifications(recipientID: ada.id, limit: 10).map(\.id)
            #expect(try await store.completeNotifications([ids[0]], mail: nil, now: at(700)))
            #expect(try await !store.completeNotifications(ids, mail: NewOutboxJob(recipient: ada.email, messageJSON: "{}"),
                                                           now: at(700)))
            #expect(try await store.pendingNotifications(recipientID: ada.id, limit: 10).map(\.id) == [ids[1]])
            #expect(try await store.outboxCounts().pending == 0)
        }
    }

    @Test("Given a newsletter send, when two instances move it on from the same cursor at once, then one wins and its batch is queued once")
    func racingNewsletterBatches() async throws {
        try await PostgresTestDatabase.withSchema(stores: 2) { stores in
            let site = Site(store: stores[0])
            let ada = try await site.member("ada")
            for n in 1...(2 * Self.rounds) {
                _ = try await stores[0].insertSubscriber(email: "reader\(n)@example.com", createdAt: t0)
            }
            let post = try await stores[0].insertPost(NewPost(slug: "news", title: "News", subtitle: "", bodyMarkdown: "b",
                                                              bodyHTML: "b", authorID: ada.id, state: .published,
                                                              publishedAt: t0, createdAt: t0),
                                                      newsletter: true)
            var cursor: SubscriberID?
            for round in 0..<Self.rounds {
                let batch = try await stores[0].activeSubscribers(after: cursor, limit: 2)
                let jobs = batch.map { NewOutboxJob(recipient: $0.email, messageJSON: "{}") }
                let last = round == Self.rounds - 1
                let from = cursor
                let results = try await Self.race(stores) { store in
                    try await store.advanceNewsletterSend(postID: post.id, from: from, to: batch.last?.id, mail: jobs,
                                                          finished: last, now: at(Double(round)))
                }
                #expect(results.filter { $0 }.count == 1)
                cursor = batch.last?.id
            }
            // Every subscriber mailed once: no batch was queued twice.
            #expect(try await stores[1].outboxCounts().pending == 2 * Self.rounds)
            #expect(try await stores[1].unfinishedNewsletterSends(limit: 10).isEmpty)
        }
    }

    @Test("Given a site without its secret, when many instances ask for it first at once, then all get the one value stored")
    func racingFirstSecret() async throws {
        try await PostgresTestDatabase.withSchema(stores: 2) { stores in
            for round in 0..<Self.rounds {
                let name = "key-\(round)"
                let values = try await withThrowingTaskGroup(of: String.self) { group in
                    for caller in 0..<6 {
                        let store = stores[caller % 2]
                        group.addTask { try await store.siteSecret(named: name) { "made by \(caller)" } }
                    }
                    return try await group.reduce(into: [String]()) { $0.append($1) }
                }
                #expect(Set(values).count == 1)
                #expect(try await stores[1].siteSecret(named: name) { "too late" } == values[0])
            }
        }
    }

    @Test("Given an instance deleting an account while others write in its threads, the member among them, when all are done, then no one deadlocks and every count is exact",
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
                                    _ = try await store.insertComment(NewComment(
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
                Self.expectCountsExact(try await stores[1].exportSite())
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
            try await store.executeRaw("""
                INSERT INTO members (email, display_name, role, password_hash, created_at)
                VALUES ('ada@example.com', 'Ada Lovelace', 'owner', 'hash', 1000), ('bob@example.com', 'BOB', 'member', NULL, 2000)
                """)
            try await store.executeRaw("""
                INSERT INTO posts (slug, title, subtitle, body_markdown, body_html, author_id, state, audience, discussion,
                                   published_at, created_at, comment_count)
                VALUES ('hello', 'Hello', '', 'b', 'b', 1, 'published', 'everyone', 'open', 1000, 1000, 1)
                """)
            try await store.executeRaw("""
                INSERT INTO comments (post_id, parent_id, root_id, depth, path, author_id, body_text, body_html, created_at)
                VALUES (1, NULL, 1, 0, '\(CommentPath.segment(for: CommentID(1)))', 2, 'hi', 'hi', 1000)
                """)
            try await store.executeRaw("INSERT INTO subscribers (email, status, created_at) VALUES ('reader@example.com', 'active', 5)")

            #expect(try await store.migrate() == ["0004_identity"])

            let ada = try #require(try await store.member(id: MemberID(1)))
            #expect(ada.displayName == "Ada Lovelace" && ada.notifyReplies && ada.notifyMentions)
            #expect(ada.avatarVersion == nil && ada.deletedAt == nil)
            #expect(try await store.passwordHash(memberID: ada.id) == "hash")
            #expect(try await store.members(nameKeys: ["ada lovelace", "bob"]).map(\.id) == [MemberID(1), MemberID(2)])
            #expect(try await store.comment(id: CommentID(1))?.bodyText == "hi")
            #expect(try await store.post(slug: "hello")?.commentCount == 1)
            let reader = try #require(try await store.subscriber(email: "reader@example.com"))
            #expect(reader.status == .active && reader.confirmedAt == nil)
            // And the new tables work on the old rows.
            try await store.setFollowing(true, memberID: ada.id, postID: PostID(1), at: t0)
            let reply = try await store.insertComment(
                NewComment(postID: PostID(1), parentID: CommentID(1), authorID: ada.id, bodyText: "r", bodyHTML: "r",
                           createdAt: t0),
                notices: CommentNotices(mentioned: [], replyDueAt: at(1), followDueAt: at(2)))
            #expect(try await store.pendingNotifications(recipientID: MemberID(2), limit: 10).map(\.commentID) == [reply.id])
        }
    }

    /// Runs `body` on every store at once and returns what each returned.
    static func race<T: Sendable>(_ stores: [PostgresStore],
                                  _ body: @escaping @Sendable (PostgresStore) async throws -> T) async throws -> [T] {
        try await withThrowingTaskGroup(of: T.self) { group in
            for store in stores {
                group.addTask { try await body(store) }
            }
            return try await group.reduce(into: [T]()) { $0.append($1) }
        }
    }

    /// Every stored counter against the rows: each post's comment count, each comment's
    /// descendant and like counts.
    static func expectCountsExact(_ data: SiteData) {
        for post in data.posts {
            #expect(post.commentCount == data.comments.filter { $0.postID == post.id && !$0.isDeleted }.count)
        }
        for comment in data.comments {
            let below = data.comments.filter { $0.path.hasPrefix(comment.path + "/") && !$0.isDeleted }.count
            #expect(comment.descendantCount == below, "descendants of \(comment.id)")
            #expect(comment.likeCount == data.likes.filter { $0.commentID == comment.id }.count, "likes of \(comment.id)")
        }
    }
}
