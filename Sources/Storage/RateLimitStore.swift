import Domain
import Foundation

// Rate limits are counted in the site's database, so that every instance on one PostgreSQL
// counts the same hits: a limit of 10 is 10 for the site, not 10 per instance.
//
// A count lives in a fixed window: the first hit of a key opens a window of the hit's length;
// hits within it add one; the first hit after it ends opens a new one. Each hit is one upsert
// that returns the new count and the window's end, so two instances hitting one key at once
// each see a distinct count and no hit is lost.
//
// Rows are not part of `SiteData` (parley migrate-data): a count lives for minutes, and a site
// moved to another engine starting with every count at zero costs nothing but one window's
// worth of hits.

/// One hit to count: under `key`, in a window of `window` seconds opened by the key's first hit.
public struct RateLimitHit: Sendable, Hashable {
    /// What is counted: a limit's name and whom it counts (`comment.member.60:42`). At most
    /// `RateLimitHit.maxKeyLength` bytes; the web room hashes what it does not control.
    public var key: String
    /// The window's length in seconds, used when this hit opens a window.
    public var window: TimeInterval

    public init(key: String, window: TimeInterval) {
        self.key = key
        self.window = window
    }

    /// The longest key a store must keep.
    public static let maxKeyLength = 200
}

/// A key's count after a hit: how many hits its current window holds (this one included) and
/// when that window ends.
public struct RateLimitCount: Sendable, Hashable {
    public var hits: Int
    public var windowEnd: Date

    public init(hits: Int, windowEnd: Date) {
        self.hits = hits
        self.windowEnd = windowEnd
    }
}

/// Counts hits per key in the database (see the top of this file).
public protocol RateLimitStore: Sendable {
    /// Counts one hit under each key, in order, and returns each key's count after its hit.
    /// Each hit is atomic on its own (an upsert returning the new count), not the list: a
    /// key's count is exact whatever other instances do meanwhile.
    func recordHits(_ hits: [RateLimitHit], now: Date) async throws -> [RateLimitCount]
    /// Deletes at most `limit` keys whose window ended at or before `now`, oldest first, and
    /// returns how many. A key whose window has not ended is never deleted, so a key over its
    /// limit stays counted until its window ends, however many other keys there are.
    func sweepRateLimits(endedBy now: Date, limit: Int) async throws -> Int
}
