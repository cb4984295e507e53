import Domain
import Foundation
import Storage
import Testing

private typealias Given = MemberModerationFixtures

/// Bob is about to delete his account, with moderation around him. Ada moderates; Cyd stays.
/// Bob has a comment `b` with his reply `h` below it (held, when `holding`), and a reply `br`
/// under Cyd's `c`; mutes both
/// ways (he mutes Cyd, Cyd mutes him, Ada mutes Cyd), a report of `c` (Cyd reports `b` too), a
/// ban, and log entries about his comments, about Cyd's, about his role, and made by him.
struct GivenModeratedLeaver {
    let ada, bob, cyd: Member
    let post: Post
    let b, h, c, br: Comment

    init(_ site: Site, holding: Bool = false) async throws {
        ada = try await site.member("ada", role: .moderator)
        bob = try await site.member("bob")
        cyd = try await site.member("cyd")
        post = try await site.post(by: ada)
        b = try await site.comment(on: post, by: bob, at: at(1), text: "bob's words")
        h = try await site.comment(on: post, by: bob, replyingTo: b, at: at(2), text: "bob's held words")
        c = try await site.comment(on: post, by: cyd, at: at(3), text: "cyd's words")
        br = try await site.comment(on: post, by: bob, replyingTo: c, at: at(4), text: "bob's reply")
        if holding { try await Given.setStatus(.held, of: h, on: site) }
        let m = site.moderation
        try await m.setMuted(true, memberID: bob.id, target: cyd.id, at: at(5))
        try await m.setMuted(true, memberID: cyd.id, target: bob.id, at: at(5))
        try await m.setMuted(true, memberID: ada.id, target: cyd.id, at: at(5))
        for (comment, reporter) in [(c, bob), (b, cyd)] {
            try await Given.raw(
                """
                INSERT INTO comment_reports (comment_id, reporter_id, reason, text, created_at)
                VALUES (\(comment.id.rawValue), \(reporter.id.rawValue), 'other', 'why', \(at(6).millisecondsSince1970))
                """, on: site)
        }
        try await m.setRole(.moderator, memberID: bob.id, audit: Given.entry(.setRole, by: ada, at: at(7)))
        try await m.appendAudit(
            Given.entry(.hold, by: nil, at: at(8), comment: h, subject: bob, after: "bob's held words"))
        try await m.appendAudit(
            Given.entry(.remove, by: ada, at: at(9), comment: b, subject: bob, reason: "rude", before: "bob's words"))
        try await m.appendAudit(
            Given.entry(.remove, by: bob, at: at(10), comment: c, subject: cyd, reason: "spam", before: "cyd's words"))
        _ = try await m.ban(
            Ban(memberID: bob.id, reason: "cool off", bannedBy: ada.id, createdAt: at(11), until: at(99)),
            removeComments: false, audit: Given.entry(.ban, by: ada, at: at(11), reason: "cool off"))
    }
}

@Suite("Moderation: deleting an account")
struct AccountDeletionModerationTests {
    @Test(
        "Given a member in the moderation records, when the account is deleted, then the log keeps every entry but the text of their comments, and their mutes, reports and ban go",
        arguments: StoreKind.allCases, DeletedAccountComments.allCases)
    func anonymised(kind: StoreKind, mode: DeletedAccountComments) async throws {
        try await withSite(kind) { site async throws in
            let g = try await GivenModeratedLeaver(site)
            let before = try await site.moderation.auditLog(filter: AuditFilter(), before: nil, limit: 100)
            try await site.store.deleteAccount(memberID: g.bob.id, comments: mode, at: at(50))

            let after = try await site.moderation.auditLog(filter: AuditFilter(), before: nil, limit: 100)
            #expect(after.map(\.id) == before.map(\.id))
            #expect(after.map(\.actorID) == before.map(\.actorID) && after.map(\.reason) == before.map(\.reason))
            let byAction = Dictionary(grouping: after, by: \.commentID)
            for comment in [g.h, g.b] {
                let entry = try #require(byAction[comment.id]?.first)
                #expect(entry.before == "" && entry.after == "" && entry.subjectID == g.bob.id)
            }
            // Cyd's comment keeps its text (Bob acted on it), and Bob's role change its roles.
            #expect(byAction[g.c.id]?.first?.before == "cyd's words")
            #expect(after.first { $0.action == .setRole }.map { [$0.before, $0.after] } == ["member", "moderator"])
            // The entries still name Bob's (scrubbed) row.
            #expect(try await site.store.member(id: g.bob.id)?.isDeleted == true)

            let m = site.moderation
            #expect(try await m.mutedMemberIDs(memberID: g.bob.id).isEmpty)
            #expect(try await m.mutedMemberIDs(memberID: g.cyd.id).isEmpty)
            #expect(try await m.mutedMemberIDs(memberID: g.ada.id) == [g.cyd.id])
            #expect(try await m.ban(memberID: g.bob.id) == nil)
            let data = try await site.store.exportSite()
            // Cyd's report of Bob's comment stays while the comment does (a placeholder keeps it).
            #expect(data.moderation.reports.map(\.reporterID) == (mode == .placeholders ? [g.cyd.id] : []))
            #expect(data.moderation.bans.isEmpty)
        }
    }

    @Test(
        "Given a member with a visible and a held comment, when the account is deleted keeping placeholders, then only the visible ones leave the counts",
        arguments: StoreKind.allCases)
    func placeholdersCountOnlyVisible(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let g = try await GivenModeratedLeaver(site, holding: true)
            #expect(try await site.reread(g.post)?.commentCount == 3)
            try await site.store.deleteAccount(memberID: g.bob.id, comments: .placeholders, at: at(50))
            let data = try await site.store.exportSite()
            expectVisibleCountsExact(data)
            #expect(try await site.reread(g.post)?.commentCount == 1)
            #expect(try await site.reread(g.b)?.descendantCount == 0)
            #expect(try await site.reread(g.c)?.descendantCount == 0)
        }
    }
}
