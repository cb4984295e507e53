import Domain
import Foundation
import Logging
import ServiceLifecycle
import Storage
import Synchronization

/// Delivers the webhook outbox: a `Service` that claims due deliveries, sends each (signed)
/// and records the answer, built as the mail `OutboxWorker` is.
///
/// Each pass (``runOnce(now:)``) claims up to ``Configuration/batchSize`` due deliveries for
/// ``Configuration/lease`` and sends them one after another:
/// - a 2xx answer: delivered;
/// - any other answer, a timeout, a refused connection, a name that does not resolve: tried
///   again after an exponential back-off (``retryDelay(afterAttempt:base:cap:jitter:random:)``:
///   1 minute, doubling, at most 6 hours, up to half taken off at random), until
///   ``Configuration/maxAttempts`` attempts; then given up (failed);
/// - an address that is not public (unless allowed), or a URL no longer allowed: failed at once.
///
/// The body is written on the first attempt and kept, so every retry sends the same bytes
/// under the same `Parley-Webhook-Id`; the timestamp and signature are made afresh for each.
/// Delivery is at least once, as the outbox's mail: a crash between the endpoint's answer and
/// the record sends the delivery again when its lease ends.
public final class WebhookWorker: Service {
    public struct Configuration: Sendable {
        public var pollInterval: Duration
        public var batchSize: Int
        /// Must cover a whole batch at the sender's timeout, or the end of a slow batch is left for the next claim.
        public var lease: TimeInterval
        public var maxAttempts: Int
        public var retryBase: TimeInterval
        public var retryCap: TimeInterval
        public var jitter: Double

        public init(
            pollInterval: Duration = .seconds(5), batchSize: Int = 10, lease: TimeInterval = 300, maxAttempts: Int = 12,
            retryBase: TimeInterval = 60, retryCap: TimeInterval = 6 * 3600, jitter: Double = 0.5
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

    public let workerID: String
    public let configuration: Configuration
    private let store: any WebhookStore
    private let sender: WebhookSender
    private let body: WebhookBody
    private let logger: Logger
    private let clock: @Sendable () -> Date
    private let wakeups = WorkerPause()

    public init(
        store: any WebhookStore, sender: WebhookSender, body: WebhookBody, configuration: Configuration = Configuration(),
        workerID: String = WebhookWorker.defaultWorkerID(), logger: Logger = Logger(label: "parley.webhooks"),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.sender = sender
        self.body = body
        self.configuration = configuration
        self.workerID = workerID
        self.logger = logger
        self.clock = now
    }

    /// `host:pid:random`, as the outbox worker names itself.
    public static func defaultWorkerID() -> String { DurableWorker.makeID() }

    /// Polls and delivers until graceful shutdown or cancellation. Never throws.
    public func run() async throws {
        logger.info("webhook worker started", metadata: ["webhooks.worker": "\(workerID)"])
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            let claimed = await runOnce(now: clock())
            if claimed >= configuration.batchSize { continue }
            await pause()
        }
        logger.info("webhook worker stopped", metadata: ["webhooks.worker": "\(workerID)"])
    }

    /// Starts the next pass now (after a test delivery was asked for).
    public func wake() { wakeups.wake() }

    /// One pass at `now`: claims, sends and records. Returns how many deliveries it claimed.
    @discardableResult
    public func runOnce(now: Date) async -> Int {
        let started = ContinuousClock.now
        let jobs: [WebhookJob]
        do {
            jobs = try await store.claimDueWebhooks(now: now, limit: configuration.batchSize, lease: configuration.lease, worker: workerID)
        } catch {
            logger.error("webhooks: cannot claim deliveries", metadata: ["error": "\(error)"])
            return 0
        }
        for (index, job) in jobs.enumerated() {
            if Task.isCancelled { break }
            let elapsed = Self.seconds(started.duration(to: .now))
            guard elapsed < configuration.lease * 0.75 else {
                logger.warning(
                    "webhooks: lease running out; leaving the rest for a later claim", metadata: ["webhooks.left": "\(jobs.count - index)"])
                break
            }
            await process(job, now: now.addingTimeInterval(elapsed), started: started)
        }
        return jobs.count
    }

    /// The delay after attempt number `attempt` failed: `base * 2^(attempt-1)`, at most `cap`,
    /// less a random share of up to `jitter` of it (`random` in 0..<1).
    public static func retryDelay(
        afterAttempt attempt: Int, base: TimeInterval, cap: TimeInterval, jitter: Double, random: Double
    ) -> TimeInterval {
        DurableWorker.retryDelay(afterAttempt: attempt, base: base, cap: cap, jitter: jitter, random: random)
    }

