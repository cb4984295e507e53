import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    public func markBounced(_ id: OutboxJobID, error: String, recipient: String, now: Date) async throws -> Bool {
        try await write { db in
            let changed = try db.run(
                """
                UPDATE outbox SET last_error = ?, locked_until = NULL, status = 'failed'
                WHERE id = ? AND status = 'pending'
                """, [error, id.rawValue])
            guard changed == 1 else {
                try Self.requireOutboxJob(id, db)
                return false
            }
            // A confirmation link sent before the bounce must not bring the address back.
            return try db.run(
                """
                UPDATE subscribers SET status = 'bounced', confirm_token_hash = NULL, left_at = COALESCE(left_at, ?)
                WHERE email = ? AND status IN ('pending', 'active')
                """, [now.stored, recipient.lowercased()]) == 1
        }
    }
}
