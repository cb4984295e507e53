import Domain
import Foundation
import PostgresNIO
import Storage
import Testing

@testable import StoragePostgres
@testable import StorageSQLite

/// The words of held and removed comments reach only those who may read them, whichever read
/// a page uses; account deletion leaves none of them behind in moderation's rows.
@Suite("Moderation: hidden comments' text")
struct ModerationTextTests {
    @Test(
        "Given a held root and a removed one, each with a visible reply, when anyone reads them, then they are placeholders without text",
        arguments: StoreKind.allCases)
    func placeholdersCarryNoText(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let d = try await GivenModeratedDiscussion(site)
            let held = try await site.comment(on: d.post, by: d.bob, at: at(1), text: "secret held")
            let removed = try await site.comment(on: d.post, by: d.cyd, at: at(2), text: "secret removed")
            let replyHeld = try await site.comment(on: d.post, by: d.ada, replyingTo: held, at: at(3))
            _ = try await site.comment(on: d.post, by: d.ada, replyingTo: removed, at: at(4))
            _ = try await site.moderation.holdComment(id: held.id, note: HoldNote(reason: .reports), audit: audit(.hold, by: nil))
            _ = try await site.moderation.removeComment(id: removed.id, audit: audit(.remove, by: d.mod))

            for visibility in [CommentVisibility.everyone, .author(d.cyd.id)] {
                let thread = try await site.thread(of: d.post, as: visibility)
                #expect(thread.map(\.id).contains(held.id) && thread.map(\.id).contains(removed.id))
                #expect(!thread.contains { $0.bodyText.contains("secret") || $0.bodyHTML.contains("secret") }, "\(visibility)")
                let windows = try await site.store.descendantWindows(
                    of: [held, removed], relativeDepth: 2, limit: 10, visibleTo: visibility)
                #expect(windows.values.joined().allSatisfy { !$0.bodyText.contains("secret") })
                let one = try #require(try await site.store.comment(id: held.id, visibleTo: visibility))
                #expect(one.bodyText.isEmpty && one.bodyHTML.isEmpty && one.status == .held)
                let chain = try await site.store.ancestors(of: replyHeld, visibleTo: visibility)
                #expect(chain.map(\.id) == [held.id] && chain[0].bodyText.isEmpty && chain[0].bodyHTML.isEmpty)
            }
            // The old signature reads as everyone does.
            #expect(try await site.store.ancestors(of: replyHeld).first?.bodyText == "")
            // Its author reads their held comment; staff read both.
            #expect(try await site.store.comment(id: held.id, visibleTo: .author(d.bob.id))?.bodyText == "secret held")
            #expect(try await site.store.ancestors(of: replyHeld, visibleTo: .author(d.bob.id)).first?.bodyText == "secret held")
            let staff = try await site.thread(of: d.post, as: .staff)
            #expect(staff.filter { $0.bodyText.contains("secret") }.map(\.id) == [held.id, removed.id])
        }
    }

    @Test(
        "Given a held comment without replies and a member's removed one, when others look them up, then they are not there",
        arguments: StoreKind.allCases)
    func hiddenCommentsAreNotListed(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let d = try await GivenModeratedDiscussion(site)
            let visible = try await site.comment(on: d.post, by: d.bob, at: at(1))
            let held = try await site.heldComment(on: d.post, by: d.bob, at: at(2))
            let removed = try await site.comment(on: d.post, by: d.bob, at: at(3), text: "secret removed")
            _ = try await site.moderation.removeComment(id: removed.id, audit: audit(.remove, by: d.mod))

            #expect(try await site.store.comment(id: held.id, visibleTo: .everyone) == nil)
            #expect(try await site.store.comment(id: held.id, visibleTo: .author(d.cyd.id)) == nil)
            #expect(try await site.store.comment(id: removed.id, visibleTo: .author(d.bob.id)) == nil)
            #expect(try await site.store.comment(id: removed.id, visibleTo: .staff)?.bodyText == "secret removed")

            func listed(_ visibility: CommentVisibility) async throws -> [CommentID] {
                try await site.store.comments(authorID: d.bob.id, before: nil, limit: 10, visibleTo: visibility).map(\.id)
            }
            #expect(try await listed(.everyone) == [visible.id])
            #expect(try await site.store.comments(authorID: d.bob.id, before: nil, limit: 10).map(\.id) == [visible.id])
            #expect(try await listed(.author(d.cyd.id)) == [visible.id])
            #expect(try await listed(.author(d.bob.id)) == [held.id, visible.id])
            #expect(try await listed(.staff) == [removed.id, held.id, visible.id])
        }
    }

    @Test(
        "Given a member whose held comment the spam filter explained, when the account is deleted, then the features are gone",
        arguments: StoreKind.allCases)
    func accountDeletionForgetsSpamFeatures(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let d = try await GivenModeratedDiscussion(site)
            let root = try await site.comment(on: d.post, by: d.ada, at: at(1))
            _ = try await site.comment(on: d.post, by: d.bob, replyingTo: root, at: at(2))
            let held = try await site.heldComment(
                on: d.post, by: d.bob, replyingTo: root, at: at(3),
                note: HoldNote(reason: .likelySpam, spamScore: 0.9, spamFeatures: ["cheap", "pills"]))
            let other = try await site.heldComment(
                on: d.post, by: d.cyd, at: at(4), note: HoldNote(reason: .likelySpam, spamScore: 0.9, spamFeatures: ["kept"]))
            #expect(try await site.moderation.moderation(commentID: held.id)?.hold?.spamFeatures == ["cheap", "pills"])

            try await site.store.deleteAccount(memberID: d.bob.id, comments: .placeholders, at: at(10))

            #expect(try await site.rawStrings("SELECT spam_features FROM comment_moderation WHERE comment_id = \(held.id)") == [""])
            #expect(try await site.moderation.moderation(commentID: other.id)?.hold?.spamFeatures == ["kept"])
        }
    }

    @Test(
        "Given a pinned comment, when comments are deleted for good, then the database finds the post by its pin through an index",
        arguments: StoreKind.allCases)
    func pinLookupIsASeek(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            switch site.store {
            case let store as SQLiteStore:
                let plan = try await store.queryPlan("SELECT id FROM posts WHERE pinned_comment_id = ?", [1])
                #expect(
                    plan.contains {
                        $0.contains("USING INDEX posts_pinned_comment") || $0.contains("USING COVERING INDEX posts_pinned_comment")
                    }, "\(plan)")
            case let store as PostgresStore:
                let plan = try await store.queryPlan("SELECT id FROM posts WHERE pinned_comment_id = \(Int64(1))")
                #expect(plan.contains { $0.contains("posts_pinned_comment") }, "\(plan.joined(separator: "\n"))")
            default:
                Issue.record("unknown engine")
            }
        }
    }
}

@Suite("Moderation: an author's held reply under a hidden comment")
struct HeldReplyUnderHiddenTests {
    @Test(
        "Given a held reply to a comment removed since, when its author reads the thread, then the removed one is a placeholder above it",
        arguments: StoreKind.allCases)
    func authorSeesTheirHeldReplyInPlace(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let d = try await GivenModeratedDiscussion(site)
            let root = try await site.comment(on: d.post, by: d.ada, at: at(1), text: "secret root")
            let held = try await site.heldComment(on: d.post, by: d.bob, replyingTo: root, at: at(2))
            _ = try await site.moderation.removeComment(id: root.id, audit: audit(.remove, by: d.mod))

            let seen = try await site.thread(of: d.post, as: .author(d.bob.id))
            #expect(seen.map(\.id) == [root.id, held.id])
            #expect(seen.first?.bodyText == "" && seen.first?.bodyHTML == "" && seen.last?.bodyText == "held words")
            #expect(try await site.ids(of: d.post, as: .everyone).isEmpty)
            #expect(try await site.ids(of: d.post, as: .author(d.cyd.id)).isEmpty)
        }
    }
}
