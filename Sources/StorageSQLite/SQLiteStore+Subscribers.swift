import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    /// The subscriber columns, in the order `decodeSubscriber` reads them.
    static let subscriberColumns = "id, email, status, created_at, confirmed_at, source"

    static func decodeSubscriber(_ row: Row) throws -> Subscriber {
        let statusText: String = row[2], sourceText: String = row[5]
        guard let status = SubscriberStatus(rawValue: statusText), let source = SubscriberSource(rawValue: sourceText) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unknown subscriber status \(statusText) or source \(sourceText)")
        }
        return Subscriber(
            id: SubscriberID(row[0]), email: row[1], status: status, createdAt: row.date(3),
            confirmedAt: row.optionalDate(4), source: source)
    }

    public func insertSubscriber(email: String, createdAt: Date) async throws -> Bool {
        try await write { db in
            // Signing up twice is not an error for the reader, so the conflict is absorbed here
            // rather than thrown and caught.
            try db.run(
                """
                INSERT INTO subscribers (email, status, created_at, source, confirmed_at) VALUES (?, 'active', ?, 'added', ?)
                ON CONFLICT (email) DO NOTHING
                """, [email, createdAt.stored, createdAt.stored]) == 1
        }
    }

    public func subscriberCount(status: SubscriberStatus) async throws -> Int {
        try await read { db in
            try db.fetchFirst("SELECT COUNT(*) FROM subscribers WHERE status = ?", [status.rawValue]) { $0[0] as Int } ?? 0
        }
    }

    public func requestSubscription(email: String, confirmTokenHash: String, now: Date, mail: NewOutboxJob) async throws -> SubscribeOutcome
    {
        try await write { db in
            let status = try db.fetchFirst("SELECT status FROM subscribers WHERE email = ?", [email]) { $0[0] as String }
            if status == SubscriberStatus.active.rawValue {
                // The row is written as it is, so this transaction commits to disk as the other
                // path's does: without it, answering an active address took visibly less time,
                // which told anyone who was on the list.
                try db.run("UPDATE subscribers SET email = email WHERE email = ?", [email])
                return .alreadyActive
            }
            // New, pending or unsubscribed: (again) pending, with this link only.
            try db.run(
                """
                INSERT INTO subscribers (email, status, created_at, confirm_token_hash, confirm_requested_at)
                VALUES (?, 'pending', ?, ?, ?)
                ON CONFLICT (email) DO UPDATE SET status = 'pending', confirm_token_hash = excluded.confirm_token_hash,
                    confirm_requested_at = excluded.confirm_requested_at
                """, [email, now.stored, confirmTokenHash, now.stored])
            _ = try Self.insertOutboxJobs([mail], now: now, in: db)
            return .confirmationSent
        }
    }

    public func confirmSubscription(tokenHash: String, requestedAfter: Date, now: Date) async throws -> Subscriber? {
        try await write { db in
            let id = try db.fetchFirst(
                """
                SELECT id FROM subscribers WHERE confirm_token_hash = ? AND status = 'pending' AND confirm_requested_at > ?
                """, [tokenHash, requestedAfter.stored]
            ) { $0[0] as Int64 }
            guard let id else { return nil }
            // The token is cleared as the subscriber is confirmed: a link confirms once.
            try db.run(
                "UPDATE subscribers SET status = 'active', confirmed_at = ?, confirm_token_hash = NULL, left_at = NULL WHERE id = ?",
                [now.stored, id])
            return try Self.subscriber(db, "id = ?", [id])
        }
    }

    public func subscriber(id: SubscriberID) async throws -> Subscriber? {
        try await read { db in try Self.subscriber(db, "id = ?", [id.rawValue]) }
    }

    public func subscriber(email: String) async throws -> Subscriber? {
        try await read { db in try Self.subscriber(db, "email = ?", [email]) }
    }

    static func subscriber(_ db: Database, _ condition: String, _ arguments: StatementArguments) throws -> Subscriber? {
        try db.fetchFirst("SELECT \(subscriberColumns) FROM subscribers WHERE \(condition)", arguments, decodeSubscriber)
    }

    public func unsubscribe(id: SubscriberID, now: Date) async throws -> Bool {
        try await write { db in
            // A confirmation link sent before leaving must not bring the address back.
            try db.run(
                """
                UPDATE subscribers SET status = 'unsubscribed', confirm_token_hash = NULL, left_at = COALESCE(left_at, ?)
                WHERE id = ? AND status IN ('pending', 'active')
                """, [now.stored, id.rawValue]) == 1
        }
    }

    public func activeSubscribers(after: SubscriberID?, limit: Int) async throws -> [Subscriber] {
        guard limit > 0 else { return [] }
        return try await read { db in
            // One range of subscribers_status_id, already in id order.
            try db.fetch(
                """
                SELECT \(Self.subscriberColumns) FROM subscribers WHERE status = 'active' AND id > ? ORDER BY id LIMIT ?
                """, [after?.rawValue ?? 0, limit], Self.decodeSubscriber)
        }
    }
}
