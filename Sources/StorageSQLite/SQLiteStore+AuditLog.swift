import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    /// The audit columns, in the order `decodeAudit` reads them.
    static let auditColumns = "id, at, actor_id, action, comment_id, subject_id, post_id, reason, before, after"

    static func decodeAudit(_ row: Row) throws -> AuditEntry {
        let actionText: String = row[3]
        guard let action = AuditAction(rawValue: actionText) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unknown audit action \(actionText)")
        }
        return AuditEntry(
            id: AuditEntryID(row[0]), at: row.date(1), actorID: (row[2] as Int64?).map(MemberID.init), action: action,
            commentID: (row[4] as Int64?).map(CommentID.init), subjectID: (row[5] as Int64?).map(MemberID.init),
            postID: (row[6] as Int64?).map(PostID.init), reason: row[7], before: row[8], after: row[9])
    }

    /// Writes `entry` in the caller's transaction: a moderation write and its entry commit together.
    static func insertAudit(_ entry: NewAuditEntry, in db: Database) throws {
        do {
            try db.run(
                """
                INSERT INTO audit_log (at, actor_id, action, comment_id, subject_id, post_id, reason, before, after)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    entry.at.stored, entry.actorID?.rawValue, entry.action.rawValue, entry.commentID?.rawValue,
                    entry.subjectID?.rawValue, entry.postID?.rawValue, entry.reason, entry.before, entry.after,
                ])
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
            // The actor and the subject are the entry's only references.
            throw StoreError.missing("member")
        }
    }

    public func appendAudit(_ entry: NewAuditEntry) async throws {
        try await write { db in try Self.insertAudit(entry, in: db) }
    }

    public func auditLog(filter: AuditFilter, before: AuditEntryID?, limit: Int) async throws -> [AuditEntry] {
        guard limit > 0 else { return [] }
        // Only the filters given go into the statement, so that each is a walk of its
        // (column, id) index backwards from `before`.
        var conditions: [String] = []
        var arguments: [DatabaseValue] = []
        if let action = filter.action {
            conditions.append("action = ?")
            arguments.append(action.rawValue.databaseValue)
        }
        if let actor = filter.actorID {
            conditions.append("actor_id = ?")
            arguments.append(actor.rawValue.databaseValue)
        }
        if let subject = filter.subjectID {
            conditions.append("subject_id = ?")
            arguments.append(subject.rawValue.databaseValue)
        }
        if let before {
            conditions.append("id < ?")
            arguments.append(before.rawValue.databaseValue)
        }
        arguments.append(limit.databaseValue)
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT \(Self.auditColumns) FROM audit_log \(whereClause) ORDER BY id DESC LIMIT ?"
        let bound = arguments
        return try await read { db in
            try db.fetch(sql, StatementArguments(bound), Self.decodeAudit)
        }
    }
}
