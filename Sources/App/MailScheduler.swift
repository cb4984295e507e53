import Foundation
import Logging
import ServiceLifecycle
import UseCases

/// Runs the mail that no request waits for, on a timer: grouped notifications and follow
/// digests (every few seconds, each sent once due), newsletter batches (at the configured
/// rate, per instance), and the purge of expired sign-in links (hourly). Every step is a use case that is
/// safe on several instances at once, so each instance runs its own scheduler.
struct MailScheduler: Service {
    let actions: Actions
    let logger: Logger
    /// How often due notifications are looked for: the grouping window is minutes, so seconds of delay do not matter.
    var notificationInterval: Duration = .seconds(5)
    var purgeInterval: Duration = .seconds(3600)

    func run() async throws {
        do {
            try await runUntilShutdown()
        } catch is CancellationError {
            // Graceful shutdown cancels the sleep between passes: the normal way to end.
        }
    }

    private func runUntilShutdown() async throws {
        try await cancelWhenGracefulShutdown {
            let clock = ContinuousClock()
            var nextNewsletter = clock.now
            var nextPurge = clock.now
            var nextStaffDigest = clock.now
            while !Task.isCancelled {
                await step("notifications") { try await actions.sendDueNotifications() }
                if clock.now >= nextNewsletter {
                    let pace = Self.newsletterPace(perMinute: actions.mail.newsletterPerMinute)
                    await step("newsletter") { try await actions.sendNewsletterBatches(batchSize: pace.batch) }
                    nextNewsletter = clock.now.advanced(by: pace.interval)
                }
                // Once a minute is enough for a digest sent at most every `staffDigestInterval`.
                if clock.now >= nextStaffDigest {
                    await step("staff digest") { try await actions.sendStaffDigest() }
                    nextStaffDigest = clock.now.advanced(by: .seconds(60))
                }
                if clock.now >= nextPurge {
                    await step("sign-in link purge") { try await actions.purgeExpiredSignInLinks() }
                    nextPurge = clock.now.advanced(by: purgeInterval)
                }
                try await Task.sleep(for: notificationInterval)
            }
        }
    }

    /// How newsletter batches keep to `perMinute`: every 10 seconds a sixth of it, or for a rate
    /// under 6, one email every 60/rate seconds.
    static func newsletterPace(perMinute: Int) -> (batch: Int, interval: Duration) {
        let rate = max(1, perMinute)
        let seconds = max(10, 60 / rate)
        return (max(1, rate * seconds / 60), .seconds(seconds))
    }

    /// One step; a failure (the database briefly away) is logged and tried again next time.
    private func step(_ name: String, _ body: () async throws -> Int) async {
        do {
            let count = try await body()
            if count > 0 { logger.debug("Mail scheduler: \(name): \(count)") }
        } catch {
            logger.warning("Mail scheduler: \(name) failed, will retry: \(error)")
        }
    }
}
