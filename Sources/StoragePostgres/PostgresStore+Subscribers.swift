import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    public func insertSubscriber(email: String, createdAt: Date) async throws -> Bool {
        // Signing up twice is not an error for the reader, so the conflict is absorbed here
        // rather than thrown and caught.
        try await rows("""
            INSERT INTO subscribers (email, status, created_at) VALUES (\(email), 'active', \(createdAt.stored))
            ON CONFLICT (email) DO NOTHING
            RETURNING id
            """).count == 1
    }

    public func subscriberCount() async throws -> Int {
        try await rows("SELECT COUNT(*) FROM subscribers")[0].decode(Int.self)
    }
}
