import Domain
import Foundation
import Storage

/// The in-memory outbox table: its rows and its id sequence.
struct InMemoryOutbox {
    var jobs: [OutboxJobID: OutboxJob] = [:]
    /// Never reused, as with a database sequence.
    var lastID: Int64 = 0
}

extension InMemoryStore {
    public func enqueue(_ jobs: [NewOutboxJob], now: Date) -> [OutboxJobID] {
        appendOutboxJobs(jobs, now: now)
    }

    /// Adds pending jobs due at `now` and returns their ids: what a method of this actor that
    /// must send mail with its change calls, so the change and its mail are one step.
    func appendOutboxJobs(_ jobs: [NewOutboxJob], now: Date) -> [OutboxJobID] {
        let now = now.truncatedToMilliseconds
        return jobs.map { new in
            outbox.lastID += 1
            let id = OutboxJobID(outbox.lastID)
            outbox.jobs[id] = OutboxJob(
                id: id, recipient: new.recipient, messageJSON: new.messageJSON, status: .pending,
                attempts: 0, nextAttemptAt: now, lockedUntil: nil, claimedBy: nil,
                lastError: nil, createdAt: now, sentAt: nil)
            return id
        }
    }

    public func claimDue(now: Date, limit: Int, lease: TimeInterval, worker: String) -> [OutboxJob] {
        guard limit > 0 else { return [] }
        // Compared in whole milliseconds, as the databases compare their integer columns.
        let nowMS = now.millisecondsSince1970
        let until = now.addingTimeInterval(lease).truncatedToMilliseconds
        let due = outbox.jobs.values
            .filter { $0.status == .pending && $0.nextAttemptAt.millisecondsSince1970 <= nowMS }
            .sorted { ($0.nextAttemptAt, $0.id) < ($1.nextAttemptAt, $1.id) }
            .prefix(limit)
        var claimed: [OutboxJob] = []
        for var job in due {
            job.attempts += 1
            job.lockedUntil = until
            job.nextAttemptAt = until
            job.claimedBy = worker
            outbox.jobs[job.id] = job
            claimed.append(job)
        }
        return claimed.sorted { $0.id < $1.id }
    }

    public func markSent(_ id: OutboxJobID, at: Date, keeping record: String?) throws {
        guard var job = outbox.jobs[id] else { throw StoreError.missing("outbox job") }
        guard job.status != .sent else { return }
        if let record { job.messageJSON = record }
        job.status = .sent
        job.sentAt = at.truncatedToMilliseconds
        job.lockedUntil = nil
        outbox.jobs[id] = job
    }

    public func markFailed(_ id: OutboxJobID, error: String, retryAt: Date?) throws {
        guard var job = outbox.jobs[id] else { throw StoreError.missing("outbox job") }
        guard job.status == .pending else { return }
        job.lastError = error
        job.lockedUntil = nil
        if let retryAt {
            job.nextAttemptAt = retryAt.truncatedToMilliseconds
        } else {
            job.status = .failed
        }
        outbox.jobs[id] = job
    }

    public func outboxJob(id: OutboxJobID) -> OutboxJob? {
        outbox.jobs[id]
    }

    public func outboxCounts() -> OutboxCounts {
        var counts = OutboxCounts()
        for job in outbox.jobs.values {
            switch job.status {
            case .pending: counts.pending += 1
            case .sent: counts.sent += 1
            case .failed: counts.failed += 1
            }
        }
        return counts
    }
}
