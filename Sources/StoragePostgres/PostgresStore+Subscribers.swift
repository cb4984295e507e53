import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// The subscriber columns, in the order `decodeSubscriber` reads them.
    static let subscriberColumns = "id, email, status, created_at, confirmed_at, source"

    struct UnknownSubscriberStatus: Error, CustomStringConvertible {
        var status: String
        var description: String { "unknown subscriber status \(status)" }
    }

    static func decodeSubscriber(_ row: PostgresRow) throws -> Subscriber {
        let (id, email, statusText, createdAt, confirmedAt, sourceText) = try row.decode(
            (Int64, String, String, Int64, Int64?, String).self)
        guard let status = SubscriberStatus(rawValue: statusText) else { throw UnknownSubscriberStatus(status: statusText) }
        guard let source = SubscriberSource(rawValue: sourceText) else { throw UnknownSubscriberStatus(status: "source \(sourceText)") }
        return Subscriber(
            id: SubscriberID(id), email: email, status: status,
            createdAt: Date(millisecondsSince1970: createdAt), confirmedAt: confirmedAt.date, source: source)
    }

    public func insertSubscriber(email: String, createdAt: Date) async throws -> Bool {
        // Signing up twice is not an error for the reader, so the conflict is absorbed here
        // rather than thrown and caught.
        try await rows(
            """
            INSERT INTO subscribers (email, status, created_at, source, confirmed_at)
            VALUES (\(email), 'active', \(createdAt.stored), 'added', \(createdAt.stored))
            ON CONFLICT (email) DO NOTHING
            RETURNING id
            """
        ).count == 1
    }

    public func subscriberCount(status: SubscriberStatus) async throws -> Int {
        try await rows("SELECT COUNT(*) FROM subscribers WHERE status = \(status.rawValue)")[0].decode(Int.self)
    }

    public func requestSubscription(
        email: String, confirmTokenHash: String, now: Date,
        mail: NewOutboxJob
    ) async throws -> SubscribeOutcome {
        try await transaction { connection in
            // One statement decides, so two requests for one new address at once cannot both
            // insert it: the second waits on the first's row and then updates it. An active
            // subscriber fails the DO UPDATE's WHERE, so no row comes back and nothing changes.
            let requested = try await connection.rows(
                """
                INSERT INTO subscribers (email, status, created_at, confirm_token_hash, confirm_requested_at)
                VALUES (\(email), 'pending', \(now.stored), \(confirmTokenHash), \(now.stored))
                ON CONFLICT (email) DO UPDATE
                SET status = 'pending', confirm_token_hash = excluded.confirm_token_hash,
                    confirm_requested_at = excluded.confirm_requested_at
                WHERE subscribers.status <> 'active'
                RETURNING id
                """, logger)
            guard !requested.isEmpty else { return .alreadyActive }
            _ = try await Self.insertOutboxJobs([mail], now: now, on: connection, logger: logger)
            return .confirmationSent
        }
    }

    public func confirmSubscription(tokenHash: String, requestedAfter: Date, now: Date) async throws -> Subscriber? {
        // The token is cleared by the same statement that checks it, so a link confirms once
        // even when it is opened twice at once.
        try await rows(
            """
            UPDATE subscribers SET status = 'active', confirmed_at = \(now.stored), confirm_token_hash = NULL, left_at = NULL
            WHERE confirm_token_hash = \(tokenHash) AND status = 'pending'
              AND confirm_requested_at > \(requestedAfter.stored)
            RETURNING \(unescaped: Self.subscriberColumns)
            """
        ).first.map(Self.decodeSubscriber)
    }

    public func subscriber(id: SubscriberID) async throws -> Subscriber? {
        try await rows("SELECT \(unescaped: Self.subscriberColumns) FROM subscribers WHERE id = \(id.rawValue)")
            .first.map(Self.decodeSubscriber)
    }

    public func subscriber(email: String) async throws -> Subscriber? {
        try await rows("SELECT \(unescaped: Self.subscriberColumns) FROM subscribers WHERE email = \(email)")
            .first.map(Self.decodeSubscriber)
    }

    public func unsubscribe(id: SubscriberID, now: Date) async throws -> Bool {
        // A confirmation link sent before leaving must not bring the address back.
        try await rows(
            """
            UPDATE subscribers SET status = 'unsubscribed', confirm_token_hash = NULL, left_at = COALESCE(left_at, \(now.stored))
            WHERE id = \(id.rawValue) AND status IN ('pending', 'active')
            RETURNING id
            """
        ).count == 1
    }

    public func activeSubscribers(after: SubscriberID?, limit: Int) async throws -> [Subscriber] {
        guard limit > 0 else { return [] }
        // A walk of subscribers_status_id from the cursor: ids start at 1.
        return try await rows(
            """
            SELECT \(unescaped: Self.subscriberColumns) FROM subscribers
            WHERE status = 'active' AND id > \(after?.rawValue ?? 0)
            ORDER BY id
            LIMIT \(limit)
            """
        ).map(Self.decodeSubscriber)
    }
}
