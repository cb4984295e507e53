import Foundation
import Logging
import ServiceLifecycle
import Storage
import Synchronization

/// Sends what the outbox holds: a `Service` that claims due jobs, hands each to a ``Mailer``,
/// and records the outcome.
///
/// Each pass (``runOnce(now:)``) claims up to ``Configuration/batchSize`` due jobs for
/// ``Configuration/lease`` and sends them one after another:
/// - accepted: marked sent at once, before the next message is touched;
/// - a temporary ``MailError`` (4xx, connection refused or dropped, timeout) or any other error:
///   tried again after an exponential back-off (``retryDelay(afterAttempt:base:cap:jitter:random:)``:
///   30 s, doubling, at most 6 h, shortened by up to half at random so that a burst of failures
///   does not come back as one burst), until ``Configuration/maxAttempts`` attempts have been
///   made; then it is given up (failed), keeping the last error;
/// - a permanent ``MailError`` (5xx, a refused address, bad credentials): failed at once.
///
/// **What "never twice" means here.** A message marked sent is never sent again. Between the
/// mail server's acceptance and the commit of `markSent` there is a window (milliseconds, or
/// longer if the database is unreachable): if the process dies in it, or the mark cannot be
/// written, the job's lease runs out and the message is sent once more, with the same
/// Message-ID, so receivers can recognise the duplicate. That is at-least-once delivery with a
/// lease; exactly-once is impossible across two systems without the receiver's help. A crash
/// *before* the send (or between the commit that enqueued and any claim) loses nothing: the
/// job comes due again when its lease ends.
///
/// Several workers, in one process or in several instances on one PostgreSQL database, can run
/// at once: a job is held by one claim at a time (see ``OutboxStore``). A worker sends a job
/// only while at least a quarter of its lease remains, so that a slow batch never sends a job
/// that another worker may have re-claimed; jobs it leaves come due when the lease ends.
///
/// ``run()`` polls every ``Configuration/pollInterval`` (at once again when a batch was full);
/// ``wake()`` starts a pass without waiting, for mail that should go now (a sign-in link).
/// On graceful shutdown it finishes the batch in hand and stops; on cancellation it stops
/// between two messages, leaving the rest to come due when their lease ends.
public final class OutboxWorker: Service {
    /// How the worker paces and retries.
    public struct Configuration: Sendable {
        /// The pause between two passes that found less than a full batch.
        public var pollInterval: Duration
        /// How many jobs one pass claims.
        public var batchSize: Int
        /// How long a claim hides its jobs from other workers. Must comfortably cover sending a
        /// whole batch at the mailer's worst-case timeouts, or jobs at the end of a slow batch
        /// are left for the next claim.
        public var lease: TimeInterval
        /// Attempts before a temporary error gives up (the first send counts as one).
        public var maxAttempts: Int
        /// The delay after the first failed attempt; each later one doubles it.
        public var retryBase: TimeInterval
        /// The longest delay between two attempts.
        public var retryCap: TimeInterval
        /// The share of each delay taken off at random (0 none, 0.5 up to half).
        public var jitter: Double

        public init(
            pollInterval: Duration = .seconds(5), batchSize: Int = 20, lease: TimeInterval = 600,
            maxAttempts: Int = 8, retryBase: TimeInterval = 30, retryCap: TimeInterval = 6 * 3600,
            jitter: Double = 0.5
        ) {
            self.pollInterval = pollInterval
            self.batchSize = batchSize
            self.lease = lease
            self.maxAttempts = maxAttempts
            self.retryBase = retryBase
            self.retryCap = retryCap
            self.jitter = jitter
        }
    }

    /// The name this worker claims jobs under (`claimedBy`): host, process and a random part.
    public let workerID: String
    public let configuration: Configuration
    private let store: any OutboxStore
    private let mailer: any Mailer
    private let logger: Logger
    private let clock: @Sendable () -> Date
    /// The sleep between passes, which ``wake()`` ends from any task.
    private let wakeups = WorkerPause()

    /// A worker sending `store`'s jobs through `mailer`. `now` is the clock ``run()`` reads
    /// (``runOnce(now:)`` takes its time from the caller).
    public init(
        store: any OutboxStore, mailer: any Mailer, configuration: Configuration = Configuration(),
        workerID: String = OutboxWorker.defaultWorkerID(), logger: Logger = Logger(label: "parley.outbox"),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.mailer = mailer
        self.configuration = configuration
        self.workerID = workerID
        self.logger = logger
        self.clock = now
    }

