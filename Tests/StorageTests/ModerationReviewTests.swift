import Domain
import Foundation
import PostgresNIO
import Storage
import Testing

@testable import StoragePostgres
@testable import StorageSQLite

/// Pins follow what everyone sees, bans log each comment they take, the queue's decided tabs
/// page by decision in an index's order, and counts stop where a page stops needing them.
@Suite("Moderation: pins, ban entries, the decided tabs and capped counts")
struct ModerationReviewTests {
    enum Way: CaseIterable { case hold, remove, ban, delete, deleteAccount }

    @Test(
        "Given a pinned comment with a reply, when it is held, removed, banned away, deleted or its account deleted, then the post has no pin",
        arguments: StoreKind.allCases, Way.allCases)
    func pinGoesWhenEveryoneCannotSeeIt(kind: StoreKind, way: Way) async throws {
        try await withSite(kind) { site async throws in
            let d = try await GivenModeratedDiscussion(site)
            let pinned = try await site.comment(on: d.post, by: d.bob, at: at(1))
            _ = try await site.comment(on: d.post, by: d.cyd, replyingTo: pinned, at: at(2))
            try await site.moderation.setPinnedComment(pinned.id, postID: d.post.id, audit: audit(.pin, by: d.mod))
            #expect(try await site.reread(d.post)?.pinnedCommentID == pinned.id)

            switch way {
            case .hold:
                _ = try await site.moderation.holdComment(
                    id: pinned.id, note: HoldNote(reason: .reports), audit: audit(.hold, by: nil))
            case .remove:
                _ = try await site.moderation.removeComment(id: pinned.id, audit: audit(.remove, by: d.mod))
            case .ban:
                _ = try await site.moderation.ban(
                    Ban(memberID: d.bob.id, reason: "spam", bannedBy: d.mod.id, createdAt: at(50), until: nil),
                    removeComments: true, audit: audit(.ban, by: d.mod))
            case .delete:
                #expect(try await site.store.deleteComment(id: pinned.id, at: at(50)) == .placeholder)
            case .deleteAccount:
                try await site.store.deleteAccount(memberID: d.bob.id, comments: .placeholders, at: at(50))
            }

            #expect(try await site.reread(d.post)?.pinnedCommentID == nil, "\(way)")
        }
    }

