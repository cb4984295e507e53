import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    // MARK: Roles

    public func setRole(_ role: Role, memberID: MemberID, audit: NewAuditEntry) async throws {
        try await write { db in
            let old = try db.fetchFirst("SELECT role FROM members WHERE id = ? AND deleted_at IS NULL", [memberID.rawValue]) {
                $0[0] as String
            }
            guard let old else { throw StoreError.missing("member") }
            try db.run("UPDATE members SET role = ? WHERE id = ?", [role.rawValue, memberID.rawValue])
            var entry = audit
            entry.subjectID = memberID
            entry.before = old
            entry.after = AuditText.role(role)
            try Self.insertAudit(entry, in: db)
        }
    }

    // MARK: Bans

    /// The ban columns, in the order `decodeBan` reads them.
    static let banColumns = "member_id, reason, banned_by, created_at, until"

    static func decodeBan(_ row: Row) -> Ban {
        Ban(
            memberID: MemberID(row[0]), reason: row[1], bannedBy: MemberID(row[2]), createdAt: row.date(3),
            until: row.optionalDate(4))
    }

    public func ban(_ ban: Ban, removeComments: Bool, audit: NewAuditEntry) async throws -> Int {
        try await write { db in
            guard try db.exists("SELECT 1 FROM members WHERE id = ? AND deleted_at IS NULL", [ban.memberID.rawValue]) else {
                throw StoreError.missing("member")
            }
            let replaced = try db.fetchFirst(
                "SELECT \(Self.banColumns) FROM bans WHERE member_id = ?", [ban.memberID.rawValue], Self.decodeBan)
            do {
                try db.run(
                    """
                    INSERT INTO bans (member_id, reason, banned_by, created_at, until) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (member_id) DO UPDATE SET reason = excluded.reason, banned_by = excluded.banned_by,
                        created_at = excluded.created_at, until = excluded.until
                    """,
                    [ban.memberID.rawValue, ban.reason, ban.bannedBy.rawValue, ban.createdAt.stored, ban.until?.stored])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
                throw StoreError.missing("member")
            }
            let removed =
                removeComments
                ? try Self.removeComments(of: ban.memberID, by: ban.bannedBy, at: ban.createdAt, reason: ban.reason, in: db) : 0
            // The log says what the ban replaced and what it is, with what it took.
            var entry = audit
            entry.subjectID = ban.memberID
            entry.before = replaced.map { AuditText.ban($0) } ?? ""
            entry.after = AuditText.ban(ban, removedComments: removeComments ? removed : nil)
            try Self.insertAudit(entry, in: db)
            return removed
        }
    }

    /// Every visible or held comment of the member (placeholders aside) becomes removed, with
    /// the decision `removed`; returns how many. Each one that was visible leaves the post's
    /// count and every ancestor's descendant count, summed per row first so each row is
    /// written once however many of the member's comments are under it.
    static func removeComments(
        of memberID: MemberID, by moderator: MemberID, at date: Date, reason: String, in db: Database
    ) throws -> Int {
        let theirs = try db.fetch(
            """
            SELECT id, post_id, path, status FROM comments
            WHERE author_id = ? AND deleted_at IS NULL AND status IN ('visible', 'held')
            """, [memberID.rawValue]
        ) { (id: $0[0] as Int64, postID: $0[1] as Int64, path: $0[2] as String, visible: ($0[3] as String) == "visible") }
        guard !theirs.isEmpty else { return 0 }
        var perPost: [Int64: Int] = [:]
        var perAncestor: [Int64: Int] = [:]
        for comment in theirs where comment.visible {
            perPost[comment.postID, default: 0] += 1
            for ancestor in CommentPath.ancestorIDs(ofPath: comment.path) { perAncestor[ancestor.rawValue, default: 0] += 1 }
        }
        for (postID, fewer) in perPost {
            try db.run("UPDATE posts SET comment_count = comment_count - ? WHERE id = ?", [fewer, postID])
        }
        for (ancestorID, fewer) in perAncestor {
            try db.run("UPDATE comments SET descendant_count = descendant_count - ? WHERE id = ?", [fewer, ancestorID])
        }
        for chunk in theirs.map(\.id).chunked(500) {
            let ids = StatementArguments(Array(chunk))
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            try db.execute(
                sql: """
                    INSERT INTO comment_moderation (comment_id, decision, decided_by, decided_at, decision_reason)
                    SELECT id, 'removed', ?, ?, ? FROM comments WHERE id IN (\(marks))
                    ON CONFLICT (comment_id) DO UPDATE SET decision = excluded.decision, decided_by = excluded.decided_by,
                        decided_at = excluded.decided_at, decision_reason = excluded.decision_reason
                    """, arguments: [moderator.rawValue, date.stored, reason] + ids)
            try db.execute(
                sql: "UPDATE comment_reports SET resolved_at = ? WHERE resolved_at IS NULL AND comment_id IN (\(marks))",
                arguments: [date.stored] + ids)
            // One `remove` entry per comment, with its words, as a removal one by one writes it.
            try db.execute(
                sql: """
                    INSERT INTO audit_log (at, actor_id, action, comment_id, subject_id, post_id, reason, before, after)
                    SELECT ?, ?, 'remove', id, author_id, post_id, ?, body_text, '' FROM comments WHERE id IN (\(marks)) ORDER BY id
                    """, arguments: [date.stored, moderator.rawValue, reason] + ids)
            try db.execute(sql: "UPDATE posts SET pinned_comment_id = NULL WHERE pinned_comment_id IN (\(marks))", arguments: ids)
            // Nobody is told of a comment that is gone.
            try db.execute(sql: "DELETE FROM notifications WHERE comment_id IN (\(marks))", arguments: ids)
            try db.execute(sql: "UPDATE comments SET status = 'removed' WHERE id IN (\(marks))", arguments: ids)
        }
        return theirs.count
    }

    public func unban(memberID: MemberID, audit: NewAuditEntry) async throws -> Bool {
        try await write { db in
            let lifted = try db.fetchFirst(
                "SELECT \(Self.banColumns) FROM bans WHERE member_id = ?", [memberID.rawValue], Self.decodeBan)
            guard let lifted else { return false }
            try db.run("DELETE FROM bans WHERE member_id = ?", [memberID.rawValue])
            var entry = audit
            entry.subjectID = memberID
            entry.before = AuditText.ban(lifted)
            entry.after = ""
            try Self.insertAudit(entry, in: db)
            return true
        }
    }

    public func ban(memberID: MemberID) async throws -> Ban? {
        try await read { db in
            try db.fetchFirst("SELECT \(Self.banColumns) FROM bans WHERE member_id = ?", [memberID.rawValue], Self.decodeBan)
        }
    }

    public func bans(limit: Int) async throws -> [Ban] {
        guard limit > 0 else { return [] }
        return try await read { db in
            try db.fetch(
                "SELECT \(Self.banColumns) FROM bans ORDER BY created_at DESC, member_id DESC LIMIT ?", [limit], Self.decodeBan)
        }
    }

    // MARK: Mutes

    public func setMuted(_ muted: Bool, memberID: MemberID, target: MemberID, at date: Date) async throws {
        try await write { db in
            guard muted else {
                try db.run("DELETE FROM mutes WHERE member_id = ? AND muted_id = ?", [memberID.rawValue, target.rawValue])
                return
            }
            do {
                try db.run(
                    "INSERT INTO mutes (member_id, muted_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    [memberID.rawValue, target.rawValue, date.stored])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
                throw StoreError.missing("member")
            }
        }
    }

    public func mutedMemberIDs(memberID: MemberID) async throws -> Set<MemberID> {
        try await read { db in
            Set(try db.fetch("SELECT muted_id FROM mutes WHERE member_id = ?", [memberID.rawValue]) { MemberID($0[0] as Int64) })
        }
    }

    // MARK: The members page

    public func memberList(search: String?, roles: Set<Role>?, after: MemberID?, limit: Int) async throws -> [Member] {
        guard limit > 0, roles?.isEmpty != true else { return [] }
        var conditions = ["deleted_at IS NULL", "id > ?"]
        var arguments: [DatabaseValue] = [(after?.rawValue ?? 0).databaseValue]
        if let search = MemberSearch(search) {
            conditions.append("(name_key LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\')")
            arguments += [search.namePattern.databaseValue, search.emailPattern.databaseValue]
        }
        if let roles {
            let sorted = roles.map(\.rawValue).sorted()
            conditions.append("role IN (\(Array(repeating: "?", count: sorted.count).joined(separator: ", ")))")
            arguments += sorted.map(\.databaseValue)
        }
        arguments.append(limit.databaseValue)
        let sql = """
            SELECT \(Self.memberColumns) FROM members WHERE \(conditions.joined(separator: " AND ")) ORDER BY id LIMIT ?
            """
        let bound = arguments
        return try await read { db in
            try db.fetch(sql, StatementArguments(bound)) { try Self.decodeMember($0) }
        }
    }
}
