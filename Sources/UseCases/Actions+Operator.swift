import Domain
import Foundation
import Storage

/// What the command line's member commands do: the operator of the machine acts with an
/// owner's rights, under the same rules the dashboard keeps (a deleted member cannot be
/// changed; the last owner stays an owner and keeps their account).
extension Actions {
    /// The reason the audit log gives for a change made from the command line, which has no
    /// member behind it (the entry's actor is empty, as for the site's own actions).
    public static let commandLineReason = "command line"

    /// Members in id order (deleted accounts left out), `limit` at a time after `after`.
    public func listMembers(role: Role? = nil, after: MemberID? = nil, limit: Int = 500) async throws -> [Member] {
        try await store.memberList(search: nil, roles: role.map { [$0] }, after: after, limit: limit)
            .filter { !$0.isDeleted }
    }

    /// `parley user set-role`: gives the member with `email` the role; refuses an unknown or
    /// deleted member, and taking the last owner's role away.
    @discardableResult
    public func setRoleFromCommandLine(_ role: Role, email rawEmail: String) async throws -> Member {
        let target = try await liveMember(email: rawEmail)
        guard target.role != role else { return target }
        if target.role == .owner { try await ensureAnotherOwner(than: target) }
        do {
            try await store.setRole(
                role, memberID: target.id,
                audit: NewAuditEntry(
                    at: now, actorID: nil, action: .setRole, subjectID: target.id, reason: Self.commandLineReason,
                    before: target.role.rawValue, after: role.rawValue))
        } catch StoreError.missing {
            throw FieldError("email", .notFound)
        }
        var changed = target
        changed.role = role
        return changed
    }

    /// `parley user remove`: deletes the member's account as their own deletion does (their
    /// comments as `MailSettings.deletedAccountComments` says); the last owner cannot go.
    @discardableResult
    public func removeMemberFromCommandLine(email rawEmail: String) async throws -> Member {
        let target = try await liveMember(email: rawEmail)
        if target.role == .owner { try await ensureAnotherOwner(than: target) }
        try await store.deleteAccount(memberID: target.id, comments: mail.deletedAccountComments, at: now)
        return target
    }

    /// The member with this email, not deleted; otherwise `notFound` on `email`.
    private func liveMember(email rawEmail: String) async throws -> Member {
        let email = try EmailAddress.normalize(rawEmail)
        guard let member = try await store.member(email: email), !member.isDeleted else { throw FieldError("email", .notFound) }
        return member
    }

    /// Refuses (`lastOwner` on `email`, the flag that named them) when `owner` is the only owner left.
    private func ensureAnotherOwner(than owner: Member) async throws {
        let owners = try await store.memberList(search: nil, roles: [.owner], after: nil, limit: 2)
        guard owners.contains(where: { $0.id != owner.id && !$0.isDeleted }) else { throw FieldError("email", .lastOwner) }
    }
}
