import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    /// The outbox columns, in the order `decodeOutboxJob` reads them.
    static let outboxColumns = """
        id, recipient, message_json, status, attempts, next_attempt_at, locked_until, claimed_by, last_error, \
        created_at, sent_at
        """

    static func decodeOutboxJob(_ row: Row) throws -> OutboxJob {
        let statusText: String = row[3]
        guard let status = OutboxStatus(rawValue: statusText) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unknown outbox status \(statusText)")
        }
        return OutboxJob(
            id: OutboxJobID(row[0]), recipient: row[1], messageJSON: row[2], status: status, attempts: row[4],
            nextAttemptAt: row.date(5), lockedUntil: row.optionalDate(6), claimedBy: row[7],
            lastError: row[8], createdAt: row.date(9), sentAt: row.optionalDate(10))
    }

    /// The ids of the jobs due at ?, oldest due first, at most ?: one range of `outbox_claim`,
    /// already in its order, however many sent jobs the table keeps.
    static let outboxDueSQL = """
        SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?
        ORDER BY next_attempt_at, id LIMIT ?
        """

    static let outboxAnyDueSQL = "SELECT 1 FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? LIMIT 1"

    public func enqueue(_ jobs: [NewOutboxJob], now: Date) async throws -> [OutboxJobID] {
        guard !jobs.isEmpty else { return [] }
        return try await write { db in try Self.insertOutboxJobs(jobs, now: now, in: db) }
    }

    /// Inserts pending jobs due at `now` inside the caller's write transaction and returns their
    /// ids: what a store method that must send mail with its change calls, so that the change
    /// and its mail commit together.
    static func insertOutboxJobs(_ jobs: [NewOutboxJob], now: Date, in db: Database) throws -> [OutboxJobID] {
        try jobs.map { job in
            try db.run(
                """
                INSERT INTO outbox (message_json, recipient, status, attempts, next_attempt_at, created_at)
                VALUES (?, ?, 'pending', 0, ?, ?)
                """, [job.messageJSON, job.recipient, now.stored, now.stored])
            return OutboxJobID(db.lastInsertedRowID)
        }
    }

    public func claimDue(now: Date, limit: Int, lease: TimeInterval, worker: String) async throws -> [OutboxJob] {
        guard limit > 0 else { return [] }
        let until = now.addingTimeInterval(lease).stored
        // Workers poll every few seconds and usually find nothing: a read says so without
        // taking the file's one write lock, which a CLI command or a request may be waiting for.
        guard try await read({ db in try db.exists(Self.outboxAnyDueSQL, [now.stored]) }) else { return [] }
        // One write transaction (BEGIN IMMEDIATE): SQLite has one writer, so no other claim can
        // run between the read of what is due and the update that takes it.
        return try await write { db in
            let due = try db.fetch(Self.outboxDueSQL, [now.stored, limit]) { $0[0] as Int64 }
            var claimed: [OutboxJob] = []
            for id in due.sorted() {
                try db.run(
                    """
                    UPDATE outbox SET attempts = attempts + 1, locked_until = ?, next_attempt_at = ?, claimed_by = ?
                    WHERE id = ?
                    """, [until, until, worker, id])
                if let job = try db.fetchFirst(
                    "SELECT \(Self.outboxColumns) FROM outbox WHERE id = ?", [id],
                    Self.decodeOutboxJob)
                {
                    claimed.append(job)
                }
            }
            return claimed
        }
    }

    public func markSent(_ id: OutboxJobID, at: Date, keeping record: String?) async throws {
        try await write { db in
            let changed = try db.run(
                """
                UPDATE outbox SET status = 'sent', sent_at = ?, locked_until = NULL, message_json = COALESCE(?, message_json)
                WHERE id = ? AND status <> 'sent'
                """, [at.stored, record, id.rawValue])
            if changed == 0 { try Self.requireOutboxJob(id, db) }
        }
    }

    public func markFailed(_ id: OutboxJobID, error: String, retryAt: Date?) async throws {
        try await write { db in
            let changed: Int
            if let retryAt {
                changed = try db.run(
                    """
                    UPDATE outbox SET last_error = ?, locked_until = NULL, next_attempt_at = ?
                    WHERE id = ? AND status = 'pending'
                    """, [error, retryAt.stored, id.rawValue])
            } else {
                changed = try db.run(
                    """
                    UPDATE outbox SET last_error = ?, locked_until = NULL, status = 'failed'
                    WHERE id = ? AND status = 'pending'
                    """, [error, id.rawValue])
            }
            if changed == 0 { try Self.requireOutboxJob(id, db) }
        }
    }

    /// Throws `StoreError.missing` when there is no job `id`: a mark that changed nothing was
    /// either for a job already settled (fine) or for none at all (a bug worth hearing about).
    static func requireOutboxJob(_ id: OutboxJobID, _ db: Database) throws {
        guard try db.exists("SELECT 1 FROM outbox WHERE id = ?", [id.rawValue]) else {
            throw StoreError.missing("outbox job")
        }
    }

    public func outboxJob(id: OutboxJobID) async throws -> OutboxJob? {
        try await read { db in
            try db.fetchFirst("SELECT \(Self.outboxColumns) FROM outbox WHERE id = ?", [id.rawValue], Self.decodeOutboxJob)
        }
    }

    public func outboxCounts() async throws -> OutboxCounts {
        try await read { db in
            var counts = OutboxCounts()
            for (status, count) in try db.fetch(
                "SELECT status, COUNT(*) FROM outbox GROUP BY status", [],
                {
                    ($0[0] as String, $0[1] as Int)
                })
            {
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
}
