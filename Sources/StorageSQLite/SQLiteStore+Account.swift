import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    public func deleteAccount(memberID: MemberID, comments mode: DeletedAccountComments, at date: Date) async throws {
        try await write { db in
            let member = try db.fetchFirst("SELECT email, deleted_at FROM members WHERE id = ?", [memberID.rawValue]) {
                (email: $0[0] as String, deleted: $0[1] as Int64? != nil)
            }
            guard let member else { throw StoreError.missing("member") }
            // Deleting twice changes nothing: the first time took everything there was to take.
            guard !member.deleted else { return }
            let id = memberID.rawValue
            // Moderation keeps its log, without the words: entries about their comments lose
            // the text (read before the comments go), and their mutes, reports and ban go.
            try Self.forgetModeration(of: memberID, in: db)

            // Their likes first, so that the counts of comments that stay drop with them.
            try db.run(
                """
                UPDATE comments SET like_count = like_count - 1
                WHERE id IN (SELECT comment_id FROM likes WHERE member_id = ?)
                """, [id])
            try db.run("DELETE FROM likes WHERE member_id = ?", [id])

            // Deepest first: a reply goes before its parent is looked at, so a parent left with
            // no replies is removed rather than kept as a placeholder.
            let theirs = try db.fetch(
                """
                SELECT id, post_id, path, status FROM comments WHERE author_id = ? AND deleted_at IS NULL
                ORDER BY depth DESC, id DESC
                """, [id]
            ) {
                (
                    id: CommentID($0[0] as Int64), postID: PostID($0[1] as Int64), path: $0[2] as String,
                    visible: ($0[3] as String) == CommentStatus.visible.rawValue
                )
            }
            for comment in theirs {
                switch mode {
                case .remove:
                    // Deepest first, so each is still there when its turn comes: pruning only
                    // removes placeholders, and these are all live.
                    _ = try Self.deleteComment(id: comment.id, at: date, in: db)
                case .placeholders:
                    try Self.unpin(db, comment.id)
                    // Only visible comments are counted, so only they leave the counts.
                    if comment.visible { try Self.adjustCounts(db, postID: comment.postID, path: comment.path, by: -1) }
                    try db.run(
                        "UPDATE comments SET deleted_at = ?, body_text = '', body_html = '' WHERE id = ?",
                        [date.stored, comment.id.rawValue])
                }
            }

            for sql in [
                "DELETE FROM sessions WHERE member_id = ?", "DELETE FROM follows WHERE member_id = ?",
                "DELETE FROM notifications WHERE recipient_id = ?", "DELETE FROM avatars WHERE member_id = ?",
            ] {
                try db.run(sql, [id])
            }
            for sql in [
                "DELETE FROM sign_in_tokens WHERE email = ?",
                "DELETE FROM outbox WHERE recipient = ?",
                "DELETE FROM subscribers WHERE email = ?",
            ] {
                try db.run(sql, [member.email])
            }
            // The row stays, so that placeholders keep an author; nothing of the person stays on it.
            try db.run(
                """
                UPDATE members SET email = ?, display_name = '', name_key = '', bio = '', role = 'member', password_hash = NULL,
                    notify_replies = 0, notify_mentions = 0, avatar_version = NULL, deleted_at = ?
                WHERE id = ?
                """, [DeletedAccount.email(for: memberID), date.stored, id])
        }
    }

    /// What account deletion does to moderation's rows: the audit log stays (the member row
    /// stays too, scrubbed) but entries about their comments lose the before/after text;
    /// their mutes (both ways), the reports they made and their ban go.
    static func forgetModeration(of memberID: MemberID, in db: Database) throws {
        let id = memberID.rawValue
        try db.run(
            """
            UPDATE audit_log SET before = '', after = ''
            WHERE comment_id IS NOT NULL
              AND (subject_id = ? OR comment_id IN (SELECT id FROM comments WHERE author_id = ?))
            """, [id, id])
        // What the spam filter saw in their words is their words too.
        try db.run(
            "UPDATE comment_moderation SET spam_features = '' WHERE comment_id IN (SELECT id FROM comments WHERE author_id = ?)",
            [id])
        try db.run("DELETE FROM mutes WHERE member_id = ? OR muted_id = ?", [id, id])
        try db.run("DELETE FROM comment_reports WHERE reporter_id = ?", [id])
        try db.run("DELETE FROM bans WHERE member_id = ?", [id])
    }
}
