import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    public func recordHits(_ hits: [RateLimitHit], now: Date) async throws -> [RateLimitCount] {
        guard !hits.isEmpty else { return [] }
        // One write transaction for the list (one sync to disk instead of one per key); each
        // hit is its own upsert, and SQLite's single writer makes every count exact.
        return try await write { db in
            try hits.map { hit in
                let windowEnd = now.addingTimeInterval(hit.window).stored
                let row = try db.fetchFirst(Self.upsertHit, [hit.key, windowEnd, now.stored, now.stored]) {
                    RateLimitCount(hits: $0[0], windowEnd: Date(millisecondsSince1970: $0[1]))
                }
                guard let row else { throw StoreError.missing("rate limit") }
                return row
            }
        }
    }

    public func sweepRateLimits(endedBy now: Date, limit: Int) async throws -> Int {
        guard limit > 0 else { return 0 }
        return try await write { db in
            try db.run(
                """
                DELETE FROM rate_limits WHERE key IN
                    (SELECT key FROM rate_limits WHERE window_end <= ? ORDER BY window_end LIMIT ?)
                """, [now.stored, limit])
        }
    }

    /// A new key opens a window; a key whose window has ended opens a new one at 1; otherwise
    /// one more hit in the window it has. The right-hand sides all read the row as it was.
    static let upsertHit = """
        INSERT INTO rate_limits (key, hits, window_end) VALUES (?, 1, ?)
        ON CONFLICT (key) DO UPDATE SET
            hits = CASE WHEN rate_limits.window_end <= ? THEN 1 ELSE rate_limits.hits + 1 END,
            window_end = CASE WHEN rate_limits.window_end <= ? THEN excluded.window_end ELSE rate_limits.window_end END
        RETURNING hits, window_end
        """
}
