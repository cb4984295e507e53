import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    /// Writes the notification rows a new comment calls for (see `CommentNotices`), inside the
    /// comment's own transaction: reply, then mentions, then followers. UNIQUE (recipient_id,
    /// comment_id) and DO NOTHING keep it to one row per member, whoever was told first.
    static func insertNotifications(for comment: Comment, _ notices: CommentNotices, in db: Database) throws {
        let common: [DatabaseValueConvertible] = [comment.id.rawValue, comment.postID.rawValue, comment.createdAt.stored]
        let author = comment.authorID.rawValue
        if let parentID = comment.parentID {
            try db.run(
                """
                INSERT INTO notifications (recipient_id, kind, comment_id, post_id, created_at, due_at)
                SELECT members.id, 'reply', ?, ?, ?, ? FROM comments JOIN members ON members.id = comments.author_id
                WHERE comments.id = ? AND comments.deleted_at IS NULL AND members.deleted_at IS NULL
                  AND members.notify_replies = 1 AND members.id <> ?
                """, StatementArguments(common + [notices.replyDueAt.stored, parentID.rawValue, author]))
        }
        var seen: Set<MemberID> = []
        for mentioned in notices.mentioned where seen.insert(mentioned).inserted {
            try db.run(
                """
                INSERT INTO notifications (recipient_id, kind, comment_id, post_id, created_at, due_at)
                SELECT id, 'mention', ?, ?, ?, ? FROM members
                WHERE id = ? AND id <> ? AND deleted_at IS NULL AND notify_mentions = 1
                ON CONFLICT (recipient_id, comment_id) DO NOTHING
                """, StatementArguments(common + [notices.replyDueAt.stored, mentioned.rawValue, author]))
        }
        // Every follower in one statement, however many there are.
        try db.run(
            """
            INSERT INTO notifications (recipient_id, kind, comment_id, post_id, created_at, due_at)
            SELECT follows.member_id, 'follow', ?, ?, ?, ? FROM follows JOIN members ON members.id = follows.member_id
            WHERE follows.post_id = ? AND follows.member_id <> ? AND members.deleted_at IS NULL
            ORDER BY follows.member_id
            ON CONFLICT (recipient_id, comment_id) DO NOTHING
            """, StatementArguments(common + [notices.followDueAt.stored, comment.postID.rawValue, author]))
    }

    static let notificationColumns = "id, recipient_id, kind, comment_id, post_id, created_at, due_at"

    static func decodeNotification(_ row: Row) throws -> PendingNotification {
        let kindText: String = row[2]
        guard let kind = NotificationKind(rawValue: kindText) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unknown notification kind \(kindText)")
        }
        return PendingNotification(
            id: NotificationID(row[0]), recipientID: MemberID(row[1]), kind: kind,
            commentID: CommentID(row[3]), postID: PostID(row[4]), createdAt: row.date(5),
            dueAt: row.date(6))
    }

    public func dueNotificationRecipients(now: Date, limit: Int) async throws -> [MemberID] {
        guard limit > 0 else { return [] }
        return try await read { db in
            // The due rows are one range of notifications_due_at.
            try db.fetch(
                """
                SELECT recipient_id, MIN(due_at) AS first_due FROM notifications WHERE due_at <= ?
                GROUP BY recipient_id ORDER BY first_due, recipient_id LIMIT ?
                """, [now.stored, limit]
            ) { MemberID($0[0] as Int64) }
        }
    }

    public func pendingNotifications(recipientID: MemberID, limit: Int) async throws -> [PendingNotification] {
        guard limit > 0 else { return [] }
        return try await read { db in
            try db.fetch(
                """
                SELECT \(Self.notificationColumns) FROM notifications WHERE recipient_id = ?
                ORDER BY created_at, id LIMIT ?
                """, [recipientID.rawValue, limit], Self.decodeNotification)
        }
    }

    public func completeNotifications(_ ids: [NotificationID], mail: NewOutboxJob?, now: Date) async throws -> Bool {
        let unique = Array(Set(ids.map(\.rawValue)))
        return try await write { db in
            // Checked, then deleted, under the one write lock: no other instance runs in between.
            // A row already gone means another instance sent this group: change nothing.
            var present = 0
            for chunk in unique.chunked(500) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                present +=
                    try db.fetchFirst(
                        "SELECT COUNT(*) FROM notifications WHERE id IN (\(marks))",
                        StatementArguments(Array(chunk))
                    ) { $0[0] as Int } ?? 0
            }
            guard present == unique.count else { return false }
            for chunk in unique.chunked(500) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                try db.run("DELETE FROM notifications WHERE id IN (\(marks))", StatementArguments(Array(chunk)))
            }
            if let mail { _ = try Self.insertOutboxJobs([mail], now: now, in: db) }
            return true
        }
    }
}
