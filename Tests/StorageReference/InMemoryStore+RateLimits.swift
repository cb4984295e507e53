import Domain
import Foundation
import Storage

extension InMemoryStore {
    public func recordHits(_ hits: [RateLimitHit], now: Date) -> [RateLimitCount] {
        hits.map { hit in
            var count = rateLimits[hit.key] ?? RateLimitCount(hits: 0, windowEnd: now.addingTimeInterval(hit.window))
            if count.windowEnd.truncatedToMilliseconds <= now.truncatedToMilliseconds {
                count = RateLimitCount(hits: 0, windowEnd: now.addingTimeInterval(hit.window))
            }
            count.hits += 1
            count.windowEnd = count.windowEnd.truncatedToMilliseconds
            rateLimits[hit.key] = count
            return count
        }
    }

    public func sweepRateLimits(endedBy now: Date, limit: Int) -> Int {
        let ended = rateLimits.filter { $0.value.windowEnd <= now }.sorted { $0.value.windowEnd < $1.value.windowEnd }.prefix(max(0, limit))
        for (key, _) in ended { rateLimits[key] = nil }
        return ended.count
    }
}
