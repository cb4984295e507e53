import Domain
import Foundation
import Storage
import Testing

@Suite("Rate-limit counts")
struct RateLimitStoreTests {
    @Test(
        "Given a key hit three times in its window, then each hit returns the next count and the window opened by the first",
        arguments: StoreKind.allCases)
    func countsWithinWindow(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let hit = RateLimitHit(key: "comment.member.60:1", window: 60)
            var counts: [RateLimitCount] = []
            for second in [0.0, 10, 59] { counts += try await site.rateLimits.recordHits([hit], now: at(second)) }
            #expect(counts.map(\.hits) == [1, 2, 3])
            #expect(counts.allSatisfy { $0.windowEnd == at(60) })
        }
    }

    @Test(
        "Given a key whose window has ended, when it is hit again, then a new window opens at one",
        arguments: StoreKind.allCases)
    func newWindowAfterEnd(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let hit = RateLimitHit(key: "like.address.60:192.0.2.1", window: 60)
            _ = try await site.rateLimits.recordHits([hit, hit, hit], now: at(0))
            let after = try await site.rateLimits.recordHits([hit], now: at(60))
            #expect(after == [RateLimitCount(hits: 1, windowEnd: at(120))])
        }
    }

    @Test("Given hits under several keys at once, then each key keeps its own count", arguments: StoreKind.allCases)
    func keysApart(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let one = RateLimitHit(key: "a", window: 60)
            let two = RateLimitHit(key: "b", window: 3_600)
            _ = try await site.rateLimits.recordHits([one, two], now: at(0))
            let counts = try await site.rateLimits.recordHits([one, two, one], now: at(1))
            #expect(counts.map(\.hits) == [2, 2, 3])
            #expect(counts.map(\.windowEnd) == [at(60), at(3_600), at(60)])
        }
    }

    @Test(
        "Given two instances on one database hitting one key at once, then no hit is lost and no count is handed out twice",
        arguments: StoreKind.allCases)
    func twoInstancesShareCounts(kind: StoreKind) async throws {
        try await withTwoSites(kind) { one, two async throws in
            let hit = RateLimitHit(key: "signIn.account.300:shared", window: 300)
            let counts = try await withThrowingTaskGroup(of: [Int].self) { group in
                for site in [one, two] {
                    group.addTask {
                        var seen: [Int] = []
                        for _ in 0..<20 { seen += try await site.rateLimits.recordHits([hit], now: at(1)).map(\.hits) }
                        return seen
                    }
                }
                return try await group.reduce(into: [Int]()) { $0 += $1 }
            }
            #expect(counts.sorted() == Array(1...40))
        }
    }

    @Test(
        "Given many expired keys and one key over its limit, when swept in bounded steps, then only expired keys go and the live count stays",
        arguments: StoreKind.allCases)
    func sweepKeepsLiveKeys(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let victim = RateLimitHit(key: "signIn.account.300:victim", window: 300)
            for _ in 0..<12 { _ = try await site.rateLimits.recordHits([victim], now: at(0)) }
            // A flood of made-up keys, each with a short window that has ended by the sweep.
            let flood = (0..<250).map { RateLimitHit(key: "signIn.account.10:made-up-\($0)", window: 10) }
            _ = try await site.rateLimits.recordHits(flood, now: at(1))

            #expect(try await site.rateLimits.sweepRateLimits(endedBy: at(100), limit: 100) == 100)
            #expect(try await site.rateLimits.sweepRateLimits(endedBy: at(100), limit: 1_000) == 150)
            #expect(try await site.rateLimits.sweepRateLimits(endedBy: at(100), limit: 1_000) == 0)

            let next = try await site.rateLimits.recordHits([victim], now: at(100))
            #expect(next == [RateLimitCount(hits: 13, windowEnd: at(300))])
            // Once its window has ended, it goes too.
            #expect(try await site.rateLimits.sweepRateLimits(endedBy: at(300), limit: 10) == 1)
        }
    }
}
