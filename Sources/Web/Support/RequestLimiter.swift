import Crypto
import Domain
import Foundation
import Storage
import Synchronization

/// Applies `RateLimits` with counts kept in the database (`RateLimitStore`), so every
/// instance on one PostgreSQL counts the same hits. A route applies a limit with one call:
///
///     try await limits.check(.report, member: context.viewer, address: context.clientAddress)
///
/// which throws a `Refusal` (429, with `Retry-After`) once any count is over its rule.
///
/// The address is counted before the account a form names, and the account only when the
/// address is still under its limits: a flood of made-up emails from one address is stopped
/// at the address, and cannot touch (or crowd out) the count of a real account. No count is
/// ever forgotten before its window ends: rows are swept only once their window is over.
public final class RequestLimiter: Sendable {
    let store: any RateLimitStore
    let limits: RateLimits
    let clock: @Sendable () -> Date
    /// Keys this instance saw over their limit, with when their window ends: until then they
    /// are refused without a write, so a flood costs the database nothing past its first
    /// refusals. Only ever a refusal the database already gave, so instances cannot disagree
    /// about letting a hit through. Bounded; when full, a key simply is not remembered here.
    private let refusedUntil = Mutex([String: Date]())
    static let refusedCapacity = 10_000
    /// Checks since the last sweep: every `sweepEvery` checks, one bounded sweep.
    private let checksSinceSweep = Mutex(0)
    static let sweepEvery = 100
    /// Rows a sweep deletes at most: more than `sweepEvery` checks can create.
    static let sweepLimit = 1_000

    public init(store: any RateLimitStore, limits: RateLimits, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.limits = limits
        self.clock = clock
    }

    /// Counts one `action` by `member` (if signed in) from `address` (and for `account`, the
    /// email a sign-in or subscription names); throws `Refusal(.rateLimited)` when over.
    public func check(_ action: LimitedAction, member: Member? = nil, address: String?, account: String? = nil) async throws {
        let rules = limits[action]
        let now = clock()
        try await sweepNowAndThen(now)
        var hits: [(RateLimitHit, RateRule)] = []
        let addressKey = IPAddress(address ?? "")?.limitKey ?? "unknown"
        for rule in rules.perAddress { hits.append(Self.hit(action, "address", addressKey, rule)) }
        if let member {
            let isNew = now.timeIntervalSince(member.createdAt) < limits.newAccountAge
            for rule in isNew ? rules.perNewMember : rules.perMember {
                hits.append(Self.hit(action, "member", String(member.id.rawValue), rule))
            }
        }
        try await count(hits, action, now)
        // Only once the address is under its limits: see the type's comment.
        if let account, !rules.perAccount.isEmpty {
            let key = Self.digest(LimiterKey.account(account))
            try await count(rules.perAccount.map { Self.hit(action, "account", key, $0) }, action, now)
        }
    }

    /// The same, for the viewer and client address of a request.
    func check(_ action: LimitedAction, _ context: AppRequestContext, account: String? = nil) async throws {
        try await check(action, member: context.viewer, address: context.clientAddress, account: account)
    }

    /// Counts the hits; throws when any is over its rule, with the longest wait among them.
    private func count(_ hits: [(RateLimitHit, RateRule)], _ action: LimitedAction, _ now: Date) async throws {
        guard !hits.isEmpty else { return }
        if let until = refusedUntil.withLock({ refused in hits.compactMap { refused[$0.0.key] }.filter { $0 > now }.max() }) {
            throw Self.refusal(action, wait: until.timeIntervalSince(now))
        }
        let counts = try await store.recordHits(hits.map(\.0), now: now)
        let over = zip(counts, hits).filter { count, hit in count.hits > hit.1.count }.map { ($1.0.key, $0.windowEnd) }
        guard !over.isEmpty else { return }
        refusedUntil.withLock { refused in
            if refused.count >= Self.refusedCapacity { refused = refused.filter { $0.value > now } }
            for (key, end) in over where refused.count < Self.refusedCapacity { refused[key] = end }
        }
        throw Self.refusal(action, wait: over.map { $0.1.timeIntervalSince(now) }.max() ?? 1)
    }

    static func refusal(_ action: LimitedAction, wait: TimeInterval) -> Refusal {
        Refusal(action.field, .rateLimited(retryAfter: max(1, Int(wait.rounded(.up)))))
    }

    private func sweepNowAndThen(_ now: Date) async throws {
        let due = checksSinceSweep.withLock { checks in
            checks += 1
            guard checks >= Self.sweepEvery else { return false }
            checks = 0
            return true
        }
        if due { _ = try await store.sweepRateLimits(endedBy: now, limit: Self.sweepLimit) }
    }

    /// `comment.member.60:42`: the action, whom it counts, the window, and who.
    static func hit(_ action: LimitedAction, _ scope: String, _ who: String, _ rule: RateRule) -> (RateLimitHit, RateRule) {
        (RateLimitHit(key: "\(action.rawValue).\(scope).\(rule.seconds):\(who)", window: TimeInterval(rule.seconds)), rule)
    }

    /// What the database keeps of an email: a hash, so rate-limit rows hold no addresses.
    static func digest(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}

/// The keys limits are counted under.
enum LimiterKey {
    /// An account's key: the address as it is stored, so that spellings of one address
    /// (case, spaces, line breaks around it) share one count.
    static func account(_ typed: String) -> String {
        (try? EmailAddress.normalize(typed)) ?? typed.lowercased()
    }
}
