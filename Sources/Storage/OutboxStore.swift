import Domain
import Foundation

// The durable outbox: mail to send, kept in the site's own database so that a write and the
// mail it causes commit together, and a crash between the commit and the sending loses nothing.
//
// The store knows nothing about mail: a job carries its message as opaque JSON (the Mail room
// encodes a `MailMessage`; see `OutboxWorker`) and its recipient's address as plain text, for
// operators and for deleting a member's pending mail. Storage cannot import Mail, since Mail
// depends on Storage for this port.

/// The id of an outbox job, assigned by the store in insertion order.
public typealias OutboxJobID = Identifier<OutboxJob>

/// Where a job is in its life: waiting (or being sent), sent, or given up on.
public enum OutboxStatus: String, Sendable, CaseIterable, Codable {
    /// Not sent yet: due at `nextAttemptAt`, possibly claimed by a worker right now.
    case pending
    /// Accepted by the mail server (or the file mailer); never sent again.
    case sent
    /// Given up on: a permanent error, or too many temporary ones. `lastError` says why.
    case failed
}

/// A message to put in the outbox.
public struct NewOutboxJob: Sendable, Hashable {
    /// The recipient's address, as sent: for operators and for finding a member's mail.
    public var recipient: String
    /// The message, encoded by the Mail room; the store keeps it byte for byte.
    public var messageJSON: String

    public init(recipient: String, messageJSON: String) {
        self.recipient = recipient
        self.messageJSON = messageJSON
    }
}

/// One row of the outbox, as stored.
public struct OutboxJob: Sendable, Hashable, Identifiable {
    public var id: OutboxJobID
    public var recipient: String
    public var messageJSON: String
    public var status: OutboxStatus
    /// How many times a worker has claimed the job to send it. Counted when claimed, not when
    /// the attempt ends, so that an attempt whose worker died still counts.
    public var attempts: Int
    /// When the job may next be claimed. While a worker holds it, this is the end of the lease.
    public var nextAttemptAt: Date
    /// The end of the current (or last) worker's lease; nil when no worker holds it.
    public var lockedUntil: Date?
    /// The worker that last claimed the job.
    public var claimedBy: String?
    /// What went wrong on the last failed attempt; kept after a later success, for the record.
    public var lastError: String?
    public var createdAt: Date
    public var sentAt: Date?

    public init(
        id: OutboxJobID, recipient: String, messageJSON: String, status: OutboxStatus, attempts: Int,
        nextAttemptAt: Date, lockedUntil: Date?, claimedBy: String?, lastError: String?, createdAt: Date,
        sentAt: Date?
    ) {
        self.id = id
        self.recipient = recipient
        self.messageJSON = messageJSON
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lockedUntil = lockedUntil
        self.claimedBy = claimedBy
        self.lastError = lastError
        self.createdAt = createdAt
        self.sentAt = sentAt
    }
}

/// How many jobs are in each state: for metrics, health pages and tests.
public struct OutboxCounts: Sendable, Hashable {
    public var pending: Int
    public var sent: Int
    public var failed: Int

    public init(pending: Int = 0, sent: Int = 0, failed: Int = 0) {
        self.pending = pending
        self.sent = sent
        self.failed = failed
    }
}

/// Mail waiting to be sent, and what became of it.
///
/// **Delivery is at least once, with a lease.** A worker claims due jobs (`claimDue`), which
/// hides them from other workers until `now + lease`; it sends each and marks it sent at once.
/// If the worker dies after the mail server accepted a message but before `markSent` committed,
/// the lease runs out and another worker sends that message again: at most one duplicate per
/// crash, carrying the same Message-ID, so receivers can tell. What was marked sent is never
/// sent again. Several workers, on one engine or on several instances sharing PostgreSQL,
/// never hold the same job at once (PostgreSQL claims with `FOR UPDATE SKIP LOCKED`; SQLite's
/// single writer makes the claim atomic).
///
/// **Mail that follows a change goes in with the change.** A use case whose write must send
/// mail (a reply notification, a sign-in link) does not call `enqueue` after its write: a crash
/// in between would lose the mail, and a failure of the enqueue would leave the write without
/// it. Instead the write's own store method takes the jobs, e.g.
/// `insertSignInToken(_:mail:)`, and inserts them in its own transaction. Each
/// engine has a helper for that, callable from inside any of its transactions:
/// `SQLiteStore.insertOutboxJobs(_:now:in:)` and
/// `PostgresStore.insertOutboxJobs(_:now:on:logger:)`. `enqueue` is for mail that follows no
/// write of ours (a newsletter batch, a test).
///
/// Times are kept in whole milliseconds, as elsewhere.
public protocol OutboxStore: Sendable {
    /// Adds `jobs` as pending and due at `now`, in one transaction; returns their ids, in order.
    func enqueue(_ jobs: [NewOutboxJob], now: Date) async throws -> [OutboxJobID]

    /// Claims up to `limit` due jobs for `worker`, oldest due first, in one transaction: pending
    /// jobs whose `nextAttemptAt <= now`, which includes jobs whose previous worker's lease ran
    /// out. Each claimed job gets one more attempt, `lockedUntil = now + lease`, `claimedBy =
    /// worker`, and `nextAttemptAt = now + lease` (so an unfinished claim comes due again when
    /// its lease ends). Returns the claimed jobs as they now are, in id order.
    func claimDue(now: Date, limit: Int, lease: TimeInterval, worker: String) async throws -> [OutboxJob]

    /// Records that the job's message was accepted: status sent, `sentAt = at`, lease cleared,
    /// and, with `record`, the message replaced by it (the worker keeps who, when and what
    /// about, not the body: a body can hold a one-time link, and the outbox is not a mail
    /// archive). Marking a sent job again changes nothing; a job that was given up on
    /// meanwhile (a late success after another worker failed it) becomes sent, since the mail
    /// did go. Throws `StoreError.missing` for an unknown id.
    func markSent(_ id: OutboxJobID, at: Date, keeping record: String?) async throws

    /// Records a failed attempt: keeps `error` as the last error and clears the lease; with
    /// `retryAt`, the job stays pending and comes due then; with nil, it is given up (failed).
    /// A job that is no longer pending (sent by another worker meanwhile) is left as it is.
    /// Throws `StoreError.missing` for an unknown id.
    func markFailed(_ id: OutboxJobID, error: String, retryAt: Date?) async throws

    /// The job with this id, or nil.
    func outboxJob(id: OutboxJobID) async throws -> OutboxJob?

    /// How many jobs are pending, sent and failed.
    func outboxCounts() async throws -> OutboxCounts
}

extension OutboxStore {
    /// Records that the job was sent, keeping its message as it is.
    public func markSent(_ id: OutboxJobID, at: Date) async throws {
        try await markSent(id, at: at, keeping: nil)
    }
}
