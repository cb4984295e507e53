import Domain
import Foundation
import Logging
import PostgresNIO
import Storage

extension PostgresStore {
    public func deleteAccount(memberID: MemberID, comments mode: DeletedAccountComments, at date: Date) async throws {
        try await transaction { connection in
            // The member's row first, and FOR UPDATE at once (the scrub below changes a unique
            // column, which needs it anyway): two deletions of one account take turns, and the
            // second finds it done. Every write of theirs takes KEY SHARE on this row before
            // any thread lock (`lockLiveMember`): one already under way finishes first; one
            // that comes later waits, then finds the account deleted and is refused.
            guard
                let row = try await connection.rows(
                    """
                    SELECT email, deleted_at IS NOT NULL FROM members WHERE id = \(memberID.rawValue) FOR UPDATE
                    """, logger
                ).first
            else { throw StoreError.missing("member") }
            let (email, alreadyDeleted) = try row.decode((String, Bool).self)
            if alreadyDeleted { return }

            try await Self.lockThreads(touchedBy: memberID, connection, logger)
            // Moderation keeps its log, without the words: entries about their comments lose
            // the text (read before the comments go), and their mutes, reports and ban go.
            try await Self.forgetModeration(of: memberID, connection, logger)
            // Their likes go, and each liked comment's count drops with its like (a member likes
            // a comment at most once, so the join meets each comment once).
            try await connection.query(
                """
                WITH gone AS (DELETE FROM likes WHERE member_id = \(memberID.rawValue) RETURNING comment_id)
                UPDATE comments SET like_count = like_count - 1 FROM gone WHERE comments.id = gone.comment_id
                """, logger: logger)
            switch mode {
            case .remove: try await Self.removeComments(of: memberID, at: date, connection, logger)
            case .placeholders: try await Self.keepCommentsAsPlaceholders(of: memberID, at: date, connection, logger)
            }
            // Everything else that is theirs, in one statement; the row stays, scrubbed, so that
            // their placeholders keep an author. Links, mail and the newsletter subscription are
            // found by address, which is why it is read before it is scrubbed.
            try await connection.query(
                """
                WITH sessions_gone AS (DELETE FROM sessions WHERE member_id = \(memberID.rawValue)),
                follows_gone AS (DELETE FROM follows WHERE member_id = \(memberID.rawValue)),
                notifications_gone AS (DELETE FROM notifications WHERE recipient_id = \(memberID.rawValue)),
                avatar_gone AS (DELETE FROM avatars WHERE member_id = \(memberID.rawValue)),
                links_gone AS (DELETE FROM sign_in_tokens WHERE email = \(email)),
                mail_gone AS (DELETE FROM outbox WHERE recipient = \(email)),
                subscription_gone AS (DELETE FROM subscribers WHERE email = \(email))
                UPDATE members
                SET email = \(DeletedAccount.email(for: memberID)), display_name = '', name_key = '', bio = '', role = 'member',
                    password_hash = NULL, notify_replies = FALSE, notify_mentions = FALSE, avatar_version = NULL,
                    deleted_at = \(date.stored)
                WHERE id = \(memberID.rawValue)
                """, logger: logger)
        }
    }

    /// Locks the root of every thread the deletion will write to (the member's live comments and
    /// the comments they like), then the posts whose counts drop: each set in id order, roots
    /// before posts. Single-thread writes lock one root and then their post, so with this order
    /// no two transactions can each hold what the other waits for. Repeated until no new thread
    /// turns up, should the member write somewhere new while the first locks are taken.
    static func lockThreads(
        touchedBy memberID: MemberID, _ connection: PostgresConnection,
        _ logger: Logger
    ) async throws {
        var locked: Set<Int64> = []
        while true {
            let roots = try await connection.rows(
                """
                SELECT root_id FROM comments WHERE author_id = \(memberID.rawValue) AND deleted_at IS NULL
                UNION
                SELECT comments.root_id FROM likes JOIN comments ON comments.id = likes.comment_id
                WHERE likes.member_id = \(memberID.rawValue)
                """, logger
            ).map { try $0.decode(Int64.self) }
            let new = Set(roots).subtracting(locked)
            guard !new.isEmpty else { break }
            try await connection.query(
                """
                SELECT 1 FROM comments WHERE id = ANY(\(Array(new))) ORDER BY id FOR UPDATE
                """, logger: logger)
            locked.formUnion(new)
        }
        try await connection.query(
            """
            SELECT 1 FROM posts
            WHERE id IN (SELECT post_id FROM comments WHERE author_id = \(memberID.rawValue) AND deleted_at IS NULL)
            ORDER BY id
            FOR NO KEY UPDATE
            """, logger: logger)
    }

