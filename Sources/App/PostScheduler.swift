import Foundation
import Logging
import ServiceLifecycle
import UseCases

/// Publishes scheduled posts when their time comes, every few seconds, on every instance:
/// `publishDuePosts` moves each post exactly once however many instances run it, and records
/// its newsletter send in the same transaction, so the `MailScheduler` mails it once.
struct PostScheduler: Service {
    let actions: Actions
    let logger: Logger
    /// How often due posts are looked for: a post goes out at most this late.
    var interval: Duration = .seconds(2)

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    do {
                        let published = try await actions.publishDuePosts()
                        if published > 0 { logger.info("Published \(published) scheduled post(s).") }
                    } catch {
                        // The database briefly away: the posts are still due next time.
                        logger.warning("Post scheduler failed, will retry: \(error)")
                    }
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {
            // Graceful shutdown cancels the sleep between passes: the normal way to end.
        }
    }
}
