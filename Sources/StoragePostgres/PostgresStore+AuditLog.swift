import Domain
import Foundation
import Logging
import PostgresNIO
import Storage

extension PostgresStore {
    /// The audit columns, in the order `decodeAudit` reads them.
    static let auditColumns = "id, at, actor_id, action, comment_id, subject_id, post_id, reason, before, after"

    /// An audit action the schema's CHECK should have kept out of the table.
    struct UnknownAuditActionError: Error, CustomStringConvertible {
        let description: String
    }

    static func decodeAudit(_ row: PostgresRow) throws -> AuditEntry {
        let (id, at, actorID, actionText, commentID, subjectID, postID, reason, before, after) = try row.decode(
            (Int64, Int64, Int64?, String, Int64?, Int64?, Int64?, String, String, String).self)
        guard let action = AuditAction(rawValue: actionText) else {
            throw UnknownAuditActionError(description: "unknown audit action \(actionText)")
        }
        return AuditEntry(
            id: AuditEntryID(id), at: Date(millisecondsSince1970: at), actorID: actorID.map(MemberID.init), action: action,
            commentID: commentID.map(CommentID.init), subjectID: subjectID.map(MemberID.init), postID: postID.map(PostID.init),
            reason: reason, before: before, after: after)
    }

    /// Writes `entry` on the caller's connection, in its transaction: a moderation write and
    /// its entry commit together.
    /// The actor and the subject are its only references: a missing one is a missing member.
    static func insertAudit(_ entry: NewAuditEntry, _ connection: PostgresConnection, _ logger: Logger) async throws {
        do {
            try await insertAuditRow(entry, connection, logger)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23503" {
            throw StoreError.missing("member")
        }
    }

    static func insertAuditRow(_ entry: NewAuditEntry, _ connection: PostgresConnection, _ logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO audit_log (at, actor_id, action, comment_id, subject_id, post_id, reason, before, after)
            VALUES (\(entry.at.stored), \(entry.actorID?.rawValue), \(entry.action.rawValue), \(entry.commentID?.rawValue),
                    \(entry.subjectID?.rawValue), \(entry.postID?.rawValue), \(entry.reason), \(entry.before), \(entry.after))
            """, logger: logger)
    }

    /// Runs a write whose only references are members, naming what a failed reference misses.
    func referringToMembers<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch StoreError.missing {
            throw StoreError.missing("member")
        }
    }

    public func appendAudit(_ entry: NewAuditEntry) async throws {
        try await referringToMembers {
            try await withConnection { connection in try await Self.insertAudit(entry, connection, logger) }
        }
    }

    public func auditLog(filter: AuditFilter, before: AuditEntryID?, limit: Int) async throws -> [AuditEntry] {
        guard limit > 0 else { return [] }
        // Only the filters given go into the statement, so that each is a walk of its
        // (column, id) index backwards from `before`.
        var binds = PostgresBindings()
        var conditions: [String] = []
        if let action = filter.action {
            binds.append(action.rawValue)
            conditions.append("action = $\(binds.count)")
        }
        if let actor = filter.actorID {
            binds.append(actor.rawValue)
            conditions.append("actor_id = $\(binds.count)")
        }
        if let subject = filter.subjectID {
            binds.append(subject.rawValue)
            conditions.append("subject_id = $\(binds.count)")
        }
        if let before {
            binds.append(before.rawValue)
            conditions.append("id < $\(binds.count)")
        }
        binds.append(limit)
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT \(Self.auditColumns) FROM audit_log \(whereClause) ORDER BY id DESC LIMIT $\(binds.count)"
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: binds)).map(Self.decodeAudit)
    }
}