    /// Deletes each of the member's live comments as `deleteComment` would, deepest first, so
    /// that a reply of theirs goes before the comment of theirs it answers and does not keep it
    /// as a placeholder. Their threads are locked already.
    static func removeComments(
        of memberID: MemberID, at date: Date, _ connection: PostgresConnection,
        _ logger: Logger
    ) async throws {
        let ids = try await connection.rows(
            """
            SELECT id FROM comments WHERE author_id = \(memberID.rawValue) AND deleted_at IS NULL
            ORDER BY depth DESC, id DESC
            """, logger
        ).map { CommentID(try $0.decode(Int64.self)) }
        for id in ids {
            // Only placeholders are ever pruned, and these were all live, so none is gone; the
            // guard keeps a surprise from failing the whole deletion.
            do {
                _ = try await deleteLocked(id, at: date, connection, logger)
            } catch StoreError.missing {
                continue
            }
        }
    }

    /// Turns every live comment of the member into a placeholder, replies or not, in three
    /// statements however many there are: the counts drop as one deletion each would make them
    /// (the post's comments, every ancestor's descendants), summed per row first.
    static func keepCommentsAsPlaceholders(
        of memberID: MemberID, at date: Date, _ connection: PostgresConnection,
        _ logger: Logger
    ) async throws {
        var ids: [Int64] = []
        var drop = CountDrop()
        for row in try await connection.rows(
            """
            SELECT id, post_id, path, status = 'visible' FROM comments
            WHERE author_id = \(memberID.rawValue) AND deleted_at IS NULL
            """, logger)
        {
            let (id, postID, path, visible) = try row.decode((Int64, Int64, String, Bool).self)
            ids.append(id)
            // Only visible comments are counted, so only they leave the counts.
            guard visible else { continue }
            drop.add(postID: postID, path: path)
        }
        guard !ids.isEmpty else { return }
        try await drop.apply(connection, logger)
        try await connection.query(
            """
            WITH unpinned AS (UPDATE posts SET pinned_comment_id = NULL WHERE pinned_comment_id = ANY(\(ids)))
            UPDATE comments SET deleted_at = \(date.stored), body_text = '', body_html = '' WHERE id = ANY(\(ids))
            """, logger: logger)
    }

    /// What account deletion does to moderation's rows, in one statement: the audit log stays
    /// (the member row stays too, scrubbed) but entries about their comments lose the
    /// before/after text; their mutes (both ways), the reports they made and their ban go.
    static func forgetModeration(of memberID: MemberID, _ connection: PostgresConnection, _ logger: Logger) async throws {
        let id = memberID.rawValue
        try await connection.query(
            """
            WITH mutes_gone AS (DELETE FROM mutes WHERE member_id = \(id) OR muted_id = \(id)),
            reports_gone AS (DELETE FROM comment_reports WHERE reporter_id = \(id)),
            ban_gone AS (DELETE FROM bans WHERE member_id = \(id)),
            -- What the spam filter saw in their words is their words too.
            features_gone AS (
                UPDATE comment_moderation SET spam_features = ''
                WHERE comment_id IN (SELECT comments.id FROM comments WHERE author_id = \(id)))
            UPDATE audit_log SET before = '', after = ''
            WHERE comment_id IS NOT NULL
              AND (subject_id = \(id) OR comment_id IN (SELECT comments.id FROM comments WHERE author_id = \(id)))
            """, logger: logger)
    }
}
