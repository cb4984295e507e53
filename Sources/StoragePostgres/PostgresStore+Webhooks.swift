import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
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

    static func decodeWebhookEndpoint(_ columns: PostgresRandomAccessRow, from start: Int = 0) throws -> WebhookEndpoint {
        let formatText = try columns[start + 3].decode(String.self)
        guard let format = WebhookFormat(rawValue: formatText) else { throw UnknownWebhookValue(value: formatText) }
        return WebhookEndpoint(
            id: WebhookEndpointID(try columns[start].decode(Int64.self)), url: try columns[start + 1].decode(String.self),
            events: WebhookEvent.list(try columns[start + 2].decode(String.self)), format: format,
            secret: try columns[start + 4].decode(String.self), secretShown: try columns[start + 5].decode(Bool.self),
            createdAt: Date(millisecondsSince1970: try columns[start + 6].decode(Int64.self)))
    }

    static func decodeWebhookDelivery(_ columns: PostgresRandomAccessRow) throws -> WebhookDelivery {
        let eventText = try columns[2].decode(String.self), statusText = try columns[5].decode(String.self)
        guard let event = WebhookEvent(rawValue: eventText) else { throw UnknownWebhookValue(value: eventText) }
        guard let status = WebhookDeliveryStatus(rawValue: statusText) else { throw UnknownWebhookValue(value: statusText) }
        let lastAttemptAt = try columns[11].decode(Int64?.self).date
        return WebhookDelivery(
            id: WebhookDeliveryID(try columns[0].decode(Int64.self)), endpointID: WebhookEndpointID(try columns[1].decode(Int64.self)),
            event: event, subjectID: try columns[3].decode(Int64.self), body: try columns[4].decode(String?.self), status: status,
            attempts: try columns[6].decode(Int.self), nextAttemptAt: Date(millisecondsSince1970: try columns[7].decode(Int64.self)),
            lastResponse: lastAttemptAt == nil
                ? nil
                : WebhookResponse(
                    status: try columns[8].decode(Int?.self), excerpt: try columns[9].decode(String?.self) ?? "",
                    milliseconds: try columns[10].decode(Int?.self) ?? 0),
            lastAttemptAt: lastAttemptAt, createdAt: Date(millisecondsSince1970: try columns[12].decode(Int64.self)))
    }

    public func webhookEndpoints() async throws -> [WebhookEndpoint] {
        try await rows("SELECT \(unescaped: Self.webhookEndpointColumns) FROM webhook_endpoints ORDER BY id")
            .map { try Self.decodeWebhookEndpoint($0.makeRandomAccess()) }
    }

    public func addWebhookEndpoint(_ endpoint: NewWebhookEndpoint, limit: Int, now: Date) async throws -> WebhookEndpoint? {
        let events = WebhookEvent.stored(endpoint.events)
        return try await transaction { connection in
            // Two owners saving at once on two instances take turns, so the limit holds.
            try await connection.query("LOCK TABLE webhook_endpoints IN SHARE ROW EXCLUSIVE MODE", logger: logger)
            let count = try await connection.rows("SELECT COUNT(*) FROM webhook_endpoints", logger).first?.decode(Int.self) ?? 0
            guard count < limit else { return nil }
            let rows = try await connection.rows(
                """
                INSERT INTO webhook_endpoints (url, events, format, secret, secret_shown, created_at)
                VALUES (\(endpoint.url), \(events), \(endpoint.format.rawValue), \(endpoint.secret), FALSE, \(now.stored))
                RETURNING \(unescaped: Self.webhookEndpointColumns)
                """, logger)
            return try rows.first.map { try Self.decodeWebhookEndpoint($0.makeRandomAccess()) }
        }
    }

    public func revealWebhookSecret(_ id: WebhookEndpointID) async throws -> String? {
        // One statement: two requests at once cannot both see it unshown.
        try await rows(
            """
            UPDATE webhook_endpoints SET secret_shown = TRUE WHERE id = \(id.rawValue) AND NOT secret_shown RETURNING secret
            """
        ).first?.decode(String.self)
    }

    public func removeWebhookEndpoint(_ id: WebhookEndpointID) async throws -> Bool {
        try await !rows("DELETE FROM webhook_endpoints WHERE id = \(id.rawValue) RETURNING id").isEmpty
    }

    public func enqueueWebhookPing(_ id: WebhookEndpointID, now: Date) async throws -> WebhookDeliveryID? {
        try await rows(
            """
            INSERT INTO webhook_deliveries (endpoint_id, event, subject_id, next_attempt_at, created_at)
            SELECT id, \(WebhookEvent.ping.rawValue), id, \(now.stored), \(now.stored) FROM webhook_endpoints WHERE id = \(id.rawValue)
            RETURNING id
            """
        ).first.map { WebhookDeliveryID(try $0.decode(Int64.self)) }
    }

    public func claimDueWebhooks(now: Date, limit: Int, lease: TimeInterval, worker: String) async throws -> [WebhookJob] {
        guard limit > 0 else { return [] }
        let until = now.addingTimeInterval(lease).stored
        // The outbox's claim (see `claimDue`): one statement, SKIP LOCKED, a MATERIALIZED choice.
        return try await rows(
            """
            WITH due AS MATERIALIZED (
                SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= \(now.stored)
                ORDER BY next_attempt_at, id
                LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
            ), claimed AS (
                UPDATE webhook_deliveries AS d
                SET attempts = d.attempts + 1, locked_until = \(until), next_attempt_at = \(until), claimed_by = \(worker)
                FROM due
                WHERE d.id = due.id
                RETURNING d.*
            )
            SELECT \(unescaped: Self.webhookJobColumns)
            FROM claimed AS d JOIN webhook_endpoints AS e ON e.id = d.endpoint_id
            ORDER BY d.id
            """
        ).map { row in
            let columns = row.makeRandomAccess()
            return WebhookJob(
                delivery: try Self.decodeWebhookDelivery(columns), endpoint: try Self.decodeWebhookEndpoint(columns, from: 13))
        }
    }

    public func webhookSubject(_ event: WebhookEvent, subjectID: Int64) async throws -> WebhookSubject? {
        switch event {
        case .commentPosted, .commentHeld:
            guard let comment = try await webhookComment(CommentID(subjectID)), let post = try await webhookPost(comment.postID) else {
                return nil
            }
            return .comment(comment.facts, post)
        case .commentReported:
            guard
                let row = try await rows(
                    """
                    SELECT r.id, r.reason, r.text, r.reporter_id, m.display_name, r.created_at, r.comment_id
                    FROM comment_reports AS r JOIN members AS m ON m.id = r.reporter_id WHERE r.id = \(subjectID)
                    """
                ).first
            else { return nil }
            let (id, reason, text, reporterID, reporterName, createdAt, commentID) = try row.decode(
                (Int64, String, String, Int64, String, Int64, Int64).self)
            let report = WebhookReportFacts(
                id: id, reason: reason, text: text, reporterID: MemberID(reporterID), reporterName: reporterName,
                createdAt: Date(millisecondsSince1970: createdAt))
            guard let comment = try await webhookComment(CommentID(commentID)), let post = try await webhookPost(comment.postID) else {
                return nil
            }
            return .report(report, comment.facts, post)
        case .memberJoined:
            return try await rows(
                "SELECT id, display_name, email, role, created_at FROM members WHERE id = \(subjectID) AND deleted_at IS NULL"
            ).first.map { row in
                let (id, name, email, role, createdAt) = try row.decode((Int64, String, String, String, Int64).self)
                return .member(
                    WebhookMemberFacts(
                        id: MemberID(id), name: name, email: email, role: role, createdAt: Date(millisecondsSince1970: createdAt)))
            }
        case .subscriberConfirmed:
            return try await rows("SELECT id, email, source, confirmed_at FROM subscribers WHERE id = \(subjectID)").first.map { row in
                let (id, email, source, confirmedAt) = try row.decode((Int64, String, String, Int64?).self)
                return .subscriber(WebhookSubscriberFacts(id: id, email: email, source: source, confirmedAt: confirmedAt.date))
            }
        case .postPublished:
            return try await webhookPost(PostID(subjectID)).map { .post($0) }
        case .ping:
            return nil
        }
    }

    /// A comment's facts and its post's id.
    func webhookComment(_ id: CommentID) async throws -> (facts: WebhookCommentFacts, postID: PostID)? {
        guard
            let row = try await rows(
                """
                SELECT c.id, c.parent_id, c.author_id, m.display_name, c.body_text, c.status, c.created_at, c.deleted_at, c.post_id
                FROM comments AS c JOIN members AS m ON m.id = c.author_id WHERE c.id = \(id.rawValue)
                """
            ).first
        else { return nil }
        let (commentID, parentID, authorID, authorName, text, status, createdAt, deletedAt, postID) = try row.decode(
            (Int64, Int64?, Int64, String, String, String, Int64, Int64?, Int64).self)
        return (
            WebhookCommentFacts(
                id: CommentID(commentID), parentID: parentID.map(CommentID.init), authorID: MemberID(authorID), authorName: authorName,
                text: deletedAt == nil ? text : "", status: status, createdAt: Date(millisecondsSince1970: createdAt),
                deleted: deletedAt != nil),
            PostID(postID)
        )
    }

    func webhookPost(_ id: PostID) async throws -> WebhookPostFacts? {
        try await rows(
            """
                audience: row[6], publishedAt: row.optionalDate(7), pageURL: row[8]) AS p JOIN members AS m ON m.id = p.author_id WHERE p.id = \(id.rawValue)
            """
        ).first.map { row in
            let (id, slug, title, subtitle, authorID, authorName, audience, publishedAt, pageURL) = try row.decode(
                (Int64, String, String, String, Int64, String, String, Int64?, String?).self)
            return WebhookPostFacts(
                id: PostID(id), slug: slug, title: title, subtitle: subtitle, authorID: MemberID(authorID), authorName: authorName,
                audience: audience, publishedAt: publishedAt.date, pageURL: pageURL)
        }
    }

    public func keepWebhookBody(_ id: WebhookDeliveryID, body: String) async throws {
        _ = try await rows("UPDATE webhook_deliveries SET body = \(body) WHERE id = \(id.rawValue) AND body IS NULL")
    }

    public func recordWebhookAttempt(
        _ id: WebhookDeliveryID, at: Date, response: WebhookResponse, delivered: Bool, retryAt: Date?
    ) async throws {
        let status = delivered ? "delivered" : retryAt == nil ? "failed" : "pending"
        try await transaction { connection in
            guard
                let endpoint = try await connection.rows(
                    """
                    UPDATE webhook_deliveries SET status = \(status), next_attempt_at = COALESCE(\(retryAt?.stored), next_attempt_at),
                        locked_until = NULL, response_status = \(response.status), response_excerpt = \(response.excerpt),
                        response_ms = \(response.milliseconds), last_attempt_at = \(at.stored)
                    WHERE id = \(id.rawValue) AND status = 'pending'
                    RETURNING endpoint_id
                    """, logger
                ).first?.decode(Int64.self)
            else { return }
            guard status != "pending" else { return }
            // The log keeps the newest settled deliveries of each endpoint, not every one ever.
            _ = try await connection.rows(
                """
                DELETE FROM webhook_deliveries WHERE endpoint_id = \(endpoint) AND status <> 'pending' AND id < (
                    SELECT id FROM webhook_deliveries WHERE endpoint_id = \(endpoint) AND status <> 'pending'
                    ORDER BY id DESC LIMIT 1 OFFSET \(Limits.webhookLogLength * 5 - 1))
                """, logger)
        }
    }

    public func webhookDeliveries(endpoint: WebhookEndpointID, limit: Int) async throws -> [WebhookDelivery] {
        try await rows(
            """
            SELECT \(unescaped: Self.webhookDeliveryColumns) FROM webhook_deliveries WHERE endpoint_id = \(endpoint.rawValue)
            ORDER BY id DESC LIMIT \(limit)
            """
        ).map { try Self.decodeWebhookDelivery($0.makeRandomAccess()) }
    }

    public func webhookDelivery(id: WebhookDeliveryID) async throws -> WebhookDelivery? {
        try await rows("SELECT \(unescaped: Self.webhookDeliveryColumns) FROM webhook_deliveries WHERE id = \(id.rawValue)")
            .first.map { try Self.decodeWebhookDelivery($0.makeRandomAccess()) }
    }
}
