import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    public func unfinishedNewsletterSends(limit: Int) async throws -> [NewsletterSend] {
        guard limit > 0 else { return [] }
        return try await rows(
            """
            SELECT post_id, after_subscriber_id, created_at, finished_at FROM newsletter_sends
            WHERE finished_at IS NULL
            ORDER BY created_at, post_id
            LIMIT \(limit)
            """
        ).map { row in
            let (postID, after, createdAt, finishedAt) = try row.decode((Int64, Int64?, Int64, Int64?).self)
            return NewsletterSend(
                postID: PostID(postID), afterSubscriberID: after.map(SubscriberID.init),
                createdAt: Date(millisecondsSince1970: createdAt), finishedAt: finishedAt.date)
        }
    }

    public func advanceNewsletterSend(
        postID: PostID, from: SubscriberID?, to: SubscriberID?, mail: [NewOutboxJob],
        finished: Bool, now: Date
    ) async throws -> Bool {
        try await transaction { connection in
            // Compare and set on the cursor: of two instances moving one send on from the same
            // place, the second waits on the first's row lock, re-checks the cursor against the
            // committed row, finds it moved (or the send finished) and changes nothing, so each
            // batch is queued once. IS NOT DISTINCT FROM, because a send that has not started
            // has a NULL cursor.
            let moved = try await connection.rows(
                """
                UPDATE newsletter_sends
                SET after_subscriber_id = \(to?.rawValue),
                    finished_at = CASE WHEN \(finished) THEN \(now.stored) END
                WHERE post_id = \(postID.rawValue) AND finished_at IS NULL
                  AND after_subscriber_id IS NOT DISTINCT FROM \(from?.rawValue)
                RETURNING post_id
                """, logger)
            guard !moved.isEmpty else { return false }
            _ = try await Self.insertOutboxJobs(mail, now: now, on: connection, logger: logger)
            return true
        }
    }
}
