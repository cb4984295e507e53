import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    /// The member columns, in the order `decodeMember` reads them.
    static let memberColumns = """
        members.id, members.email, members.display_name, members.bio, members.role, members.created_at, \
        members.notify_replies, members.notify_mentions, members.avatar_version, members.deleted_at, members.kind, \
        members.website
        """
    /// How many columns `memberColumns` lists: where a query's own columns start after them.
    static let memberColumnCount = 12

    static func decodeMember(_ row: Row) throws -> Member {
        let roleText: String = row[4]
        guard let role = Role(rawValue: roleText) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unknown role \(roleText)")
        }
        let kindText: String = row[10]
        guard let kind = MemberKind(rawValue: kindText) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unknown member kind \(kindText)")
        }
        return Member(
            id: MemberID(row[0]), email: row[1], displayName: row[2], bio: row[3],
            role: role, createdAt: row.date(5), notifyReplies: row[6], notifyMentions: row[7],
            avatarVersion: row[8], deletedAt: row.optionalDate(9), kind: kind, website: row[11])
    }

    public func insertMember(_ new: NewMember) async throws -> Member {
        try await write { db in
            try db.run(
                """
                INSERT INTO members (email, display_name, name_key, bio, role, password_hash, created_at, kind, website,
                                     notify_replies, notify_mentions)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    new.email, new.displayName, NameKey.of(new.displayName), new.bio, new.role.rawValue, new.passwordHash,
                    new.createdAt.stored, new.kind.rawValue, new.website, new.kind == .account, new.kind == .account,
                ])
            return Member(
                id: MemberID(db.lastInsertedRowID), email: new.email, displayName: new.displayName, bio: new.bio,
                role: new.role, createdAt: new.createdAt.truncatedToMilliseconds, notifyReplies: new.kind == .account,
                notifyMentions: new.kind == .account, kind: new.kind, website: new.website)
        }
    }

    public func member(id: MemberID) async throws -> Member? {
        try await read { db in
            try db.fetchFirst("SELECT \(Self.memberColumns) FROM members WHERE id = ?", [id.rawValue]) {
                try Self.decodeMember($0)
            }
        }
    }

    public func member(email: String) async throws -> Member? {
        try await read { db in
            try db.fetchFirst("SELECT \(Self.memberColumns) FROM members WHERE email = ?", [email]) {
                try Self.decodeMember($0)
            }
        }
    }

    public func members(ids: Set<MemberID>) async throws -> [MemberID: Member] {
        guard !ids.isEmpty else { return [:] }
        return try await read { db in
            var found: [MemberID: Member] = [:]
            // In slices, to stay far below SQLite's limit on bound parameters.
            for chunk in Array(ids).chunked(500) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                let members = try db.fetch(
                    "SELECT \(Self.memberColumns) FROM members WHERE id IN (\(marks))",
                    StatementArguments(chunk.map(\.rawValue))
                ) { try Self.decodeMember($0) }
                for member in members { found[member.id] = member }
            }
            return found
        }
    }

    public func passwordHash(memberID: MemberID) async throws -> String? {
        try await read { db in
            try db.fetchFirst("SELECT password_hash FROM members WHERE id = ?", [memberID.rawValue]) { $0[0] as String? } ?? nil
        }
    }

    public func memberCount() async throws -> Int {
        try await read { db in
            try db.fetchFirst("SELECT COUNT(*) FROM members") { $0[0] as Int } ?? 0
        }
    }

    // MARK: Sessions

    public func insertSession(tokenHash: String, memberID: MemberID, createdAt: Date, expiresAt: Date) async throws {
        try await write { db in
            do {
                try db.run(
                    "INSERT INTO sessions (token_hash, member_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                    [tokenHash, memberID.rawValue, createdAt.stored, expiresAt.stored])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
                throw StoreError.missing("member")
            }
        }
    }

    public func member(sessionTokenHash: String, now: Date) async throws -> Member? {
        try await read { db in
            try db.fetchFirst(
                """
                SELECT \(Self.memberColumns) FROM sessions JOIN members ON members.id = sessions.member_id
                WHERE sessions.token_hash = ? AND sessions.expires_at > ?
                """, [sessionTokenHash, now.stored]
            ) { try Self.decodeMember($0) }
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await write { db in
            _ = try db.run("DELETE FROM sessions WHERE token_hash = ?", [tokenHash])
        }
    }

    public func deleteSessions(memberID: MemberID, keeping tokenHash: String?) async throws {
        try await write { db in
            _ = try db.run("DELETE FROM sessions WHERE member_id = ? AND token_hash <> ?", [memberID.rawValue, tokenHash ?? ""])
        }
    }
}

extension Array {
    /// The array cut into consecutive slices of at most `size` elements.
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