    @Test(
        "Given a member with a visible and a held comment, when they are banned with their comments, then each removal is in the log with its words",
        arguments: StoreKind.allCases)
    func banLogsEachRemovedComment(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let d = try await GivenModeratedDiscussion(site)
            let visible = try await site.comment(on: d.post, by: d.bob, at: at(1), text: "bob's words")
            let held = try await site.heldComment(on: d.post, by: d.bob, at: at(2))
            _ = try await site.comment(on: d.post, by: d.cyd, at: at(3))

            let removed = try await site.moderation.ban(
                Ban(memberID: d.bob.id, reason: "spam", bannedBy: d.mod.id, createdAt: at(50), until: nil),
                removeComments: true, audit: audit(.ban, by: d.mod, at: 50, reason: "spam"))

            #expect(removed == 2)
            #expect(
                try await site.auditLines() == [
                    "hold - \(held.id)", "remove \(d.mod.id) \(visible.id)", "remove \(d.mod.id) \(held.id)", "ban \(d.mod.id) -",
                ])
            #expect(
                try await site.rawStrings(
                    """
                    SELECT "before" || '|' || reason || '|' || CAST(subject_id AS TEXT) || '|' || CAST(post_id AS TEXT)
                    FROM audit_log WHERE action = 'remove' ORDER BY id
                    """) == ["bob's words|spam|\(d.bob.id)|\(d.post.id)", "held words|spam|\(d.bob.id)|\(d.post.id)"])
        }
    }

    @Test(
        "Given three approvals, when a page is read and the last one shown is approved again, then the next page neither repeats nor skips",
        arguments: StoreKind.allCases)
    func decidedTabsPageByDecision(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let d = try await GivenModeratedDiscussion(site)
            var comments: [Comment] = []
            for second in 1...4 { comments.append(try await site.comment(on: d.post, by: d.bob, at: at(Double(second)))) }
            let (a, b, c, e) = (comments[0], comments[1], comments[2], comments[3])
            for (comment, when) in [(a, 100.0), (b, 200), (c, 300)] {
                _ = try await site.moderation.approveComment(id: comment.id, notices: nil, audit: audit(.approve, by: d.mod, at: when))
            }

            let first = try await site.moderation.moderationQueue(.approved, after: nil, limit: 2)
            #expect(first.map(\.comment.id) == [c.id, b.id])
            _ = try await site.moderation.approveComment(id: b.id, notices: nil, audit: audit(.approve, by: d.mod, at: 400))
            let next = try await site.moderation.moderationQueue(
                .approved, after: ModerationQueueCursor(after: try #require(first.last)), limit: 5)
            #expect(next.map(\.comment.id) == [a.id])

            // Removed: latest decision first, rejections of held comments among them.
            let held = try await site.heldComment(on: d.post, by: d.cyd, at: at(5))
            _ = try await site.moderation.removeComment(id: a.id, audit: audit(.remove, by: d.mod, at: 500))
            _ = try await site.moderation.removeComment(id: held.id, audit: audit(.reject, by: d.mod, at: 600))
            _ = try await site.moderation.removeComment(id: e.id, audit: audit(.remove, by: d.mod, at: 550))
            let removed = try await site.moderation.moderationQueue(.removed, after: nil, limit: 2)
            #expect(removed.map(\.comment.id) == [held.id, e.id])
            let more = try await site.moderation.moderationQueue(
                .removed, after: ModerationQueueCursor(after: try #require(removed.last)), limit: 2)
            #expect(more.map(\.comment.id) == [a.id])

            // Counts stop one past the cap: "more than 2".
            #expect(try await site.moderation.moderationCounts(upTo: 2)[.removed] == 3)
            #expect(try await site.moderation.moderationCounts(upTo: 1)[.removed] == 2)
            #expect(try await site.moderation.moderationCounts(upTo: 1)[.approved] == 2)
            #expect(try await site.moderation.moderationCounts()[.approved] == 2)
        }
    }

    @Test(
        "Given a member with three visible comments, when the first-comments rule counts them up to a cap, then the count stops there",
        arguments: StoreKind.allCases)
    func visibleCountStopsAtTheCap(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let d = try await GivenModeratedDiscussion(site)
            for second in 1...3 { _ = try await site.comment(on: d.post, by: d.bob, at: at(Double(second))) }
            _ = try await site.heldComment(on: d.post, by: d.bob, at: at(4))
            #expect(try await site.moderation.visibleCommentCount(authorID: d.bob.id, upTo: 2) == 2)
            #expect(try await site.moderation.visibleCommentCount(authorID: d.bob.id, upTo: 10) == 3)
            #expect(try await site.moderation.visibleCommentCount(authorID: d.bob.id, upTo: 0) == 0)
        }
    }

    @Test("Given the decided tabs and a member's comments, when SQLite plans them, then each walks an index in the order shown")
    func sqlitePlans() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try SQLiteStore(path: directory.path("site.sqlite"))
        defer { try? store.close() }
        for (tab, index) in [(ModerationTab.approved, "comment_moderation_approved"), (.removed, "comment_moderation_removed")] {
            let plan = try await store.queryPlan(SQLiteStore.decidedPageSQL(tab), [1000, 5, 20])
            #expect(plan.contains { $0.contains("USING INDEX \(index)") }, "\(tab): \(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") || $0.contains("SCAN comments") }, "\(tab): \(plan)")
        }
        for visibility in [CommentVisibility.everyone, .author(MemberID(1)), .staff] {
            let plan = try await store.queryPlan(
                """
                SELECT id FROM comments
                WHERE author_id = ? AND id < ? AND \(SQLiteStore.readableFilter(visibility)) ORDER BY id DESC LIMIT ?
                """, [1, 1000, 20])
            #expect(plan.contains { $0.contains("SEARCH comments USING") }, "\(visibility): \(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(visibility): \(plan)")
        }
    }

    @Test(
        "Given the decided tabs and a member's comments, when PostgreSQL plans them, then each walks an index in the order shown",
        .enabled(if: PostgresTestDatabase.url != nil, "TEST_POSTGRES_URL is not set"))
    func postgresPlans() async throws {
        try await PostgresTestDatabase.withSchema { stores in
            let store = stores[0]
            for (tab, index) in [(ModerationTab.approved, "comment_moderation_approved"), (.removed, "comment_moderation_removed")] {
                let cursor = ModerationQueueCursor(commentID: CommentID(5), decidedAt: at(1))
                let plan = try await store.queryPlan(PostgresStore.decidedPageQuery(tab: tab, after: cursor, limit: 20))
                #expect(plan.contains { $0.contains(index) }, "\(tab): \(plan.joined(separator: "\n"))")
                #expect(!plan.contains { $0.contains("Sort") || $0.contains("Seq Scan") }, "\(tab): \(plan.joined(separator: "\n"))")
            }
            for visibility in [CommentVisibility.everyone, .author(MemberID(1)), .staff] {
                let plan = try await store.queryPlan(
                    """
                    SELECT id FROM comments
                    WHERE author_id = \(Int64(1)) AND id < \(Int64(1000)) AND \(unescaped: PostgresStore.readableFilter(visibility))
                    ORDER BY id DESC LIMIT 20
                    """)
                #expect(!plan.contains { $0.contains("Sort") || $0.contains("Seq Scan") }, "\(visibility): \(plan.joined(separator: "\n"))")
            }
        }
    }
}
