import Domain
import Foundation
import PostgresNIO
import Storage

/// What a member changes about themselves: name and bio, password, mail switches, avatar; and
/// how @mentions find them.
extension PostgresStore {
    public func members(nameKeys: Set<String>) async throws -> [Member] {
        guard !nameKeys.isEmpty else { return [] }
        // One array parameter, however many names a comment mentions; each an entry of members_name_key.
        return try await rows(
            """
            SELECT \(unescaped: Self.memberColumns) FROM members
            WHERE name_key = ANY(\(Array(nameKeys))) AND deleted_at IS NULL
            ORDER BY id
            """
        ).map(Self.decodeMember)
    }

    public func updateProfile(memberID: MemberID, displayName: String, bio: String) async throws {
        // The key is written with the name, so a mention finds the name as it now is.
        try await updateMember(
            memberID,
            """
            UPDATE members SET display_name = \(displayName), name_key = \(NameKey.of(displayName)), bio = \(bio)
            WHERE id = \(memberID.rawValue)
            RETURNING id
            """)
    }

    public func setPasswordHash(_ hash: String?, memberID: MemberID) async throws {
        try await updateMember(
            memberID,
            """
            UPDATE members SET password_hash = \(hash) WHERE id = \(memberID.rawValue) RETURNING id
            """)
    }

    public func setNotificationSwitches(memberID: MemberID, replies: Bool, mentions: Bool) async throws {
        try await updateMember(
            memberID,
            """
            UPDATE members SET notify_replies = \(replies), notify_mentions = \(mentions)
            WHERE id = \(memberID.rawValue)
            RETURNING id
            """)
    }

    /// Runs an UPDATE of one member that returns its id; throws `StoreError.missing("member")`
    /// when there is no such member, rather than changing nothing without a word.
    func updateMember(_ memberID: MemberID, _ update: PostgresQuery) async throws {
        guard try await rows(update).count == 1 else { throw StoreError.missing("member") }
    }

    public func setAvatar(_ avatar: AvatarImage?, memberID: MemberID) async throws {
        // One statement, so one transaction: the bytes and the version on the member (which the
        // avatar's URL is made from) always agree. An unknown member updates no row, and then
        // no avatar is inserted either.
        let changed: [PostgresRow]
        if let avatar {
            changed = try await rows(
                """
                WITH member AS (
                    UPDATE members SET avatar_version = \(avatar.version) WHERE id = \(memberID.rawValue) RETURNING id
                )
                INSERT INTO avatars (member_id, content_type, bytes, version, updated_at)
                SELECT id, \(avatar.contentType), \(avatar.bytes), \(avatar.version), \(avatar.updatedAt.stored) FROM member
                ON CONFLICT (member_id) DO UPDATE
                SET content_type = excluded.content_type, bytes = excluded.bytes, version = excluded.version,
                    updated_at = excluded.updated_at
                RETURNING member_id
                """)
        } else {
            changed = try await rows(
                """
                WITH gone AS (DELETE FROM avatars WHERE member_id = \(memberID.rawValue))
                UPDATE members SET avatar_version = NULL WHERE id = \(memberID.rawValue) RETURNING id
                """)
        }
        guard changed.count == 1 else { throw StoreError.missing("member") }
    }

    public func avatar(memberID: MemberID) async throws -> AvatarImage? {
        guard
            let row = try await rows(
                """
                SELECT content_type, bytes, version, updated_at FROM avatars WHERE member_id = \(memberID.rawValue)
                """
            ).first
        else { return nil }
        let (contentType, bytes, version, updatedAt) = try row.decode((String, Data, String, Int64).self)
        return AvatarImage(
            contentType: contentType, bytes: bytes, version: version,
            updatedAt: Date(millisecondsSince1970: updatedAt))
    }
}
