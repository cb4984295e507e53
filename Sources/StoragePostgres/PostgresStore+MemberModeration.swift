import Domain
import Foundation
import Logging
import PostgresNIO
import Storage

extension PostgresStore {
    // MARK: Roles

    public func setRole(_ role: Role, memberID: MemberID, audit: NewAuditEntry) async throws {
        try await transaction { connection in
            let old = try await connection.rows(
                """
                SELECT role FROM members WHERE id = \(memberID.rawValue) AND deleted_at IS NULL FOR NO KEY UPDATE
                """, logger
            ).first?.decode(String.self)
            guard let old else { throw StoreError.missing("member") }
            try await connection.query(
                "UPDATE members SET role = \(role.rawValue) WHERE id = \(memberID.rawValue)", logger: logger)
            var entry = audit
            entry.subjectID = memberID
            entry.before = old
            entry.after = AuditText.role(role)
            try await Self.insertAudit(entry, connection, logger)
        }
    }

    // MARK: Bans

    /// The ban columns, in the order `decodeBan` reads them.
    static let banColumns = "member_id, reason, banned_by, created_at, until"

    static func decodeBan(_ row: PostgresRow) throws -> Ban {
        let (memberID, reason, bannedBy, createdAt, until) = try row.decode((Int64, String, Int64, Int64, Int64?).self)
        return Ban(
            memberID: MemberID(memberID), reason: reason, bannedBy: MemberID(bannedBy),
            createdAt: Date(millisecondsSince1970: createdAt), until: until.date)
    }

    public func ban(_ ban: Ban, removeComments: Bool, audit: NewAuditEntry) async throws -> Int {
        try await referringToMembers {
            try await transaction { connection in
                // The member's row first, FOR UPDATE, as `deleteAccount` takes it: their own
                // writes (which take KEY SHARE on it) wait, so no comment of theirs arrives
                // while theirs are being removed, and a deletion under way finishes first.
                let live = try await connection.rows(
                    """
                    SELECT deleted_at IS NULL FROM members WHERE id = \(ban.memberID.rawValue) FOR UPDATE
                    """, logger
                ).first?.decode(Bool.self)
                guard live == true else { throw StoreError.missing("member") }
                let replaced = try await connection.rows(
                    "SELECT \(unescaped: Self.banColumns) FROM bans WHERE member_id = \(ban.memberID.rawValue)", logger
                ).first.map(Self.decodeBan)
                try await connection.query(
                    """
                    INSERT INTO bans (member_id, reason, banned_by, created_at, until)
                    VALUES (\(ban.memberID.rawValue), \(ban.reason), \(ban.bannedBy.rawValue), \(ban.createdAt.stored),
                            \(ban.until?.stored))
                    ON CONFLICT (member_id) DO UPDATE SET reason = excluded.reason, banned_by = excluded.banned_by,
                        created_at = excluded.created_at, until = excluded.until
                    """, logger: logger)
                let removed = removeComments ? try await Self.removeCommentsOfBanned(ban, connection, logger) : 0
                // The log says what the ban replaced and what it is, with what it took.
                var entry = audit
                entry.subjectID = ban.memberID
                entry.before = replaced.map { AuditText.ban($0) } ?? ""
                entry.after = AuditText.ban(ban, removedComments: removeComments ? removed : nil)
                try await Self.insertAudit(entry, connection, logger)
                return removed
            }
        }
    }

