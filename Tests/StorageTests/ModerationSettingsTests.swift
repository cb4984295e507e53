import Domain
import Foundation
import Storage
import Testing

private typealias Given = MemberModerationFixtures

@Suite("Moderation: the publication's rules and each post's discussion")
struct ModerationSettingsTests {
    @Test(
        "Given a new site, when its moderation settings are read, then they are the defaults, and nothing is stored",
        arguments: StoreKind.allCases)
    func defaults(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            #expect(try await site.moderation.moderationSettings() == .defaults)
            #expect(try await site.store.exportSite().moderation.settings == nil)
        }
    }

    @Test(
        "Given settings, when each hold policy is saved in turn, then each reads back as saved, word lists and all, and the log has each change from what to what",
        arguments: StoreKind.allCases)
    func saveAndReadBack(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .owner)
            let saved: [ModerationSettings] = [
                ModerationSettings(
                    holdPolicy: .firstComments(count: 2), maxLinks: 0, reportsToHold: 1, holdWords: ["casino", "free money"],
                    blockWords: ["slur"], autoCloseDays: 30, spamThreshold: 0.75),
                ModerationSettings(
                    holdPolicy: .everything, maxLinks: 5, reportsToHold: 4, holdWords: [], blockWords: ["a", "b c", "ünï"],
                    autoCloseDays: 0, spamThreshold: 1),
                ModerationSettings(holdPolicy: .nothing, autoCloseDays: nil),
            ]
            for (index, settings) in saved.enumerated() {
                try await site.moderation.updateModerationSettings(
                    settings, audit: Given.entry(.moderationSettings, by: ada, at: at(Double(index))))
                #expect(try await site.moderation.moderationSettings() == settings)
            }
            #expect(try await site.store.exportSite().moderation.settings?.holdWords == "")
            let log = try await site.moderation.auditLog(
                filter: AuditFilter(action: .moderationSettings), before: nil, limit: 10)
            #expect(log.count == 3)
            #expect(log.map(\.before) == [saved[1], saved[0], .defaults].map(AuditText.settings))
            #expect(log.map(\.after) == [saved[2], saved[1], saved[0]].map(AuditText.settings))
            #expect(log.last?.after.contains("hold words: casino, free money") == true)
        }
    }

    @Test(
        "Given the words as stored, when settings with several words are saved, then the row keeps one per line",
        arguments: StoreKind.allCases)
    func wordsOnePerLine(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .owner)
            try await site.moderation.updateModerationSettings(
                ModerationSettings(holdWords: ["one", "two words"], blockWords: ["three"]),
                audit: Given.entry(.moderationSettings, by: ada))
            let row = try #require(try await site.store.exportSite().moderation.settings)
            #expect(row.holdWords == "one\ntwo words" && row.blockWords == "three")
            #expect(row.holdPolicy == "nothing" && row.holdFirstCount == 0)
        }
    }

    @Test(
        "Given settings the schema refuses, when saved, then nothing changes and nothing is logged",
        arguments: StoreKind.allCases)
    func refusedSettingsLeaveNoTrace(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .owner)
            await #expect(throws: (any Error).self) {
                try await site.moderation.updateModerationSettings(
                    ModerationSettings(reportsToHold: 0), audit: Given.entry(.moderationSettings, by: ada))
            }
            #expect(try await site.moderation.moderationSettings() == .defaults)
            #expect(try await site.moderation.auditLog(filter: AuditFilter(), before: nil, limit: 10).isEmpty)
        }
    }

    @Test(
        "Given a post, when its discussion is set twice, then the post reads it back and the log has both changes from what to what",
        arguments: StoreKind.allCases)
    func discussion(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .owner)
            let post = try await site.post(by: ada)
            #expect(post.discussion == .open && post.autoCloseDays == nil)
            try await site.moderation.setDiscussion(
                .staff, autoCloseDays: 7, postID: post.id, audit: Given.entry(.discussionSettings, by: ada, at: at(1)))
            var read = try #require(try await site.reread(post))
            #expect(read.discussion == .staff && read.autoCloseDays == 7)
            #expect(try await site.store.post(slug: post.slug)?.autoCloseDays == 7)
            #expect(try await site.store.recentPosts(now: at(10), limit: 5, excluding: nil).first?.autoCloseDays == 7)
            try await site.moderation.setDiscussion(
                .closed, autoCloseDays: nil, postID: post.id, audit: Given.entry(.discussionSettings, by: ada, at: at(2)))
            read = try #require(try await site.reread(post))
            #expect(read.discussion == .closed && read.autoCloseDays == nil)

            let log = try await site.moderation.auditLog(filter: AuditFilter(), before: nil, limit: 10)
            #expect(log.map(\.postID) == [post.id, post.id])
            #expect(
                log.map(\.before) == [
                    AuditText.discussion(.staff, autoCloseDays: 7), AuditText.discussion(.open, autoCloseDays: nil),
                ])
            #expect(
                log.map(\.after) == [
                    AuditText.discussion(.closed, autoCloseDays: nil), AuditText.discussion(.staff, autoCloseDays: 7),
                ])
        }
    }

    @Test(
        "Given no such post, when its discussion is set, then it is refused as missing and nothing is logged",
        arguments: StoreKind.allCases)
    func discussionOfNoPost(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .owner)
            await #expect(throws: StoreError.missing("post")) {
                try await site.moderation.setDiscussion(
                    .closed, autoCloseDays: nil, postID: PostID(999), audit: Given.entry(.discussionSettings, by: ada))
            }
            #expect(try await site.moderation.auditLog(filter: AuditFilter(), before: nil, limit: 10).isEmpty)
        }
    }

    @Test(
        "Given a post with a pinned comment, when the post is read every way, then the pin is there",
        arguments: StoreKind.allCases)
    func pinIsRead(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .owner)
            let post = try await site.post(by: ada)
            let comment = try await site.comment(on: post, by: ada)
            try await Given.raw(
                "UPDATE posts SET pinned_comment_id = \(comment.id.rawValue) WHERE id = \(post.id.rawValue)", on: site)
            #expect(try await site.reread(post)?.pinnedCommentID == comment.id)
            #expect(try await site.store.post(slug: post.slug)?.pinnedCommentID == comment.id)
            #expect(try await site.store.recentPosts(now: at(10), limit: 5, excluding: nil).first?.pinnedCommentID == comment.id)
            // A pinned comment removed for good unpins itself.
            _ = try await site.store.deleteComment(id: comment.id, at: at(1))
            #expect(try await site.reread(post)?.pinnedCommentID == nil)
        }
    }
}