    /// The headers of one attempt: who, what, when, and the signature over timestamp and body.
    public static func headers(for delivery: WebhookDelivery, body: String, secret: String, at date: Date) -> [(String, String)] {
        let timestamp = Int64(date.timeIntervalSince1970.rounded(.down))
        return [
            ("Content-Type", "application/json"),
            ("User-Agent", "Parley-Webhooks/1"),
            ("Parley-Webhook-Id", String(delivery.id.rawValue)),
            ("Parley-Webhook-Event", delivery.event.rawValue),
            ("Parley-Webhook-Attempt", String(delivery.attempts)),
            ("Parley-Webhook-Timestamp", String(timestamp)),
            ("Parley-Webhook-Signature", WebhookSignature.header(body: Array(body.utf8), timestamp: timestamp, secret: secret)),
        ]
    }

    // MARK: One delivery

    private func process(_ job: WebhookJob, now: Date, started: ContinuousClock.Instant) async {
        let delivery = job.delivery
        var logger = self.logger
        logger[metadataKey: "webhooks.delivery"] = "\(delivery.id)"
        logger[metadataKey: "webhooks.event"] = "\(delivery.event.rawValue)"
        logger[metadataKey: "webhooks.attempt"] = "\(delivery.attempts)"

        if delivery.attempts > configuration.maxAttempts {
            let response = WebhookResponse(
                status: nil, excerpt: "gave up after \(delivery.attempts - 1) attempts, the last of which never finished", milliseconds: 0)
            await record(delivery, at: now, response, delivered: false, retryAt: nil, logger)
            return
        }
        let text: String
        if let kept = delivery.body {
            text = kept
        } else {
            do {
                let subject = try await store.webhookSubject(delivery.event, subjectID: delivery.subjectID)
                text = body.render(delivery, endpoint: job.endpoint, subject: subject, format: job.endpoint.format)
                try await store.keepWebhookBody(delivery.id, body: text)
            } catch {
                // The lease ends and the delivery comes due again: nothing is lost.
                logger.error("webhooks: cannot prepare the body", metadata: ["error": "\(error)"])
                return
            }
        }
        let sentAt = now.addingTimeInterval(Self.seconds(started.duration(to: .now)))
        let outcome = await sender.post(
            text, to: job.endpoint.url, headers: Self.headers(for: delivery, body: text, secret: job.endpoint.secret, at: sentAt))
        let finishedAt = now.addingTimeInterval(Self.seconds(started.duration(to: .now)))
        if outcome.delivered {
            await record(delivery, at: finishedAt, outcome.response, delivered: true, retryAt: nil, logger)
        } else if outcome.permanent || delivery.attempts >= configuration.maxAttempts {
            await record(delivery, at: finishedAt, outcome.response, delivered: false, retryAt: nil, logger)
        } else {
            let delay = Self.retryDelay(
                afterAttempt: delivery.attempts, base: configuration.retryBase, cap: configuration.retryCap, jitter: configuration.jitter,
                random: Double.random(in: 0..<1))
            await record(
                delivery, at: finishedAt, outcome.response, delivered: false, retryAt: finishedAt.addingTimeInterval(delay), logger)
        }
    }

    private func record(
        _ delivery: WebhookDelivery, at date: Date, _ response: WebhookResponse, delivered: Bool, retryAt: Date?, _ logger: Logger
    ) async {
        do {
            try await store.recordWebhookAttempt(delivery.id, at: date, response: response, delivered: delivered, retryAt: retryAt)
        } catch {
            logger.error("webhooks: cannot record an attempt; it will be made again when its lease ends", metadata: ["error": "\(error)"])
            return
        }
        let metadata: Logger.Metadata = ["webhooks.status": "\(response.status.map(String.init) ?? "none")"]
        if delivered {
            logger.info("webhooks: delivered", metadata: metadata)
        } else if let retryAt {
            logger.warning(
                "webhooks: attempt failed; will retry",
                metadata: metadata.merging(["webhooks.retry_at": "\(retryAt)", "error": "\(response.excerpt)"]) { $1 })
        } else {
            logger.error("webhooks: giving up", metadata: metadata.merging(["error": "\(response.excerpt)"]) { $1 })
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
