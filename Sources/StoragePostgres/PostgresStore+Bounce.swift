import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    public func markBounced(_ id: OutboxJobID, error: String, recipient: String, now: Date) async throws -> Bool {
        let settled = try await transaction { connection in
            let failed = try await connection.rows(
                """
                UPDATE outbox SET last_error = \(error), locked_until = NULL, status = 'failed'
                WHERE id = \(id.rawValue) AND status = 'pending'
                RETURNING id
                """, logger)
            guard !failed.isEmpty else { return nil as Bool? }
            // A confirmation link sent before the bounce must not bring the address back.
            let bounced = try await connection.rows(
                """
                UPDATE subscribers SET status = 'bounced', confirm_token_hash = NULL, left_at = COALESCE(left_at, \(now.stored))
                WHERE email = \(recipient.lowercased()) AND status IN ('pending', 'active')
                RETURNING id
                """, logger)
            return !bounced.isEmpty
        }
        guard let settled else {
            try await requireOutboxJob(id)
            return false
        }
        return settled
    }
}
