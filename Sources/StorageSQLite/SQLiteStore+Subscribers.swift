import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    public func insertSubscriber(email: String, createdAt: Date) async throws -> Bool {
        try await write { db in
            // Signing up twice is not an error for the reader, so the conflict is absorbed here
            // rather than thrown and caught.
            try db.run("""
                INSERT INTO subscribers (email, status, created_at) VALUES (?, 'active', ?)
                ON CONFLICT (email) DO NOTHING
                """, [email, createdAt.stored]) == 1
        }
    }

    public func subscriberCount() async throws -> Int {
        try await read { db in
            try db.fetchFirst("SELECT COUNT(*) FROM subscribers") { $0[0] as Int } ?? 0
        }
    }
}
