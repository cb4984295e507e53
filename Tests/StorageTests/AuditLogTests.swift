import Domain
import Foundation
import Storage
import Testing

private typealias Given = MemberModerationFixtures

@Suite("Moderation: the audit log")
struct AuditLogTests {
    @Test(
        "Given entries appended, when the log is read, then each comes back whole, newest first",
        arguments: StoreKind.allCases)
    func appendAndRead(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .moderator)
            let bob = try await site.member("bob")
            let post = try await site.post(by: ada)
            let comment = try await site.comment(on: post, by: bob)
            let full = Given.entry(
                .approve, by: ada, at: at(1), comment: comment, subject: bob, post: post, reason: "fine",
                before: "held", after: "visible")
            try await site.moderation.appendAudit(full)
            // The site itself acts too (a hold by reports), with no actor.
            try await site.moderation.appendAudit(Given.entry(.hold, by: nil, at: at(2), comment: comment, subject: bob))
            let log = try await site.moderation.auditLog(filter: AuditFilter(), before: nil, limit: 10)
            #expect(log.map(\.action) == [.hold, .approve])
            #expect(log[0].actorID == nil && log[0].id > log[1].id)
            let entry = log[1]
            #expect(entry.at == at(1) && entry.actorID == ada.id && entry.commentID == comment.id)
            #expect(entry.subjectID == bob.id && entry.postID == post.id)
            #expect(entry.reason == "fine" && entry.before == "held" && entry.after == "visible")
        }
    }

    @Test(
        "Given a log of many actions by two moderators about two members, when read by action, actor and subject in pages, then each page holds only its matches, newest first, and the pages meet",
        arguments: StoreKind.allCases)
    func filtersAndPages(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .moderator)
            let eve = try await site.member("eve", role: .admin)
            let bob = try await site.member("bob")
            let cyd = try await site.member("cyd")
            // Every action, by turns of actor and subject.
            var written: [(action: AuditAction, actor: Member, subject: Member)] = []
            for (index, action) in (AuditAction.allCases + AuditAction.allCases).enumerated() {
                let actor = index % 2 == 0 ? ada : eve
                let subject = index % 3 == 0 ? bob : cyd
                try await site.moderation.appendAudit(
                    Given.entry(action, by: actor, at: at(Double(index)), subject: subject, reason: "\(index)"))
                written.append((action, actor, subject))
            }
            func pages(_ filter: AuditFilter, size: Int) async throws -> [AuditEntry] {
                var all: [AuditEntry] = []
                var before: AuditEntryID?
                for _ in 0..<100 {
                    let page = try await site.moderation.auditLog(filter: filter, before: before, limit: size)
                    all += page
                    guard page.count == size, let last = page.last else { return all }
                    before = last.id
                }
                Issue.record("paging never reached the end")
                return all
            }
            func expected(_ keep: (AuditAction, Member, Member) -> Bool) -> [String] {
                written.enumerated().filter { keep($0.element.action, $0.element.actor, $0.element.subject) }
                    .map { "\($0.offset)" }.reversed()
            }
            #expect(try await pages(AuditFilter(), size: 5).map(\.reason) == expected { _, _, _ in true })
            #expect(try await pages(AuditFilter(action: .ban), size: 1).map(\.reason) == expected { a, _, _ in a == .ban })
            #expect(try await pages(AuditFilter(actorID: eve.id), size: 3).map(\.reason) == expected { _, m, _ in m == eve })
            #expect(try await pages(AuditFilter(subjectID: bob.id), size: 2).map(\.reason) == expected { _, _, s in s == bob })
            #expect(
                try await pages(AuditFilter(action: .setRole, actorID: ada.id, subjectID: cyd.id), size: 2).map(\.reason)
                    == expected { a, m, s in a == .setRole && m == ada && s == cyd })
            #expect(try await site.moderation.auditLog(filter: AuditFilter(), before: nil, limit: 0).isEmpty)
            #expect(try await site.moderation.auditLog(filter: AuditFilter(), before: AuditEntryID(1), limit: 10).isEmpty)
        }
    }

    @Test(
        "Given an entry naming an unknown member, when appended, then it is refused as missing",
        arguments: StoreKind.allCases)
    func unknownMember(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .moderator)
            let nobody = Member(id: MemberID(999), email: "x@example.com", displayName: "X", role: .member, createdAt: t0)
            await #expect(throws: StoreError.missing("member")) {
                try await site.moderation.appendAudit(Given.entry(.ban, by: nobody))
            }
            await #expect(throws: StoreError.missing("member")) {
                try await site.moderation.appendAudit(Given.entry(.ban, by: ada, subject: nobody))
            }
            #expect(try await site.moderation.auditLog(filter: AuditFilter(), before: nil, limit: 10).isEmpty)
        }
    }
}
