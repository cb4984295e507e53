import Domain
import Foundation
import Storage
import Testing

private typealias Given = MemberModerationFixtures

/// Bob is about to be banned with his comments. Ada moderates; Cyd stays.
///
///     post "hello"                                   post "other"
///     r1 (cyd)                  r3 (bob, placeholder)  r2 (bob)
///     ├── b1 (bob)              └── c3 (cyd)           └── c2 (cyd)
///     │   └── c1 (cyd)
///     │       └── b2 (bob)
///     ├── b3 (bob, held)
///     └── b5 (bob, removed)
///
/// b1 has an open report by Cyd; b3 was held for its links; c1 mentions nobody but r1's
/// reply b2 left Cyd a waiting reply notification.
struct GivenBannedMember {
    let ada, bob, cyd: Member
    let post, other: Post
    let r1, b1, c1, b2, b3, b5, r3, c3, r2, c2: Comment

    init(_ site: Site) async throws {
        ada = try await site.member("ada", role: .moderator)
        bob = try await site.member("bob")
        cyd = try await site.member("cyd")
        post = try await site.post(by: ada)
        other = try await site.post("other", by: ada)
        r1 = try await site.comment(on: post, by: cyd, at: at(1))
        b1 = try await site.comment(on: post, by: bob, replyingTo: r1, at: at(2))
        c1 = try await site.comment(on: post, by: cyd, replyingTo: b1, at: at(3))
        b2 = try await site.commentWithNotices(on: post, by: bob, replyingTo: c1, at: at(4))
        b3 = try await site.comment(on: post, by: bob, replyingTo: r1, at: at(5))
        b5 = try await site.comment(on: post, by: bob, replyingTo: r1, at: at(6))
        r3 = try await site.comment(on: post, by: bob, at: at(7))
        c3 = try await site.comment(on: post, by: cyd, replyingTo: r3, at: at(8))
        r2 = try await site.comment(on: other, by: bob, at: at(9))
        c2 = try await site.comment(on: other, by: cyd, replyingTo: r2, at: at(10))
        _ = try await site.store.deleteComment(id: r3.id, at: at(11))
        try await Given.setStatus(.held, of: b3, on: site)
        try await Given.raw(
            "INSERT INTO comment_moderation (comment_id, hold_reason, spam_features) VALUES (\(b3.id.rawValue), 'links', '')",
            on: site)
        try await Given.setStatus(.removed, of: b5, on: site)
        try await Given.raw(
            """
            INSERT INTO comment_reports (comment_id, reporter_id, reason, text, created_at)
            VALUES (\(b1.id.rawValue), \(cyd.id.rawValue), 'abuse', '', \(at(12).millisecondsSince1970))
            """, on: site)
    }
}

@Suite("Moderation: roles, bans, mutes and the members list")
struct MemberModerationTests {
    // MARK: Roles

