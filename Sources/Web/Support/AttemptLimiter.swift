import Domain
import Foundation
import Synchronization

/// Counts attempts per key (an address, an account) in fixed windows, and says no past a limit.
///
/// In memory, per process: with several instances each keeps its own count, so the effective
/// limit is the limit times the instances — still a hard ceiling on guessing.
final class AttemptLimiter: Sendable {
    private typealias Windows = [String: (start: Date, count: Int)]
    private let windows = Mutex(Windows())
    let limit: Int
    let window: TimeInterval
    /// Keys kept at most; past it, expired windows are swept (and, if none, the oldest half).
    private let capacity = 50_000

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Records one attempt under every key; false when any of them is over its limit.
    func allow(_ keys: [String], now: Date = Date()) -> Bool {
        windows.withLock { windows in
            if windows.count > capacity { sweep(&windows, now: now) }
            var allowed = true
            for key in keys {
                var entry = windows[key] ?? (now, 0)
                if now.timeIntervalSince(entry.start) >= window { entry = (now, 0) }
                entry.count += 1
                windows[key] = entry
                if entry.count > limit { allowed = false }
            }
            return allowed
        }
    }

    private func sweep(_ windows: inout Windows, now: Date) {
        windows = windows.filter { now.timeIntervalSince($0.value.start) < window }
        if windows.count > capacity {
            let keep = windows.sorted { $0.value.start > $1.value.start }.prefix(capacity / 2)
            windows = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
        }
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
