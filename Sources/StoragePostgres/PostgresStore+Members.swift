import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// The member columns, in the order `decodeMember` reads them.
    static let memberColumns = """
        members.id, members.email, members.display_name, members.bio, members.role, members.created_at, \
        members.notify_replies, members.notify_mentions, members.avatar_version, members.deleted_at, members.kind, \
        members.website
        """

    /// How many columns `memberColumns` lists: a row may carry more after them.
    static let memberColumnCount = 12

    /// A role the schema's CHECK should have kept out of the table.
    struct UnknownRoleError: Error, CustomStringConvertible {
        let description: String
    }

    static func decodeMember(_ row: PostgresRow) throws -> Member {
        let (id, email, displayName, bio, roleText, createdAt, notifyReplies, notifyMentions, avatarVersion, deletedAt, kindText, website) =
            try row.decode((Int64, String, String, String, String, Int64, Bool, Bool, String?, Int64?, String, String?).self)
        guard let role = Role(rawValue: roleText) else { throw UnknownRoleError(description: "unknown role \(roleText)") }
        guard let kind = MemberKind(rawValue: kindText) else {
            throw UnknownRoleError(description: "unknown member kind \(kindText)")
        }
        return Member(
            id: MemberID(id), email: email, displayName: displayName, bio: bio, role: role,
            createdAt: Date(millisecondsSince1970: createdAt), notifyReplies: notifyReplies,
            notifyMentions: notifyMentions, avatarVersion: avatarVersion, deletedAt: deletedAt.date, kind: kind,
            website: website)
    }

    public func insertMember(_ new: NewMember) async throws -> Member {
        let id = try await rows(
            """
            INSERT INTO members (email, display_name, name_key, bio, role, password_hash, created_at, kind, website,
                                 notify_replies, notify_mentions)
            VALUES (\(new.email), \(new.displayName), \(NameKey.of(new.displayName)), \(new.bio), \(new.role.rawValue),
                    \(new.passwordHash), \(new.createdAt.stored), \(new.kind.rawValue), \(new.website),
                    \(new.kind == .account), \(new.kind == .account))
            RETURNING id
            """)[0].decode(Int64.self)
        return Member(
            id: MemberID(id), email: new.email, displayName: new.displayName, bio: new.bio, role: new.role,
            createdAt: new.createdAt.truncatedToMilliseconds, notifyReplies: new.kind == .account,
            notifyMentions: new.kind == .account, kind: new.kind, website: new.website)
    }

    public func member(id: MemberID) async throws -> Member? {
        try await rows("SELECT \(unescaped: Self.memberColumns) FROM members WHERE id = \(id.rawValue)")
            .first.map(Self.decodeMember)
    }

    public func member(email: String) async throws -> Member? {
        try await rows("SELECT \(unescaped: Self.memberColumns) FROM members WHERE email = \(email)")
            .first.map(Self.decodeMember)
    }

    public func members(ids: Set<MemberID>) async throws -> [MemberID: Member] {
        guard !ids.isEmpty else { return [:] }
        // One array parameter, however many authors a page shows.
        let members = try await rows(
            """
            SELECT \(unescaped: Self.memberColumns) FROM members WHERE id = ANY(\(ids.map(\.rawValue)))
            """
        ).map(Self.decodeMember)
        return Dictionary(uniqueKeysWithValues: members.map { ($0.id, $0) })
    }

    public func passwordHash(memberID: MemberID) async throws -> String? {
        try await rows("SELECT password_hash FROM members WHERE id = \(memberID.rawValue)").first?.decode(String?.self) ?? nil
    }

    public func memberCount() async throws -> Int {
        try await rows("SELECT COUNT(*) FROM members")[0].decode(Int.self)
    }

    // MARK: Sessions

    public func insertSession(tokenHash: String, memberID: MemberID, createdAt: Date, expiresAt: Date) async throws {
        // An unknown member fails on sessions_member_id_fkey, a taken hash on the primary key;
        // `storeError` names both.
        _ = try await rows(
            """
            INSERT INTO sessions (token_hash, member_id, created_at, expires_at)
            VALUES (\(tokenHash), \(memberID.rawValue), \(createdAt.stored), \(expiresAt.stored))
            """)
    }

    public func member(sessionTokenHash: String, now: Date) async throws -> Member? {
        try await rows(
            """
            SELECT \(unescaped: Self.memberColumns) FROM sessions JOIN members ON members.id = sessions.member_id
            WHERE sessions.token_hash = \(sessionTokenHash) AND sessions.expires_at > \(now.stored)
            """
        ).first.map(Self.decodeMember)
    }

    public func deleteSession(tokenHash: String) async throws {
        _ = try await rows("DELETE FROM sessions WHERE token_hash = \(tokenHash)")
    }

    public func deleteSessions(memberID: MemberID, keeping tokenHash: String?) async throws {
        _ = try await rows("DELETE FROM sessions WHERE member_id = \(memberID.rawValue) AND token_hash <> \(tokenHash ?? "")")
    }
}
