import App
import Domain
import Foundation
import Storage
import StorageSQLite
import Testing
import UseCases

@Suite("Moving a site from SQLite to PostgreSQL", .enabled(if: TestEngine.postgresURL != nil, "needs PARLEY_TEST_WEB_POSTGRES_URL"))
struct SiteMigrationTests {
    /// A SQLite site with members, posts, a threaded discussion, likes and a subscriber.
    static func sqliteSite() async throws -> SQLiteStore {
        let folder = try TemporaryFolders.make("migrate")
        let store = try SQLiteStore(path: folder.appendingPathComponent("parley.sqlite").path)
        let actions = Actions(store: store, passwords: PasswordHasher(cost: 4))
        try await store.updatePublication(Publication(name: "Moving House", description: "From a file to a server"))
        let owner = try await actions.addMember(
            AddMemberInput(email: "owner@example.com", displayName: "Owner", role: .owner, password: "long enough"))
        let reader = try await actions.addMember(AddMemberInput(email: "reader@example.com", displayName: "Reader"))
        for index in 0..<3 {
            let post = try await actions.addPost(AddPostInput(title: "Post \(index)", authorEmail: owner.email))
            var parent: CommentID?
            for depth in 0..<4 {
                let comment = try await actions.postComment(
                    postID: post.id, replyTo: parent, text: "Depth \(depth)", by: depth.isMultiple(of: 2) ? reader : owner)
                _ = try await actions.toggleLike(commentID: comment.id, by: owner)
                parent = comment.id
            }
        }
        try await actions.subscribe(email: "fan@example.com")
        return store
    }

    @Test("Given a SQLite site, when it is migrated to an empty PostgreSQL database, then counts and sample rows match and it works")
    func migrates() async throws {
        let source = try await Self.sqliteSite()
        let (target, running) = try await TestEngine.openStore()
        let report = try await SiteMigration.copy(from: source, to: target, force: false)
        #expect(report.matches)
        #expect(report.sourceCounts["comments"] == 12)
        #expect(report.sampledRows > 0)
        // The copy is a working site: its counters and threads read back as they were.
        let post = try #require(try await target.post(slug: "post-0"))
        #expect(post.commentCount == 4)
        let roots = try await target.rootComments(postID: post.id, sort: .top, after: nil, limit: 10)
        #expect(roots.count == 1 && roots[0].likeCount == 1 && roots[0].descendantCount == 3)
        _ = running
    }

    @Test(
        "Given a moderated SQLite site, when it is migrated, then statuses, holds, reports, bans, mutes, settings and the log arrive exactly"
    )
    func migratesModeration() async throws {
        let source = try await Self.sqliteSite()
        let owner = try #require(try await source.member(email: "owner@example.com"))
        let reader = try #require(try await source.member(email: "reader@example.com"))
        let post = try #require(try await source.post(slug: "post-0"))
        let root = try #require(try await source.rootComments(postID: post.id, sort: .old, after: nil, limit: 1).first)
        func audit(_ action: AuditAction) -> NewAuditEntry { NewAuditEntry(at: Date(), actorID: owner.id, action: action) }
        try await source.updateModerationSettings(
            ModerationSettings(holdPolicy: .firstComments(count: 1), holdWords: ["casino"], autoCloseDays: 10),
            audit: audit(.moderationSettings))
        try await source.setDiscussion(.staff, autoCloseDays: 3, postID: post.id, audit: audit(.discussionSettings))
        try await source.setPinnedComment(root.id, postID: post.id, audit: audit(.pin))
        _ = try await source.reportComment(
            NewCommentReport(commentID: root.id, reporterID: owner.id, reason: .spam, text: "", createdAt: Date()), holdAt: 1)
        try await source.setMuted(true, memberID: owner.id, target: reader.id, at: Date())
        _ = try await source.ban(
            Ban(memberID: reader.id, reason: "spam", bannedBy: owner.id, createdAt: Date(), until: nil), removeComments: true,
            audit: audit(.ban))

        let (target, running) = try await TestEngine.openStore()
        let report = try await SiteMigration.copy(from: source, to: target, force: false)
        #expect(report.matches)
        let original = try await source.exportSite()
        let copied = try await target.exportSite()
        #expect(copied.moderation == original.moderation)
        #expect(copied.comments == original.comments && copied.posts == original.posts)
        #expect(copied.moderation.bans.count == 1 && copied.moderation.reports.count == 1)
        // The ban that removed the member's comments logged each removal, then itself.
        #expect(
            copied.moderation.audit.map(\.action).filter { $0 != .remove } == [.moderationSettings, .discussionSettings, .pin, .hold, .ban])
        #expect(copied.moderation.audit.contains { $0.action == .remove })
        #expect(copied.comments.contains { $0.status == .removed })
        _ = running
    }

    @Test("Given a PostgreSQL database that holds a site, when migrating without force, then it is refused and kept")
    func refusesNonEmptyTarget() async throws {
        let source = try await Self.sqliteSite()
        let (target, running) = try await TestEngine.openStore()
        _ = try await target.insertSubscriber(email: "already@example.com", createdAt: Date())
        await #expect(throws: MigrationError.self) { try await SiteMigration.copy(from: source, to: target, force: false) }
        #expect(try await target.subscriberCount(status: .active) == 1)
        // With force, the target is erased and receives the copy.
        let report = try await SiteMigration.copy(from: source, to: target, force: true)
        #expect(report.matches)
        #expect(try await target.exportSite().subscribers.map(\.email) == ["fan@example.com"])
        _ = running
    }

    @Test(
        "Given a SQLite site saved with a name holding a right-to-left override, when it is migrated, then the copy checks out and the name arrives without it"
    )
    func migratesNamesInStoredForm() async throws {
        let source = try await Self.sqliteSite()
        // Written past the use cases, as versions before the name rule wrote names
        _ = try await source.insertMember(
            NewMember(email: "mallory@example.com", displayName: "Mal\u{202E}gnp.exe", role: .member, passwordHash: nil, createdAt: Date()))
        let (target, running) = try await TestEngine.openStore()
        let report = try await SiteMigration.copy(from: source, to: target, force: false)
        #expect(report.matches)
        let copied = try await target.exportSite().members.map(\.member.displayName)
        #expect(copied.contains("Malgnp.exe") && !copied.contains { $0.unicodeScalars.contains("\u{202E}") })
        _ = running
    }
}
