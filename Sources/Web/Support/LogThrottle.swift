import Foundation
import Synchronization

/// Lets a repeated log line through at most once per period, so a client that can cause it
/// (a flood of forged posts) cannot flood the log with it.
final class LogThrottle: Sendable {
    private let period: Double
    private let last = Mutex<ContinuousClock.Instant?>(nil)

    init(every seconds: Double) { period = seconds }

    /// True when the line may be written now; it then counts as written.
    func mayLog(now: ContinuousClock.Instant = .now) -> Bool {
        last.withLock { last in
            if let last, now < last.advanced(by: .seconds(period)) { return false }
            last = now
            return true
        }
    }
}
