import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    public func recordHits(_ hits: [RateLimitHit], now: Date) async throws -> [RateLimitCount] {
        // Each hit is one statement in a transaction of its own: the upsert takes the key's row
        // lock, so instances hitting one key take turns and each sees its own count. No
        // transaction around the list, so no two lists can wait on each other's locks.
        var counts: [RateLimitCount] = []
        for hit in hits {
            let windowEnd = now.addingTimeInterval(hit.window).stored
            let current = now.stored
            let rows = try await rows(
                """
                INSERT INTO rate_limits (key, hits, window_end) VALUES (\(hit.key), 1, \(windowEnd))
                ON CONFLICT (key) DO UPDATE SET
                    hits = CASE WHEN rate_limits.window_end <= \(current) THEN 1 ELSE rate_limits.hits + 1 END,
                    window_end = CASE WHEN rate_limits.window_end <= \(current) THEN excluded.window_end ELSE rate_limits.window_end END
                RETURNING hits, window_end
                """)
            guard let row = rows.first else { throw StoreError.missing("rate limit") }
            let (count, end) = try row.decode((Int32, Int64).self)
            counts.append(RateLimitCount(hits: Int(count), windowEnd: Date(millisecondsSince1970: end)))
        }
        return counts
    }

    public func sweepRateLimits(endedBy now: Date, limit: Int) async throws -> Int {
        guard limit > 0 else { return 0 }
        let rows = try await rows(
            """
            WITH gone AS (
                DELETE FROM rate_limits WHERE key IN
                    (SELECT key FROM rate_limits WHERE window_end <= \(now.stored) ORDER BY window_end LIMIT \(Int64(limit)))
                RETURNING 1
            )
            SELECT count(*) FROM gone
            """)
        return Int(try rows.first?.decode(Int64.self) ?? 0)
    }
}
