import Domain
import Foundation
import Logging
import PostgresNIO
import Storage

extension PostgresStore {
    /// The outbox columns, in the order `decodeOutboxJob` reads them.
    static let outboxColumns = """
        id, recipient, message_json, status, attempts, next_attempt_at, locked_until, claimed_by, last_error, \
        created_at, sent_at
        """

    /// The same, named through the table: for statements where `id` alone would be ambiguous.
    static let qualifiedOutboxColumns = """
        outbox.id, outbox.recipient, outbox.message_json, outbox.status, outbox.attempts, outbox.next_attempt_at, \
        outbox.locked_until, outbox.claimed_by, outbox.last_error, outbox.created_at, outbox.sent_at
        """

    struct UnknownOutboxStatus: Error, CustomStringConvertible {
        var status: String
        var description: String { "unknown outbox status \(status)" }
    }

    static func decodeOutboxJob(_ row: PostgresRow) throws -> OutboxJob {
        let (
            id, recipient, messageJSON, statusText, attempts, nextAttemptAt, lockedUntil, claimedBy, lastError,
            createdAt, sentAt
        ) = try row.decode(
            (Int64, String, String, String, Int, Int64, Int64?, String?, String?, Int64, Int64?).self)
        guard let status = OutboxStatus(rawValue: statusText) else { throw UnknownOutboxStatus(status: statusText) }
        return OutboxJob(
            id: OutboxJobID(id), recipient: recipient, messageJSON: messageJSON, status: status,
            attempts: attempts, nextAttemptAt: Date(millisecondsSince1970: nextAttemptAt),
            lockedUntil: lockedUntil.date, claimedBy: claimedBy, lastError: lastError,
            createdAt: Date(millisecondsSince1970: createdAt), sentAt: sentAt.date)
    }

    public func enqueue(_ jobs: [NewOutboxJob], now: Date) async throws -> [OutboxJobID] {
        guard !jobs.isEmpty else { return [] }
        return try await withConnection { connection in
            // One statement is one transaction: no BEGIN needed.
            try await Self.insertOutboxJobs(jobs, now: now, on: connection, logger: logger)
        }
    }

    /// Inserts pending jobs due at `now` on `connection` (inside the caller's transaction, when
    /// it has one) and returns their ids in the order of `jobs`: what a store method that must
    /// send mail with its change calls, so that the change and its mail commit together.
    ///
    /// One statement whatever the number of jobs (a newsletter's thousands), the rows passed as
    /// two arrays. The ids come from the identity's sequence in `ORDINALITY` order, so sorted
    /// they follow `jobs`.
    static func insertOutboxJobs(
        _ jobs: [NewOutboxJob], now: Date, on connection: PostgresConnection,
        logger: Logger
    ) async throws -> [OutboxJobID] {
        guard !jobs.isEmpty else { return [] }
        let messages = jobs.map(\.messageJSON), recipients = jobs.map(\.recipient)
        let rows = try await connection.rows(
            """
            INSERT INTO outbox (message_json, recipient, status, attempts, next_attempt_at, created_at)
            SELECT job.message_json, job.recipient, 'pending', 0, \(now.stored), \(now.stored)
            FROM UNNEST(\(messages)::text[], \(recipients)::text[]) WITH ORDINALITY AS job (message_json, recipient, n)
            ORDER BY job.n
            RETURNING id
            """, logger)
        return try rows.map { OutboxJobID(try $0.decode(Int64.self)) }.sorted()
    }

    public func claimDue(now: Date, limit: Int, lease: TimeInterval, worker: String) async throws -> [OutboxJob] {
        guard limit > 0 else { return [] }
        let until = now.addingTimeInterval(lease).stored
        // One statement, so one transaction. SKIP LOCKED passes over rows another instance is
        // claiming at this moment instead of waiting for them; a row whose claim committed while
        // this one ran is re-checked against the WHERE (READ COMMITTED re-reads the new version),
        // where its pushed-back next_attempt_at drops it. So no two claims ever share a job.
        // The choice is a MATERIALIZED CTE, not `WHERE id IN (SELECT ... LIMIT n FOR UPDATE)`:
        // the planner may run such a subquery more than once and update more than n rows.
        return try await rows(
            """
            WITH due AS MATERIALIZED (
                SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= \(now.stored)
                ORDER BY next_attempt_at, id
                LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
            )
            UPDATE outbox
            SET attempts = attempts + 1, locked_until = \(until), next_attempt_at = \(until), claimed_by = \(worker)
            FROM due
            WHERE outbox.id = due.id
            RETURNING \(unescaped: Self.qualifiedOutboxColumns)
            """
        ).map(Self.decodeOutboxJob).sorted { $0.id < $1.id }
    }

    public func markSent(_ id: OutboxJobID, at: Date, keeping record: String?) async throws {
        let changed = try await rows(
            """
            UPDATE outbox SET status = 'sent', sent_at = \(at.stored), locked_until = NULL, message_json = COALESCE(\(record), message_json)
            WHERE id = \(id.rawValue) AND status <> 'sent'
            RETURNING id
            """)
        if changed.isEmpty { try await requireOutboxJob(id) }
    }

    public func markFailed(_ id: OutboxJobID, error: String, retryAt: Date?) async throws {
        let changed: [PostgresRow]
        if let retryAt {
            changed = try await rows(
                """
                UPDATE outbox SET last_error = \(error), locked_until = NULL, next_attempt_at = \(retryAt.stored)
                WHERE id = \(id.rawValue) AND status = 'pending'
                RETURNING id
                """)
        } else {
            changed = try await rows(
                """
                UPDATE outbox SET last_error = \(error), locked_until = NULL, status = 'failed'
                WHERE id = \(id.rawValue) AND status = 'pending'
                RETURNING id
                """)
        }
        if changed.isEmpty { try await requireOutboxJob(id) }
    }

    /// Throws `StoreError.missing` when there is no job `id`: a mark that changed nothing was
    /// either for a job already settled (fine) or for none at all (a bug worth hearing about).
    func requireOutboxJob(_ id: OutboxJobID) async throws {
        guard try await !rows("SELECT 1 FROM outbox WHERE id = \(id.rawValue)").isEmpty else {
            throw StoreError.missing("outbox job")
        }
    }

    public func outboxJob(id: OutboxJobID) async throws -> OutboxJob? {
        try await rows("SELECT \(unescaped: Self.outboxColumns) FROM outbox WHERE id = \(id.rawValue)")
            .first.map(Self.decodeOutboxJob)
    }

    public func outboxCounts() async throws -> OutboxCounts {
        var counts = OutboxCounts()
        for row in try await rows("SELECT status, COUNT(*) FROM outbox GROUP BY status") {
            let (status, count) = try row.decode((String, Int).self)
            switch OutboxStatus(rawValue: status) {
            case .pending: counts.pending = count
            case .sent: counts.sent = count
            case .failed: counts.failed = count
            case nil: break
            }
        }
        return counts
    }
}
