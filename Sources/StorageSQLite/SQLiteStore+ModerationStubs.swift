import Domain
import Foundation
import Storage

// Stubs of the moderation ports until they are built (issue 9, in progress): the contract
// compiles, every call fails. Delete a stub as its method is implemented.

extension SQLiteStore {
    public func setRole(_ role: Role, memberID: MemberID, audit: NewAuditEntry) async throws {
        throw ModerationNotBuilt()
    }

    public func ban(_ ban: Ban, removeComments: Bool, audit: NewAuditEntry) async throws -> Int {
        throw ModerationNotBuilt()
    }

    public func unban(memberID: MemberID, audit: NewAuditEntry) async throws -> Bool {
        throw ModerationNotBuilt()
    }

    public func ban(memberID: MemberID) async throws -> Ban? {
        throw ModerationNotBuilt()
    }

    public func bans(limit: Int) async throws -> [Ban] {
        throw ModerationNotBuilt()
    }

    public func setMuted(_ muted: Bool, memberID: MemberID, target: MemberID, at: Date) async throws {
        throw ModerationNotBuilt()
    }

    public func mutedMemberIDs(memberID: MemberID) async throws -> Set<MemberID> {
        throw ModerationNotBuilt()
    }

    public func memberList(search: String?, roles: Set<Role>?, after: MemberID?, limit: Int) async throws -> [Member] {
        throw ModerationNotBuilt()
    }

    public func moderationSettings() async throws -> ModerationSettings {
        throw ModerationNotBuilt()
    }

    public func updateModerationSettings(_ settings: ModerationSettings, audit: NewAuditEntry) async throws {
        throw ModerationNotBuilt()
    }

    public func setDiscussion(_ setting: DiscussionSetting, autoCloseDays: Int?, postID: PostID, audit: NewAuditEntry) async throws {
        throw ModerationNotBuilt()
    }

    public func appendAudit(_ entry: NewAuditEntry) async throws {
        throw ModerationNotBuilt()
    }

    public func auditLog(filter: AuditFilter, before: AuditEntryID?, limit: Int) async throws -> [AuditEntry] {
        throw ModerationNotBuilt()
    }
}
