import Foundation
import Synchronization

/// What the workers that drain a durable queue of the database (the mail outbox, webhook
/// deliveries) share: how they name themselves, how long they wait before trying a failed job
/// again, and how they sleep between passes yet wake at once when told there is work.
public enum DurableWorker {
    /// `host:pid:random`, unique enough to tell instances and restarts apart in `claimed_by`.
    public static func makeID() -> String {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<4).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }
        return "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(random.joined())"
    }

    /// The delay before the attempt after attempt number `attempt` (1 for the first) failed:
    /// `base * 2^(attempt-1)`, at most `cap`, less a random share of up to `jitter` of it
    /// (`random` is in 0..<1), so that a burst of failures does not come back as one burst.
    public static func retryDelay(
        afterAttempt attempt: Int, base: TimeInterval, cap: TimeInterval, jitter: Double, random: Double
    ) -> TimeInterval {
        let exponent = Double(min(max(attempt, 1) - 1, 62))
        let full = min(cap, base * pow(2, exponent))
        return full * (1 - min(max(jitter, 0), 1) * min(max(random, 0), 1))
    }
}

/// A worker's sleep between passes, which `wake()` (from any task) ends early; a wake-up that
/// comes while the worker is busy makes it skip its next sleep, so no wake-up is lost.
public final class WorkerPause: Sendable {
    private struct State {
        /// The pause in progress, if any: yielding to it ends it.
        var waiting: AsyncStream<Void>.Continuation?
        /// A wake-up that came while no pause was in progress: the next pause is skipped.
        var pending = false
    }

    private let state = Mutex(State())

    public init() {}

    /// Ends the pause in progress, or the next one before it starts.
    public func wake() {
        state.withLock { state in
            if let waiting = state.waiting { waiting.yield() } else { state.pending = true }
        }
    }

    /// Waits for `interval`, a `wake()` or cancellation, whichever comes first.
    public func pause(for interval: Duration) async {
        // A fresh stream per pause: cancelling a wait on an AsyncStream ends that stream.
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        // One lock for the check and the registration: a wake between them cannot be missed.
        let skip = state.withLock { state in
            if state.pending {
                state.pending = false
                return true
            }
            state.waiting = continuation
            return false
        }
        if skip { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: interval) }
            group.addTask { for await _ in stream { break } }
            await group.next()
            group.cancelAll()
        }
        state.withLock { $0.waiting = nil }
        continuation.finish()
    }
}
