import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    static let webhookEndpointColumns = "id, url, events, format, secret, secret_shown, created_at"

    static let webhookDeliveryColumns = """
        id, endpoint_id, event, subject_id, body, status, attempts, next_attempt_at, response_status, response_excerpt, \
        response_ms, last_attempt_at, created_at
        """

    /// A delivery's columns (as `d`) and then its endpoint's (as `e`), for a claim's join.
    static let webhookJobColumns = [("d.", webhookDeliveryColumns), ("e.", webhookEndpointColumns)].flatMap { prefix, list in
        list.split(separator: ",").map { prefix + $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }.joined(separator: ", ")

    struct UnknownWebhookValue: Error, CustomStringConvertible {
        var value: String
        var description: String { "unknown webhook value \(value)" }
    }

    static func decodeWebhookEndpoint(_ row: Row, from start: Int = 0) throws -> WebhookEndpoint {
        let formatText: String = row[start + 3]
        guard let format = WebhookFormat(rawValue: formatText) else { throw UnknownWebhookValue(value: formatText) }
        return WebhookEndpoint(
            id: WebhookEndpointID(row[start]), url: row[start + 1], events: WebhookEvent.list(row[start + 2]), format: format,
            secret: row[start + 4], secretShown: row[start + 5], createdAt: row.date(start + 6))
    }

    static func decodeWebhookDelivery(_ row: Row) throws -> WebhookDelivery {
        let eventText: String = row[2], statusText: String = row[5]
        guard let event = WebhookEvent(rawValue: eventText) else { throw UnknownWebhookValue(value: eventText) }
        guard let status = WebhookDeliveryStatus(rawValue: statusText) else { throw UnknownWebhookValue(value: statusText) }
        let lastAttemptAt = row.optionalDate(11)
        return WebhookDelivery(
            id: WebhookDeliveryID(row[0]), endpointID: WebhookEndpointID(row[1]), event: event, subjectID: row[3], body: row[4],
            status: status, attempts: row[6], nextAttemptAt: row.date(7),
            lastResponse: lastAttemptAt == nil
                ? nil : WebhookResponse(status: row[8], excerpt: row[9] ?? "", milliseconds: row[10] ?? 0),
            lastAttemptAt: lastAttemptAt, createdAt: row.date(12))
    }

    public func webhookEndpoints() async throws -> [WebhookEndpoint] {
        try await read { db in
            try db.fetch("SELECT \(Self.webhookEndpointColumns) FROM webhook_endpoints ORDER BY id") { try Self.decodeWebhookEndpoint($0) }
        }
    }

    public func addWebhookEndpoint(_ endpoint: NewWebhookEndpoint, limit: Int, now: Date) async throws -> WebhookEndpoint? {
        try await write { db in
            let count = try db.fetchFirst("SELECT COUNT(*) FROM webhook_endpoints") { $0[0] as Int } ?? 0
            guard count < limit else { return nil }
            try db.run(
                "INSERT INTO webhook_endpoints (url, events, format, secret, secret_shown, created_at) VALUES (?, ?, ?, ?, 0, ?)",
                [endpoint.url, WebhookEvent.stored(endpoint.events), endpoint.format.rawValue, endpoint.secret, now.stored])
            return WebhookEndpoint(
                id: WebhookEndpointID(db.lastInsertedRowID), url: endpoint.url,
                events: WebhookEvent.list(WebhookEvent.stored(endpoint.events)),
                format: endpoint.format, secret: endpoint.secret, secretShown: false, createdAt: now.truncatedToMilliseconds)
        }
    }

    public func revealWebhookSecret(_ id: WebhookEndpointID) async throws -> String? {
        try await write { db in
            guard
                let secret = try db.fetchFirst(
                    "SELECT secret FROM webhook_endpoints WHERE id = ? AND secret_shown = 0", [id.rawValue], { $0[0] as String })
            else { return nil }
            try db.run("UPDATE webhook_endpoints SET secret_shown = 1 WHERE id = ?", [id.rawValue])
            return secret
        }
    }

    public func removeWebhookEndpoint(_ id: WebhookEndpointID) async throws -> Bool {
        try await write { db in try db.run("DELETE FROM webhook_endpoints WHERE id = ?", [id.rawValue]) > 0 }
    }

    public func enqueueWebhookPing(_ id: WebhookEndpointID, now: Date) async throws -> WebhookDeliveryID? {
        try await write { db in
            guard try db.exists("SELECT 1 FROM webhook_endpoints WHERE id = ?", [id.rawValue]) else { return nil }
            try db.run(
                """
                INSERT INTO webhook_deliveries (endpoint_id, event, subject_id, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?)
                """, [id.rawValue, WebhookEvent.ping.rawValue, id.rawValue, now.stored, now.stored])
            return WebhookDeliveryID(db.lastInsertedRowID)
        }
    }

    public func claimDueWebhooks(now: Date, limit: Int, lease: TimeInterval, worker: String) async throws -> [WebhookJob] {
        guard limit > 0 else { return [] }
        let until = now.addingTimeInterval(lease).stored
        // As the mail outbox: a read says "nothing due" without taking the write lock.
        guard
            try await read({ db in
                try db.exists("SELECT 1 FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? LIMIT 1", [now.stored])
            })
        else { return [] }
        return try await write { db in
            let due = try db.fetch(
                """
                SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ?
                ORDER BY next_attempt_at, id LIMIT ?
                """, [now.stored, limit]
            ) { $0[0] as Int64 }
            var jobs: [WebhookJob] = []
            for id in due.sorted() {
                try db.run(
                    """
                    UPDATE webhook_deliveries SET attempts = attempts + 1, locked_until = ?, next_attempt_at = ?, claimed_by = ?
                    WHERE id = ?
                    """, [until, until, worker, id])
                if let job = try db.fetchFirst(
                    """
                    SELECT \(Self.webhookJobColumns)
                    FROM webhook_deliveries AS d JOIN webhook_endpoints AS e ON e.id = d.endpoint_id WHERE d.id = ?
                    """, [id],
                    { row in
                        WebhookJob(delivery: try Self.decodeWebhookDelivery(row), endpoint: try Self.decodeWebhookEndpoint(row, from: 13))
                    })
                {
                    jobs.append(job)
                }
            }
            return jobs
        }
    }

    public func webhookSubject(_ event: WebhookEvent, subjectID: Int64) async throws -> WebhookSubject? {
        try await read { db in
            switch event {
            case .commentPosted, .commentHeld:
                guard let comment = try Self.webhookComment(db, CommentID(subjectID)),
                    let post = try Self.webhookPost(db, comment.postID)
                else { return nil }
                return .comment(comment.facts, post)
            case .commentReported:
                guard
                    let (report, commentID) = try db.fetchFirst(
                        """
                        SELECT r.id, r.reason, r.text, r.reporter_id, m.display_name, r.created_at, r.comment_id
                        FROM comment_reports AS r JOIN members AS m ON m.id = r.reporter_id WHERE r.id = ?
                        """, [subjectID],
                        { row in
                            (
                                WebhookReportFacts(
                                    id: row[0], reason: row[1], text: row[2], reporterID: MemberID(row[3]), reporterName: row[4],
                                    createdAt: row.date(5)), CommentID(row[6] as Int64)
                            )
                        }),
                    let comment = try Self.webhookComment(db, commentID), let post = try Self.webhookPost(db, comment.postID)
                else { return nil }
                return .report(report, comment.facts, post)
            case .memberJoined:
                return try db.fetchFirst(
                    "SELECT id, display_name, email, role, created_at FROM members WHERE id = ? AND deleted_at IS NULL", [subjectID]
                ) { row in
                    .member(WebhookMemberFacts(id: MemberID(row[0]), name: row[1], email: row[2], role: row[3], createdAt: row.date(4)))
                }
            case .subscriberConfirmed:
                return try db.fetchFirst("SELECT id, email, source, confirmed_at FROM subscribers WHERE id = ?", [subjectID]) { row in
                    .subscriber(WebhookSubscriberFacts(id: row[0], email: row[1], source: row[2], confirmedAt: row.optionalDate(3)))
                }
            case .postPublished:
                return try Self.webhookPost(db, PostID(subjectID)).map { .post($0) }
            case .ping:
                return nil
            }
        }
    }

    /// A comment's facts and its post's id.
    static func webhookComment(_ db: Database, _ id: CommentID) throws -> (facts: WebhookCommentFacts, postID: PostID)? {
        try db.fetchFirst(
            """
            SELECT c.id, c.parent_id, c.author_id, m.display_name, c.body_text, c.status, c.created_at, c.deleted_at, c.post_id
            FROM comments AS c JOIN members AS m ON m.id = c.author_id WHERE c.id = ?
            """, [id.rawValue]
        ) { row in
            let deleted = (row[7] as Int64?) != nil
            return (
                WebhookCommentFacts(
                    id: CommentID(row[0]), parentID: (row[1] as Int64?).map(CommentID.init), authorID: MemberID(row[2]),
                    authorName: row[3], text: deleted ? "" : row[4], status: row[5], createdAt: row.date(6), deleted: deleted),
                PostID(row[8] as Int64)
            )
        }
    }

    static func webhookPost(_ db: Database, _ id: PostID) throws -> WebhookPostFacts? {
        try db.fetchFirst(
            """
            SELECT p.id, p.slug, p.title, p.subtitle, p.author_id, m.display_name, p.audience, p.published_at, p.page_url
            FROM posts AS p JOIN members AS m ON m.id = p.author_id WHERE p.id = ?
            """, [id.rawValue]
        ) { row in
            WebhookPostFacts(
                id: PostID(row[0]), slug: row[1], title: row[2], subtitle: row[3], authorID: MemberID(row[4]), authorName: row[5],
                audience: row[6], publishedAt: row.optionalDate(7), pageURL: row[8])
        }
    }

    public func keepWebhookBody(_ id: WebhookDeliveryID, body: String) async throws {
        _ = try await write { db in
            try db.run("UPDATE webhook_deliveries SET body = ? WHERE id = ? AND body IS NULL", [body, id.rawValue])
        }
    }

    public func recordWebhookAttempt(
        _ id: WebhookDeliveryID, at: Date, response: WebhookResponse, delivered: Bool, retryAt: Date?
    ) async throws {
        let status = delivered ? "delivered" : retryAt == nil ? "failed" : "pending"
        try await write { db in
            guard
                let endpoint = try db.fetchFirst(
                    "SELECT endpoint_id FROM webhook_deliveries WHERE id = ? AND status = 'pending'", [id.rawValue], { $0[0] as Int64 })
            else { return }
            try db.run(
                """
                UPDATE webhook_deliveries SET status = ?, next_attempt_at = COALESCE(?, next_attempt_at), locked_until = NULL,
                    response_status = ?, response_excerpt = ?, response_ms = ?, last_attempt_at = ?
                WHERE id = ?
                """,
                [status, retryAt?.stored, response.status, response.excerpt, response.milliseconds, at.stored, id.rawValue])
            guard status != "pending" else { return }
            // The log keeps the newest settled deliveries of each endpoint, not every one ever.
            try db.run(
                """
                DELETE FROM webhook_deliveries WHERE endpoint_id = ? AND status <> 'pending' AND id < (
                    SELECT id FROM webhook_deliveries WHERE endpoint_id = ? AND status <> 'pending'
                    ORDER BY id DESC LIMIT 1 OFFSET ?)
                """, [endpoint, endpoint, Limits.webhookLogLength * 5 - 1])
        }
    }

    public func webhookDeliveries(endpoint: WebhookEndpointID, limit: Int) async throws -> [WebhookDelivery] {
        try await read { db in
            try db.fetch(
                "SELECT \(Self.webhookDeliveryColumns) FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY id DESC LIMIT ?",
                [endpoint.rawValue, limit], Self.decodeWebhookDelivery)
        }
    }

    public func webhookDelivery(id: WebhookDeliveryID) async throws -> WebhookDelivery? {
        try await read { db in
            try db.fetchFirst(
                "SELECT \(Self.webhookDeliveryColumns) FROM webhook_deliveries WHERE id = ?", [id.rawValue], Self.decodeWebhookDelivery)
        }
    }
}
