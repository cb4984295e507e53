import Domain
import Foundation
import GRDB
import Storage

// What a member changes about themselves: name and bio, password, mail switches, avatar;
// and how @mentions find them by name.
extension SQLiteStore {
    public func members(nameKeys: Set<String>) async throws -> [Member] {
        guard !nameKeys.isEmpty else { return [] }
        return try await read { db in
            var found: [Member] = []
            // In slices, to stay far below SQLite's limit on bound parameters.
            for chunk in Array(nameKeys).chunked(500) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                found += try db.fetch(
                    """
                    SELECT \(Self.memberColumns) FROM members WHERE name_key IN (\(marks)) AND deleted_at IS NULL
                    """, StatementArguments(chunk)
                ) { try Self.decodeMember($0) }
            }
            return found.sorted { $0.id < $1.id }
        }
    }

    public func updateProfile(memberID: MemberID, displayName: String, bio: String) async throws {
        try await write { db in
            // The key is written with the name, so a mention finds the name now shown.
            let changed = try db.run(
                "UPDATE members SET display_name = ?, name_key = ?, bio = ? WHERE id = ?",
                [displayName, NameKey.of(displayName), bio, memberID.rawValue])
            guard changed == 1 else { throw StoreError.missing("member") }
        }
    }

    public func setPasswordHash(_ hash: String?, memberID: MemberID) async throws {
        try await write { db in
            let changed = try db.run("UPDATE members SET password_hash = ? WHERE id = ?", [hash, memberID.rawValue])
            guard changed == 1 else { throw StoreError.missing("member") }
        }
    }

    public func setNotificationSwitches(memberID: MemberID, replies: Bool, mentions: Bool) async throws {
        try await write { db in
            let changed = try db.run(
                "UPDATE members SET notify_replies = ?, notify_mentions = ? WHERE id = ?",
                [replies, mentions, memberID.rawValue])
            guard changed == 1 else { throw StoreError.missing("member") }
        }
    }

    public func setAvatar(_ avatar: AvatarImage?, memberID: MemberID) async throws {
        try await write { db in
            // The version on the member row and the bytes change together: a page never links
            // to a version that is not stored.
            let changed = try db.run("UPDATE members SET avatar_version = ? WHERE id = ?", [avatar?.version, memberID.rawValue])
            guard changed == 1 else { throw StoreError.missing("member") }
            guard let avatar else {
                try db.run("DELETE FROM avatars WHERE member_id = ?", [memberID.rawValue])
                return
            }
            try db.run(
                """
                INSERT INTO avatars (member_id, content_type, bytes, version, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (member_id) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes,
                    version = excluded.version, updated_at = excluded.updated_at
                """, [memberID.rawValue, avatar.contentType, avatar.bytes, avatar.version, avatar.updatedAt.stored])
        }
    }

    public func avatar(memberID: MemberID) async throws -> AvatarImage? {
        try await read { db in
            try db.fetchFirst(
                "SELECT content_type, bytes, version, updated_at FROM avatars WHERE member_id = ?",
                [memberID.rawValue]
            ) {
                AvatarImage(contentType: $0[0], bytes: $0[1], version: $0[2], updatedAt: $0.date(3))
            }
        }
    }
}
