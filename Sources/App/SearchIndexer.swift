import Foundation
import Logging
import ServiceLifecycle
import UseCases

/// Keeps the archive's search index up to date every few seconds, off the readers' requests:
/// posts added from the command line, published on schedule, or indexed by an older indexer
/// are indexed here in bounded batches. Every instance runs it; two indexing the same post
/// write the same entry.
struct SearchIndexer: Service {
    let actions: Actions
    let logger: Logger
    /// How often stale entries are looked for: a post is searched by its words at most this late.
    var interval: Duration = .seconds(3)
    /// The most posts indexed in one pass, so a large backlog does not hold the database long.
    var batch = 500

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    do {
                        let indexed = try await actions.refreshSearchIndex(limit: batch)
                        if indexed > 0 { logger.debug("Indexed \(indexed) post(s) for search.") }
                    } catch {
                        // The entries stay stale and are indexed on a later pass.
                        logger.warning("Search indexer failed, will retry: \(error)")
                    }
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {
            // Graceful shutdown cancels the sleep between passes: the normal way to end.
        }
    }
}
