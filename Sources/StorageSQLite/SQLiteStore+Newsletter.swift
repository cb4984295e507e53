import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    public func unfinishedNewsletterSends(limit: Int) async throws -> [NewsletterSend] {
        guard limit > 0 else { return [] }
        return try await read { db in
            try db.fetch(
                """
                SELECT post_id, after_subscriber_id, created_at, finished_at FROM newsletter_sends
                WHERE finished_at IS NULL ORDER BY created_at, post_id LIMIT ?
                """, [limit]
            ) {
                NewsletterSend(
                    postID: PostID($0[0] as Int64), afterSubscriberID: ($0[1] as Int64?).map(SubscriberID.init),
                    createdAt: $0.date(2), finishedAt: $0.optionalDate(3))
            }
        }
    }

    public func advanceNewsletterSend(
        postID: PostID, from: SubscriberID?, to: SubscriberID?, mail: [NewOutboxJob],
        finished: Bool, now: Date
    ) async throws -> Bool {
        try await write { db in
            // Compare and set: `IS` matches NULL to NULL, so the first batch compares too. A send
            // another instance moved on (or finished) is left alone, and its batch not queued twice.
            let moved =
                try db.run(
                    """
                    UPDATE newsletter_sends SET after_subscriber_id = ?, finished_at = ?
                    WHERE post_id = ? AND after_subscriber_id IS ? AND finished_at IS NULL
                    """, [to?.rawValue, finished ? now.stored : nil, postID.rawValue, from?.rawValue]) == 1
            guard moved else { return false }
            _ = try Self.insertOutboxJobs(mail, now: now, in: db)
            return true
        }
    }
}