    /// `host:pid:random`, unique enough to tell instances and restarts apart in `claimed_by`.
    public static func defaultWorkerID() -> String { DurableWorker.makeID() }

    // MARK: Running

    /// Polls and sends until graceful shutdown or cancellation. Never throws: a failing store
    /// or mailer is logged and tried again on the next pass.
    public func run() async throws {
        logger.info("outbox worker started", metadata: ["outbox.worker": "\(workerID)"])
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            let claimed = await runOnce(now: clock())
            // A full batch means more may be due: go on without a pause.
            if claimed >= configuration.batchSize { continue }
            await pause()
        }
        logger.info("outbox worker stopped", metadata: ["outbox.worker": "\(workerID)"])
    }

    /// Starts the next pass now instead of at the end of the poll interval (a no-op when a pass
    /// is running: the next pause is skipped instead). Call it after committing mail that
    /// should go at once.
    public func wake() { wakeups.wake() }

    /// One pass: claims up to a batch of due jobs at `now`, sends them and records each
    /// outcome. Returns how many jobs it claimed (each now sent, scheduled again or failed,
    /// unless the lease ran short or the task was cancelled). Never throws: errors are logged.
    @discardableResult
    public func runOnce(now: Date) async -> Int {
        let started = ContinuousClock.now
        let jobs: [OutboxJob]
        do {
            jobs = try await store.claimDue(
                now: now, limit: configuration.batchSize, lease: configuration.lease,
                worker: workerID)
        } catch {
            logger.error("outbox: cannot claim jobs", metadata: ["error": "\(error)"])
            return 0
        }
        for (index, job) in jobs.enumerated() {
            if Task.isCancelled { break }
            let elapsed = Self.seconds(started.duration(to: .now))
            guard elapsed < configuration.lease * 0.75 else {
                logger.warning(
                    "outbox: lease running out; leaving the rest of the batch for a later claim",
                    metadata: ["outbox.left": "\(jobs.count - index)"])
                break
            }
            await process(job, now: now.addingTimeInterval(elapsed), started: started)
        }
        return jobs.count
    }

    /// The delay before the attempt after attempt number `attempt` (1 for the first) failed:
    /// `base * 2^(attempt-1)`, at most `cap`, less a random share of up to `jitter` of it
    /// (`random` is in 0..<1).
    public static func retryDelay(
        afterAttempt attempt: Int, base: TimeInterval, cap: TimeInterval, jitter: Double, random: Double
    ) -> TimeInterval {
        DurableWorker.retryDelay(afterAttempt: attempt, base: base, cap: cap, jitter: jitter, random: random)
    }

    // MARK: One job

    private func process(_ job: OutboxJob, now: Date, started: ContinuousClock.Instant) async {
        var logger = self.logger
        logger[metadataKey: "outbox.job"] = "\(job.id)"
        logger[metadataKey: "outbox.attempt"] = "\(job.attempts)"

        // Claimed once more than attempts allow, yet not given up: the last attempt never
        // finished (its worker died or its lease ran out, perhaps because of this very message).
        // Give up rather than go round for ever.
        if job.attempts > configuration.maxAttempts {
            let last = job.lastError.map { "; last error: \($0)" } ?? ""
            await fail(
                job, "gave up after \(job.attempts - 1) attempts, the last of which never finished\(last)",
                retryAt: nil, logger)
            return
        }
        let message: MailMessage
        do {
            message = try MailMessage(outboxJSON: job.messageJSON)
        } catch {
            await fail(job, "stored message cannot be read: \(error)", retryAt: nil, logger)
            return
        }
        logger[metadataKey: "mail.message_id"] = "\(message.messageID)"

        do {
            try await mailer.send(message)
        } catch {
            let mailError = error as? MailError
            let reason = mailError.map { "\($0)" } ?? "\(error)"
            let elapsed = Self.seconds(started.duration(to: .now))
            let failedAt = now.addingTimeInterval(elapsed)
            if mailError?.isPermanent == true {
                await fail(job, reason, retryAt: nil, bouncedAt: mailError?.isBounce == true ? failedAt : nil, logger)
            } else if job.attempts >= configuration.maxAttempts {
                await fail(job, reason, retryAt: nil, logger)
            } else {
                let delay = Self.retryDelay(
                    afterAttempt: job.attempts, base: configuration.retryBase,
                    cap: configuration.retryCap, jitter: configuration.jitter,
                    random: Double.random(in: 0..<1))
                await fail(job, reason, retryAt: failedAt.addingTimeInterval(delay), logger)
            }
            return
        }
        await markSent(job, at: now.addingTimeInterval(Self.seconds(started.duration(to: .now))), logger)
    }

    /// Marks the job sent, trying a few times: every failure here means the message will be
    /// sent a second time when the lease ends.
    private func markSent(_ job: OutboxJob, at date: Date, _ logger: Logger) async {
        for delay in [0.0, 0.2, 1, 5] {
            if delay > 0 { try? await Task.sleep(for: .milliseconds(Int(delay * 1000))) }
            do {
                try await store.markSent(job.id, at: date, keeping: Self.sentRecord(of: job))
                logger.info("outbox: sent", metadata: ["mail.to": "\(job.recipient)"])
                return
            } catch {
                logger.error("outbox: sent, but cannot record it", metadata: ["error": "\(error)"])
            }
        }
        logger.error("outbox: sent but not recorded; it will be sent again when its lease ends")
    }

    /// What the outbox keeps of a sent message: sender, recipient, subject, date and
    /// Message-ID, without the body or extra headers (a sign-in link, a signed unsubscribe link).
    static func sentRecord(of job: OutboxJob) -> String? {
        guard let message = try? MailMessage(outboxJSON: job.messageJSON) else { return nil }
        let record = MailMessage(
            from: message.from, to: message.to, subject: message.subject, text: "", html: nil, headers: [],
            messageID: message.messageID, date: message.date)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(record)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Records a failed attempt; with `bouncedAt`, a bounce: where the store keeps a subscriber
    /// list, the address's subscriber is marked bounced in the same transaction.
    private func fail(_ job: OutboxJob, _ reason: String, retryAt: Date?, bouncedAt: Date? = nil, _ logger: Logger) async {
        // A reply quoted in full can be long; the start says what happened.
        let reason = reason.count > 2000 ? String(reason.prefix(2000)) + "…" : reason
        do {
            if let bouncedAt, let bounces = store as? any BounceStore {
                if try await bounces.markBounced(job.id, error: reason, recipient: job.recipient, now: bouncedAt) {
                    logger.warning("outbox: address bounced; its subscriber is marked bounced", metadata: ["mail.to": "\(job.recipient)"])
                }
            } else {
                try await store.markFailed(job.id, error: reason, retryAt: retryAt)
            }
        } catch {
            // The lease ends anyway and the job comes due again: nothing is lost.
            logger.error("outbox: cannot record a failed attempt", metadata: ["error": "\(error)"])
            return
        }
        if let retryAt {
            logger.warning(
                "outbox: attempt failed; will retry",
                metadata: [
                    "mail.to": "\(job.recipient)", "error": "\(reason)", "outbox.retry_at": "\(retryAt)",
                ])
        } else {
            logger.error("outbox: giving up", metadata: ["mail.to": "\(job.recipient)", "error": "\(reason)"])
        }
    }

    // MARK: Pausing

    /// Waits for the poll interval, a ``wake()``, a graceful shutdown or cancellation.
    private func pause() async {
        let interval = configuration.pollInterval
        await cancelWhenGracefulShutdown { await self.wakeups.pause(for: interval) }
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

// MARK: Messages in the outbox

extension MailMessage {
    /// The message as the outbox keeps it: JSON, with its recipient beside it.
    ///
    /// The message is rendered once here and thrown away, so that one that could never be sent
    /// (a header with a line break, a reserved header name) is refused by the use case that
    /// makes it, not found an hour later by the worker. Throws that ``MailError``.
    public func outboxJob() throws -> NewOutboxJob {
        _ = try MIMEWriter.render(self)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return NewOutboxJob(recipient: to.address, messageJSON: String(decoding: try encoder.encode(self), as: UTF8.self))
    }

    /// Reads a message the outbox kept (see ``outboxJob()``); the addresses are checked again.
    public init(outboxJSON: String) throws {
        self = try JSONDecoder().decode(MailMessage.self, from: Data(outboxJSON.utf8))
    }
}

extension OutboxStore {
    /// Adds `messages` to the outbox, due at `now`, in one transaction; returns their ids in
    /// order. Throws ``MailError`` before writing anything if one of them could never be sent.
    ///
    /// For mail that follows no write of ours; mail caused by a write goes in with the write
    /// (see ``OutboxStore``), from ``MailMessage/outboxJob()``.
    public func enqueue(_ messages: [MailMessage], now: Date) async throws -> [OutboxJobID] {
        try await enqueue(messages.map { try $0.outboxJob() }, now: now)
    }
}
