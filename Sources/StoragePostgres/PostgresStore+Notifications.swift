import Domain
import Foundation
import Logging
import PostgresNIO
import Storage

/// Notifications: written with the comment that causes them, read and completed by the digester.
extension PostgresStore {
    /// The notification columns, in the order `decodeNotification` reads them.
    static let notificationColumns = "id, recipient_id, kind, comment_id, post_id, created_at, due_at"

    struct UnknownNotificationKind: Error, CustomStringConvertible {
        var kind: String
        var description: String { "unknown notification kind \(kind)" }
    }

    static func decodeNotification(_ row: PostgresRow) throws -> PendingNotification {
        let (id, recipientID, kindText, commentID, postID, createdAt, dueAt) = try row.decode(
            (Int64, Int64, String, Int64, Int64, Int64, Int64).self)
        guard let kind = NotificationKind(rawValue: kindText) else { throw UnknownNotificationKind(kind: kindText) }
        return PendingNotification(
            id: NotificationID(id), recipientID: MemberID(recipientID), kind: kind,
            commentID: CommentID(commentID), postID: PostID(postID),
            createdAt: Date(millisecondsSince1970: createdAt),
            dueAt: Date(millisecondsSince1970: dueAt))
    }

    /// Writes the rows `notices` calls for about the comment just inserted, inside the comment's
    /// transaction (see `CommentNotices`): a reply row for `repliedTo` (the live parent's author),
    /// mention rows, and follow rows for the post's followers.
    ///
    /// One INSERT ... SELECT, whoever is told: each candidate comes with a rank (reply before
    /// mention before follow) and `DISTINCT ON` keeps each member's best one, so nobody gets two
    /// rows. ON CONFLICT is a guard only: the comment is new, so no other row can name it yet.
    static func insertNotifications(
        for comment: Comment, repliedTo: MemberID?, _ notices: CommentNotices,
        _ connection: PostgresConnection, _ logger: Logger
    ) async throws {
        let created = comment.createdAt.stored
        let replyDue = notices.replyDueAt.stored, followDue = notices.followDueAt.stored
        try await connection.query(
            """
            INSERT INTO notifications (recipient_id, kind, comment_id, post_id, created_at, due_at)
            SELECT DISTINCT ON (told.recipient_id)
                   told.recipient_id, told.kind, \(comment.id.rawValue), \(comment.postID.rawValue), \(created), told.due_at
            FROM (
                SELECT id AS recipient_id, 'reply' AS kind, 0 AS rank, \(replyDue)::BIGINT AS due_at FROM members
                WHERE id = \(repliedTo?.rawValue) AND deleted_at IS NULL AND notify_replies
                UNION ALL
                SELECT id, 'mention', 1, \(replyDue)::BIGINT FROM members
                WHERE id = ANY(\(notices.mentioned.map(\.rawValue))) AND deleted_at IS NULL AND notify_mentions
                UNION ALL
                -- An account's follows go when it is deleted; the join keeps a deleted member out regardless.
                SELECT follows.member_id, 'follow', 2, \(followDue)::BIGINT FROM follows
                JOIN members ON members.id = follows.member_id AND members.deleted_at IS NULL
                WHERE follows.post_id = \(comment.postID.rawValue)
            ) AS told
            WHERE told.recipient_id <> \(comment.authorID.rawValue)
            ORDER BY told.recipient_id, told.rank
            ON CONFLICT (recipient_id, comment_id) DO NOTHING
            """, logger: logger)
    }

    public func dueNotificationRecipients(now: Date, limit: Int) async throws -> [MemberID] {
        guard limit > 0 else { return [] }
        // The due rows are one range of notifications_due_at; a recipient's earliest due row is
        // their earliest row overall, so ordering by it is "earliest due first".
        return try await rows(
            """
            SELECT recipient_id FROM notifications WHERE due_at <= \(now.stored)
            GROUP BY recipient_id
            ORDER BY MIN(due_at), recipient_id
            LIMIT \(limit)
            """
        ).map { MemberID(try $0.decode(Int64.self)) }
    }

    public func pendingNotifications(recipientID: MemberID, limit: Int) async throws -> [PendingNotification] {
        guard limit > 0 else { return [] }
        return try await rows(
            """
            SELECT \(unescaped: Self.notificationColumns) FROM notifications
            WHERE recipient_id = \(recipientID.rawValue)
            ORDER BY created_at, id
            LIMIT \(limit)
            """
        ).map(Self.decodeNotification)
    }

    /// Thrown inside `completeNotifications`' transaction to roll it back; never leaves it.
    private struct AlreadyCompleted: Error {}

    public func completeNotifications(_ ids: [NotificationID], mail: NewOutboxJob?, now: Date) async throws -> Bool {
        let wanted = Set(ids.map(\.rawValue))
        do {
            return try await transaction { connection in
                // Of two instances completing the same rows, the second waits on the first's row
                // locks, then finds the rows gone (READ COMMITTED re-checks them) and deletes fewer.
                let deleted = try await connection.rows(
                    """
                    DELETE FROM notifications WHERE id = ANY(\(Array(wanted))) RETURNING id
                    """, logger
                ).count
                // Some were sent by another instance: roll back whatever this one deleted, so that
                // its mail and theirs never tell the same comment twice, nor leave a row untold.
                guard deleted == wanted.count else { throw AlreadyCompleted() }
                if let mail { _ = try await Self.insertOutboxJobs([mail], now: now, on: connection, logger: logger) }
                return true
            }
        } catch is AlreadyCompleted {
            return false
        }
    }
}