    /// Every visible or held comment of the banned member (placeholders aside) becomes
    /// removed, with the decision `removed`; returns how many. Their threads' roots are locked
    /// first, then the posts, each in id order, as `deleteAccount` locks them. Each comment
    /// that was visible leaves the post's count and every ancestor's descendant count, summed
    /// per row first: one statement per table however many comments go.
    static func removeCommentsOfBanned(_ ban: Ban, _ connection: PostgresConnection, _ logger: Logger) async throws -> Int {
        let member = ban.memberID.rawValue
        try await connection.query(
            """
            SELECT 1 FROM comments
            WHERE id IN (SELECT root_id FROM comments
                         WHERE author_id = \(member) AND deleted_at IS NULL AND status IN ('visible', 'held'))
            ORDER BY id FOR UPDATE
            """, logger: logger)
        try await connection.query(
            """
            SELECT 1 FROM posts
            WHERE id IN (SELECT post_id FROM comments
                         WHERE author_id = \(member) AND deleted_at IS NULL AND status = 'visible')
            ORDER BY id FOR NO KEY UPDATE
            """, logger: logger)
        var ids: [Int64] = []
        var drop = CountDrop()
        for row in try await connection.rows(
            """
            SELECT id, post_id, path, status = 'visible' FROM comments
            WHERE author_id = \(member) AND deleted_at IS NULL AND status IN ('visible', 'held')
            """, logger)
        {
            let (id, postID, path, visible) = try row.decode((Int64, Int64, String, Bool).self)
            ids.append(id)
            guard visible else { continue }
            drop.add(postID: postID, path: path)
        }
        guard !ids.isEmpty else { return 0 }
        try await drop.apply(connection, logger)
        // Nobody is told of a comment that is gone; its open reports are settled by the removal.
        try await connection.query(
            """
            WITH decided AS (
                INSERT INTO comment_moderation (comment_id, decision, decided_by, decided_at, decision_reason)
                SELECT id, 'removed', \(ban.bannedBy.rawValue), \(ban.createdAt.stored), \(ban.reason)
                FROM unnest(\(ids)::bigint[]) AS removed (id)
                ON CONFLICT (comment_id) DO UPDATE SET decision = excluded.decision, decided_by = excluded.decided_by,
                    decided_at = excluded.decided_at, decision_reason = excluded.decision_reason
            ), resolved AS (
                UPDATE comment_reports SET resolved_at = \(ban.createdAt.stored)
                WHERE resolved_at IS NULL AND comment_id = ANY(\(ids))
            ), untold AS (
                DELETE FROM notifications WHERE comment_id = ANY(\(ids))
            ), unpinned AS (
                UPDATE posts SET pinned_comment_id = NULL WHERE pinned_comment_id = ANY(\(ids))
            ), logged AS (
                -- One `remove` entry per comment, with its words, as a removal one by one writes it.
                INSERT INTO audit_log (at, actor_id, action, comment_id, subject_id, post_id, reason, before, after)
                SELECT \(ban.createdAt.stored), \(ban.bannedBy.rawValue), 'remove', id, author_id, post_id, \(ban.reason), body_text, ''
                FROM comments WHERE id = ANY(\(ids)) ORDER BY id
            )
            UPDATE comments SET status = 'removed' WHERE id = ANY(\(ids))
            """, logger: logger)
        return ids.count
    }

    public func unban(memberID: MemberID, audit: NewAuditEntry) async throws -> Bool {
        try await referringToMembers {
            try await transaction { connection in
                let lifted = try await connection.rows(
                    "DELETE FROM bans WHERE member_id = \(memberID.rawValue) RETURNING \(unescaped: Self.banColumns)", logger
                ).first.map(Self.decodeBan)
                guard let lifted else { return false }
                var entry = audit
                entry.subjectID = memberID
                entry.before = AuditText.ban(lifted)
                entry.after = ""
                try await Self.insertAudit(entry, connection, logger)
                return true
            }
        }
    }

    public func ban(memberID: MemberID) async throws -> Ban? {
        try await rows("SELECT \(unescaped: Self.banColumns) FROM bans WHERE member_id = \(memberID.rawValue)")
            .first.map(Self.decodeBan)
    }

    public func bans(limit: Int) async throws -> [Ban] {
        guard limit > 0 else { return [] }
        return try await rows(
            "SELECT \(unescaped: Self.banColumns) FROM bans ORDER BY created_at DESC, member_id DESC LIMIT \(limit)"
        ).map(Self.decodeBan)
    }

    // MARK: Mutes

    public func setMuted(_ muted: Bool, memberID: MemberID, target: MemberID, at date: Date) async throws {
        if muted {
            _ = try await referringToMembers {
                try await rows(
                    """
                    INSERT INTO mutes (member_id, muted_id, created_at) VALUES (\(memberID.rawValue), \(target.rawValue),
                        \(date.stored))
                    ON CONFLICT DO NOTHING
                    """)
            }
        } else {
            _ = try await rows("DELETE FROM mutes WHERE member_id = \(memberID.rawValue) AND muted_id = \(target.rawValue)")
        }
    }

    public func mutedMemberIDs(memberID: MemberID) async throws -> Set<MemberID> {
        Set(
            try await rows("SELECT muted_id FROM mutes WHERE member_id = \(memberID.rawValue)")
                .map { MemberID(try $0.decode(Int64.self)) })
    }

    // MARK: The members page

    public func memberList(search: String?, roles: Set<Role>?, after: MemberID?, limit: Int) async throws -> [Member] {
        guard limit > 0, roles?.isEmpty != true else { return [] }
        var binds = PostgresBindings()
        binds.append(after?.rawValue ?? 0)
        var conditions = ["deleted_at IS NULL", "id > $1"]
        if let search = MemberSearch(search) {
            binds.append(search.namePattern)
            binds.append(search.emailPattern)
            conditions.append("(name_key LIKE $\(binds.count - 1) ESCAPE '\\' OR email LIKE $\(binds.count) ESCAPE '\\')")
        }
        if let roles {
            binds.append(roles.map(\.rawValue).sorted())
            conditions.append("role = ANY($\(binds.count))")
        }
        binds.append(limit)
        let sql = """
            SELECT \(Self.memberColumns) FROM members WHERE \(conditions.joined(separator: " AND ")) ORDER BY id LIMIT $\(binds.count)
            """
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: binds)).map(Self.decodeMember)
    }
}
