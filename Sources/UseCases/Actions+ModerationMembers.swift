import Domain
import Foundation
import Storage

extension Actions {
    /// Bans a member until `until` (nil: for good), optionally removing all their comments;
    /// returns how many comments were removed. Staff cannot be banned (change their role first),
    /// nor can anyone ban themselves.
    public func banMember(id: MemberID, reason: String, until: Date?, removeComments: Bool, by viewer: Member?) async throws -> Int {
        let staff = try requireStaff(viewer, field: "member")
        let why = try Self.moderationReason(reason)
        guard let target = try await store.member(id: id), !target.isDeleted else { throw FieldError("member", .notFound) }
        guard target.id != staff.id, !target.role.isStaff else { throw FieldError("member", .notAllowed) }
        let at = now
        if let until, until <= at { throw FieldError("until", .invalidChoice) }
        do {
            return try await store.ban(
                Ban(memberID: target.id, reason: why, bannedBy: staff.id, createdAt: at, until: until), removeComments: removeComments,
                audit: NewAuditEntry(
                    at: at, actorID: staff.id, action: .ban, subjectID: target.id, reason: why,
                    after: until.map { "until \(Self.auditTime($0))" } ?? "for good"))
        } catch StoreError.missing {
            throw FieldError("member", .notFound)
        }
    }

    /// Lifts a member's ban; lifting a ban that is not there changes nothing.
    public func unbanMember(id: MemberID, by viewer: Member?) async throws {
        let staff = try requireStaff(viewer, field: "member")
        guard try await store.member(id: id) != nil else { throw FieldError("member", .notFound) }
        _ = try await store.unban(memberID: id, audit: NewAuditEntry(at: now, actorID: staff.id, action: .unban, subjectID: id))
    }

    /// Gives a member a role. Owners and admins may; only an owner makes or unmakes an owner or
    /// an admin; the last owner stays an owner, so a site always has one.
    public func setRole(_ role: Role, memberID: MemberID, by viewer: Member?) async throws {
        let admin = try requireAdmin(viewer, field: "role")
        guard let target = try await store.member(id: memberID), !target.isDeleted else { throw FieldError("member", .notFound) }
        guard target.role != role else { return }
        let senior: Set<Role> = [.owner, .admin]
        if senior.contains(role) || senior.contains(target.role) {
            guard admin.role == .owner else { throw FieldError("role", .notAllowed) }
        }
        if target.role == .owner {
            let owners = try await store.memberList(search: nil, roles: [.owner], after: nil, limit: 2)
            guard owners.count > 1 else { throw FieldError("role", .lastOwner) }
        }
        do {
            try await store.setRole(
                role, memberID: target.id,
                audit: NewAuditEntry(
                    at: now, actorID: admin.id, action: .setRole, subjectID: target.id, before: target.role.rawValue, after: role.rawValue))
        } catch StoreError.missing {
            throw FieldError("member", .notFound)
        }
    }

    /// Mutes another member (their comments collapsed for the viewer only), or unmutes them.
    public func setMuted(_ muted: Bool, target: MemberID, by viewer: Member?) async throws {
        guard let viewer else { throw FieldError("member", .signInRequired) }
        guard target != viewer.id else { throw FieldError("member", .notAllowed) }
        guard let other = try await store.member(id: target), !other.isDeleted else { throw FieldError("member", .notFound) }
        try await store.setMuted(muted, memberID: viewer.id, target: other.id, at: now)
    }

    /// A time as the audit log writes it in its before/after texts: ISO 8601, UTC.
    static func auditTime(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
