import Domain
import Foundation
import Storage
import Testing
import UseCases

/// What `parley user list|set-role|remove` do, through the use cases they call, on the engine
/// the suite runs on: an owner's rights, with the dashboard's rules.
@Suite("The command line's member commands keep the dashboard's rules")
struct OperatorMemberTests {
    @Test("list shows every member in id order, filtered by role, without deleted accounts")
    func list() async throws {
        let site = try await TestSite()
        let moderator = try await site.member("Maud", role: .moderator)
        let gone = try await site.member("Gone")
        try await site.actions.deleteAccount(confirmEmail: gone.email, by: gone)
        let everyone = try await site.actions.listMembers()
        #expect(everyone.map(\.id) == [site.owner.id, site.reader.id, moderator.id])
        #expect(try await site.actions.listMembers(role: .moderator).map(\.id) == [moderator.id])
        #expect(try await site.actions.listMembers(after: site.owner.id, limit: 1).map(\.id) == [site.reader.id])
    }

    @Test("set-role changes a role and writes the audit log; an unknown member and the last owner are refused")
    func setRole() async throws {
        let site = try await TestSite()
        // When the reader is made an admin
        let changed = try await site.actions.setRoleFromCommandLine(.admin, email: " Reader@Example.com ")
        #expect(changed.role == .admin)
        #expect(try await site.store.member(id: site.reader.id)?.role == .admin)
        let entry = try #require(try await site.store.auditLog(filter: AuditFilter(), before: nil, limit: 5).first)
        #expect(entry.action == .setRole && entry.actorID == nil && entry.reason == Actions.commandLineReason)
        #expect(entry.subjectID == site.reader.id && entry.before == "member" && entry.after == "admin")
        // Then the last owner cannot stop being one
        await #expect(throws: FieldError("email", .lastOwner)) {
            try await site.actions.setRoleFromCommandLine(.member, email: site.owner.email)
        }
        #expect(try await site.store.member(id: site.owner.id)?.role == .owner)
        await #expect(throws: FieldError("email", .notFound)) {
            try await site.actions.setRoleFromCommandLine(.admin, email: "nobody@example.com")
        }
        await #expect(throws: FieldError("email", .invalidEmail)) {
            try await site.actions.setRoleFromCommandLine(.admin, email: "not an address")
        }
        // But once there is a second owner, the first may step down
        try await site.actions.setRoleFromCommandLine(.owner, email: site.reader.email)
        try await site.actions.setRoleFromCommandLine(.admin, email: site.owner.email)
        #expect(try await site.store.member(id: site.owner.id)?.role == .admin)
    }

    @Test("remove deletes an account as its owner would; the last owner cannot be removed")
    func remove() async throws {
        let site = try await TestSite()
        try await site.comment("A comment to go", by: site.reader)
        await #expect(throws: FieldError("email", .lastOwner)) {
            try await site.actions.removeMemberFromCommandLine(email: site.owner.email)
        }
        #expect(try await site.store.member(id: site.owner.id)?.isDeleted == false)
        let removed = try await site.actions.removeMemberFromCommandLine(email: site.reader.email)
        #expect(removed.id == site.reader.id)
        #expect(try await site.store.member(id: site.reader.id)?.isDeleted == true)
        #expect(try await site.fresh(site.post).commentCount == 0)
        await #expect(throws: FieldError("email", .notFound)) {
            try await site.actions.removeMemberFromCommandLine(email: site.reader.email)
        }
    }
}
