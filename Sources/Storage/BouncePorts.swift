import Domain
import Foundation

/// Mail that bounced for good: the outbox gives up on the job, and the list stops writing to
/// the address, as the writer would see in its status.
public protocol BounceStore: Sendable {
    /// Marks outbox job `id` failed for good with `error` (as `markFailed(_:error:retryAt:)`
    /// with no retry) and, in the same transaction, a pending or active subscriber whose
    /// address is `recipient` (compared lowercased) `bounced`, left at `now` unless it left
    /// before. Returns whether a subscriber was marked. Throws `StoreError.missing` when there
    /// is no job `id`; a job already settled changes nothing.
    func markBounced(_ id: OutboxJobID, error: String, recipient: String, now: Date) async throws -> Bool
}