    @Test(
        "Given a member, when staff give them a role, then they have it and the log says from what to what",
        arguments: StoreKind.allCases)
    func setRole(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .owner)
            let bob = try await site.member("bob")
            try await site.moderation.setRole(
                .moderator, memberID: bob.id, audit: Given.entry(.setRole, by: ada, at: at(1), reason: "helps"))
            #expect(try await site.store.member(id: bob.id)?.role == .moderator)
            let log = try await site.moderation.auditLog(filter: AuditFilter(), before: nil, limit: 10)
            #expect(log.count == 1)
            #expect(log.first?.action == .setRole && log.first?.actorID == ada.id && log.first?.subjectID == bob.id)
            #expect(log.first?.before == "member" && log.first?.after == "moderator" && log.first?.reason == "helps")
            #expect(log.first?.at == at(1))
        }
    }

    @Test(
        "Given an unknown member and a deleted one, when staff give them a role, then it is refused and nothing is logged",
        arguments: StoreKind.allCases)
    func setRoleOfNobody(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .owner)
            let gone = try await site.member("gone")
            try await site.store.deleteAccount(memberID: gone.id, comments: .remove, at: at(1))
            for id in [MemberID(999), gone.id] {
                await #expect(throws: StoreError.missing("member")) {
                    try await site.moderation.setRole(.admin, memberID: id, audit: Given.entry(.setRole, by: ada))
                }
            }
            #expect(try await site.store.member(id: gone.id)?.role == .member)
            #expect(try await site.moderation.auditLog(filter: AuditFilter(), before: nil, limit: 10).isEmpty)
        }
    }

    // MARK: Bans

    @Test(
        "Given a member, when banned twice and then unbanned, then the second ban replaces the first, the list shows it, and unbanning twice lifts it once",
        arguments: StoreKind.allCases)
    func banReplaceAndUnban(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .moderator)
            let bob = try await site.member("bob")
            let cyd = try await site.member("cyd")
            #expect(try await site.moderation.ban(memberID: bob.id) == nil)
            let first = Ban(memberID: bob.id, reason: "spam", bannedBy: ada.id, createdAt: at(1), until: at(86_400))
            let second = Ban(memberID: bob.id, reason: "spam again", bannedBy: ada.id, createdAt: at(2), until: nil)
            let cyds = Ban(memberID: cyd.id, reason: "abuse", bannedBy: ada.id, createdAt: at(3), until: at(60))
            #expect(try await site.moderation.ban(first, removeComments: false, audit: Given.entry(.ban, by: ada, at: at(1))) == 0)
            #expect(try await site.moderation.ban(second, removeComments: false, audit: Given.entry(.ban, by: ada, at: at(2))) == 0)
            _ = try await site.moderation.ban(cyds, removeComments: false, audit: Given.entry(.ban, by: ada, at: at(3)))

            #expect(try await site.moderation.ban(memberID: bob.id) == second)
            #expect(try await site.moderation.bans(limit: 10) == [cyds, second])
            #expect(try await site.moderation.bans(limit: 1) == [cyds])
            // An expired ban is still there, and knows it no longer holds.
            #expect(try await site.moderation.ban(memberID: cyd.id)?.isActive(at: at(61)) == false)

            #expect(try await site.moderation.unban(memberID: bob.id, audit: Given.entry(.unban, by: ada, at: at(4))))
            #expect(try await !site.moderation.unban(memberID: bob.id, audit: Given.entry(.unban, by: ada, at: at(5))))
            #expect(try await site.moderation.ban(memberID: bob.id) == nil)
            #expect(try await site.moderation.bans(limit: 10) == [cyds])
            let log = try await site.moderation.auditLog(filter: AuditFilter(subjectID: bob.id), before: nil, limit: 10)
            #expect(log.map(\.action) == [.unban, .ban, .ban])
            // Each entry says what was there before and after.
            #expect(log.map(\.before) == ["for good", "until 2025-06-16T15:06:40Z", ""])
            #expect(log.map(\.after) == ["", "for good", "until 2025-06-16T15:06:40Z"])
        }
    }

    @Test(
        "Given an unknown member, a deleted one, or an unknown moderator, when banned, then it is refused and nothing is written",
        arguments: StoreKind.allCases)
    func banOfNobody(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .moderator)
            let bob = try await site.member("bob")
            let gone = try await site.member("gone")
            try await site.store.deleteAccount(memberID: gone.id, comments: .remove, at: at(1))
            for (member, moderator) in [(MemberID(999), ada.id), (gone.id, ada.id), (bob.id, MemberID(999))] {
                let ban = Ban(memberID: member, reason: "x", bannedBy: moderator, createdAt: at(2), until: nil)
                await #expect(throws: StoreError.missing("member")) {
                    _ = try await site.moderation.ban(ban, removeComments: true, audit: Given.entry(.ban, by: ada))
                }
            }
            #expect(try await site.moderation.bans(limit: 10).isEmpty)
            #expect(try await site.moderation.auditLog(filter: AuditFilter(), before: nil, limit: 10).isEmpty)
        }
    }

    @Test(
        "Given a member with visible, held, removed and deleted comments in two discussions, when banned removing comments, then every visible and held one is removed, counted out exactly, decided and settled",
        arguments: StoreKind.allCases)
    func banRemovingComments(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let g = try await GivenBannedMember(site)
            #expect(try await site.notified(g.cyd).count == 1)
            let ban = Ban(memberID: g.bob.id, reason: "spam", bannedBy: g.ada.id, createdAt: at(100), until: nil)
            let removed = try await site.moderation.ban(
                ban, removeComments: true, audit: Given.entry(.ban, by: g.ada, at: at(100), reason: "spam"))

            // b1, b2, b3 and r2; b5 was removed already and r3 is a placeholder.
            #expect(removed == 4)
            let data = try await site.store.exportSite()
            let status = Dictionary(uniqueKeysWithValues: data.comments.map { ($0.id, $0.status) })
            for comment in [g.b1, g.b2, g.b3, g.b5, g.r2] { #expect(status[comment.id] == .removed) }
            for comment in [g.r1, g.c1, g.c2, g.c3, g.r3] { #expect(status[comment.id] == .visible) }
            #expect(data.comments.first { $0.id == g.r3.id }?.isDeleted == true)

            // The counts: "hello" keeps r1, c1, c3; r1 keeps c1 below it; "other" keeps c2.
            expectVisibleCountsExact(data)
            #expect(try await site.reread(g.post)?.commentCount == 3)
            #expect(try await site.reread(g.other)?.commentCount == 1)
            #expect(try await site.reread(g.r1)?.descendantCount == 1)
            #expect(try await site.reread(g.b1)?.descendantCount == 1)
            #expect(try await site.reread(g.c1)?.descendantCount == 0)
            #expect(try await site.reread(g.r2)?.descendantCount == 1)

            // Each removed one has the decision, b3 keeps why it was held; b5's earlier removal is untouched.
            let decisions = Dictionary(uniqueKeysWithValues: data.moderation.commentModeration.map { ($0.commentID, $0) })
            for comment in [g.b1, g.b2, g.b3, g.r2] {
                let row = try #require(decisions[comment.id])
                #expect(row.decision == "removed" && row.decidedBy == g.ada.id && row.decidedAt == at(100))
                #expect(row.decisionReason == "spam")
            }
            #expect(decisions[g.b3.id]?.holdReason == "links")
            #expect(decisions[g.b5.id] == nil)
            // The report of b1 is settled, and nobody is told of b2 any more.
            #expect(data.moderation.reports.map(\.resolvedAt) == [at(100)])
            #expect(try await site.notified(g.cyd).isEmpty)
            // One entry for the ban, after one `remove` entry per comment it took.
            let log = try await site.moderation.auditLog(filter: AuditFilter(), before: nil, limit: 10)
            #expect(log.map(\.action) == [.ban, .remove, .remove, .remove, .remove] && log.first?.subjectID == g.bob.id)
            #expect(Set(log.dropFirst().compactMap(\.commentID)) == Set([g.b1, g.b2, g.b3, g.r2].map(\.id)))
            #expect(log.first?.after == "for good; 4 comments removed")
        }
    }

    @Test(
        "Given a banned member whose comments were removed, when banned again removing comments, then nothing more is removed and the counts do not drop twice",
        arguments: StoreKind.allCases)
    func banTwiceRemovesOnce(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let g = try await GivenBannedMember(site)
            let ban = Ban(memberID: g.bob.id, reason: "spam", bannedBy: g.ada.id, createdAt: at(100), until: nil)
            #expect(try await site.moderation.ban(ban, removeComments: true, audit: Given.entry(.ban, by: g.ada)) == 4)
            #expect(try await site.moderation.ban(ban, removeComments: true, audit: Given.entry(.ban, by: g.ada)) == 0)
            expectVisibleCountsExact(try await site.store.exportSite())
            #expect(try await site.reread(g.post)?.commentCount == 3)
        }
    }

    @Test(
        "Given a member with comments, when banned without removing them, then every comment stays as it was",
        arguments: StoreKind.allCases)
    func banKeepingComments(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let g = try await GivenBannedMember(site)
            let before = try await site.store.exportSite()
            let ban = Ban(memberID: g.bob.id, reason: "cool off", bannedBy: g.ada.id, createdAt: at(100), until: at(200))
            #expect(try await site.moderation.ban(ban, removeComments: false, audit: Given.entry(.ban, by: g.ada)) == 0)
            let after = try await site.store.exportSite()
            #expect(after.comments == before.comments && after.posts == before.posts)
            #expect(after.moderation.commentModeration == before.moderation.commentModeration)
        }
    }

    @Test(
        "Given two instances, when one bans a member removing their comments while the other adds and deletes replies in the same threads, then every count is exact and nothing deadlocks",
        arguments: StoreKind.allCases)
    func banWhileOthersWrite(kind: StoreKind) async throws {
        try await withTwoSites(kind) { one, two async throws in
            let ada = try await one.member("ada", role: .moderator)
            let bob = try await one.member("bob")
            let cyd = try await one.member("cyd")
            let post = try await one.post(by: ada)
            var bobs: [Comment] = []
            var cyds: [Comment] = []
            for index in 0..<8 {
                let root = try await one.comment(on: post, by: bob, at: at(Double(index)))
                bobs.append(root)
                cyds.append(try await one.comment(on: post, by: cyd, replyingTo: root, at: at(Double(index) + 0.5)))
            }
            let (roots, replies) = (bobs, cyds)
            async let removed = one.moderation.ban(
                Ban(memberID: bob.id, reason: "spam", bannedBy: ada.id, createdAt: at(100), until: nil), removeComments: true,
                audit: MemberModerationFixtures.entry(.ban, by: ada, at: at(100)))
            async let written: Void = {
                for index in 0..<16 {
                    let reply = try await two.comment(on: post, by: cyd, replyingTo: roots[index % 8], at: at(200 + Double(index)))
                    _ = try await two.comment(on: post, by: bob, replyingTo: reply, at: at(300 + Double(index)))
                    if index < 8 { _ = try await two.store.deleteComment(id: replies[index].id, at: at(400)) }
                }
            }()
            let count = try await removed
            try await written
            // Every comment of Bob's that was there when the ban ran went; those after it stay.
            #expect(count >= 8)
            expectVisibleCountsExact(try await one.store.exportSite())
        }
    }

    // MARK: Mutes

    @Test(
        "Given members, when one mutes others, twice, and unmutes one, then only their own list changes",
        arguments: StoreKind.allCases)
    func mutes(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let bob = try await site.member("bob")
            let cyd = try await site.member("cyd")
            #expect(try await site.moderation.mutedMemberIDs(memberID: ada.id).isEmpty)
            try await site.moderation.setMuted(true, memberID: ada.id, target: bob.id, at: at(1))
            try await site.moderation.setMuted(true, memberID: ada.id, target: bob.id, at: at(2))
            try await site.moderation.setMuted(true, memberID: ada.id, target: cyd.id, at: at(3))
            try await site.moderation.setMuted(true, memberID: cyd.id, target: ada.id, at: at(4))
            #expect(try await site.moderation.mutedMemberIDs(memberID: ada.id) == [bob.id, cyd.id])
            try await site.moderation.setMuted(false, memberID: ada.id, target: bob.id, at: at(5))
            try await site.moderation.setMuted(false, memberID: ada.id, target: bob.id, at: at(6))
            #expect(try await site.moderation.mutedMemberIDs(memberID: ada.id) == [cyd.id])
            #expect(try await site.moderation.mutedMemberIDs(memberID: cyd.id) == [ada.id])
            #expect(try await site.moderation.mutedMemberIDs(memberID: bob.id).isEmpty)
            // The first mute's time is kept when muting again.
            let mutes = try await site.store.exportSite().moderation.mutes
            #expect(mutes.map(\.createdAt) == [at(3), at(4)])
            await #expect(throws: StoreError.missing("member")) {
                try await site.moderation.setMuted(true, memberID: ada.id, target: MemberID(999), at: at(7))
            }
        }
    }

    // MARK: The members list

    /// Members whose names and addresses test the search: wildcards taken literally, and case
    /// beyond ASCII.
    static func searchableMembers(_ site: Site) async throws -> [String: Member] {
        var members: [String: Member] = [:]
        for (email, name, role) in [
            ("ada@example.com", "Ada Lovelace", Role.owner),
            ("percent@example.com", "100% Bob", .member),
            ("under@example.com", "Cyd_Under", .moderator),
            ("plain@example.com", "Cydx Plain", .member),
            ("elodie@example.org", "Élodie Ærø", .admin),
            ("back@example.com", "Back\\slash", .member),
            ("dee@EXAMPLE.net", "Dee", .member),
        ] {
            members[name] = try await site.store.insertMember(
                NewMember(email: email.lowercased(), displayName: name, role: role, passwordHash: nil, createdAt: t0))
        }
        return members
    }

    @Test(
        "Given members, when the list is searched, then names and emails match case-insensitively and %, _ and \\ match only themselves",
        arguments: StoreKind.allCases)
    func memberSearch(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            _ = try await Self.searchableMembers(site)
            func names(_ search: String?) async throws -> [String] {
                try await site.moderation.memberList(search: search, roles: nil, after: nil, limit: 100).map(\.displayName)
            }
            #expect(try await names(nil).count == 7)
            #expect(try await names("   ").count == 7)
            #expect(try await names("LOVELACE") == ["Ada Lovelace"])
            #expect(try await names("ada  love") == ["Ada Lovelace"])
            #expect(try await names("%") == ["100% Bob"])
            #expect(try await names("_") == ["Cyd_Under"])
            #expect(try await names("cyd_") == ["Cyd_Under"])
            #expect(try await names("\\") == ["Back\\slash"])
            #expect(try await names("ÉLODIE ÆRØ") == ["Élodie Ærø"])
            #expect(try await names("EXAMPLE.ORG") == ["Élodie Ærø"])
            #expect(try await names("example.net") == ["Dee"])
            #expect(try await names("nobody").isEmpty)
        }
    }

    @Test(
        "Given members, one deleted, when the list is read by roles in pages, then pages follow id order, keep to the roles and leave the deleted out",
        arguments: StoreKind.allCases)
    func memberListRolesAndPages(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let members = try await Self.searchableMembers(site)
            let gone = try #require(members["Cydx Plain"])
            try await site.store.deleteAccount(memberID: gone.id, comments: .remove, at: at(1))

            let all = try await site.moderation.memberList(search: nil, roles: nil, after: nil, limit: 100)
            #expect(all.map(\.id) == all.map(\.id).sorted())
            #expect(!all.contains { $0.id == gone.id } && all.count == 6)
            var paged: [Member] = []
            var after: MemberID?
            for _ in 0..<10 {
                let page = try await site.moderation.memberList(search: nil, roles: nil, after: after, limit: 4)
                paged += page
                guard page.count == 4, let last = page.last else { break }
                after = last.id
            }
            #expect(paged == all)

            let staff = try await site.moderation.memberList(search: nil, roles: [.owner, .admin, .moderator], after: nil, limit: 100)
            #expect(staff.map(\.displayName) == ["Ada Lovelace", "Cyd_Under", "Élodie Ærø"])
            let cyds = try await site.moderation.memberList(search: "cyd", roles: [.member], after: nil, limit: 100)
            #expect(cyds.isEmpty)
            #expect(try await site.moderation.memberList(search: nil, roles: [], after: nil, limit: 100).isEmpty)
            #expect(try await site.moderation.memberList(search: nil, roles: nil, after: nil, limit: 0).isEmpty)
        }
    }
}
