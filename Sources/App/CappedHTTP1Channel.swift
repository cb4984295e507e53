import HummingbirdCore
import Logging
import NIOConcurrencyHelpers
import NIOCore

/// Hummingbird's HTTP/1 connections, at most `maxConnections` open at once; one more is
/// answered 503 and closed at once.
///
/// Hummingbird's own cap (`MaximumAvailableConnections`) stops accepting instead: the kernel
/// still completes the handshakes, so the clients beyond it wait in the listen queue with no
/// answer and no timeout of ours. A refusal tells them, and an operator's monitoring, at once.
struct CappedHTTP1Channel: ServerChildChannel {
    /// A served connection, or one refused for being over the cap.
    struct Value: ServerChildChannelValue {
        let channel: any Channel
        let served: HTTP1Channel.Value?
    }

    let http1: HTTP1Channel
    let openConnections: OpenConnections

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        switch openConnections.open() {
        case .opened:
            break
        case .refusedFirst:
            // Once per spell at the cap: a flood must not flood the log too.
            logger.warning("Refusing connections: \(openConnections.limit) are open, the most allowed.")
            return channel.eventLoop.makeSucceededFuture(Value(channel: channel, served: nil))
        case .refused:
            return channel.eventLoop.makeSucceededFuture(Value(channel: channel, served: nil))
        }
        let openConnections = self.openConnections
        channel.closeFuture.whenComplete { _ in openConnections.closed() }
        return http1.setup(channel: channel, logger: logger).map { Value(channel: channel, served: $0) }
    }

    func handle(value: Value, logger: Logger) async {
        guard let served = value.served else {
            // Written before the request is read: HTTP/1.1 lets a server answer and close at any time.
            let refusal = "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\nRetry-After: 5\r\n\r\n"
            try? await value.channel.writeAndFlush(ByteBuffer(string: refusal)).get()
            try? await value.channel.close().get()
            return
        }
        await http1.handle(value: served, logger: logger)
    }
}

/// How many connections are open, shared by every event loop.
final class OpenConnections: Sendable {
    enum Outcome {
        case opened
        /// The first refusal since the count was last clearly below the cap (`calmBelow`).
        case refusedFirst
        case refused
    }

    let limit: Int
    private let state = NIOLockedValueBox((open: 0, refusing: false))

    /// Below this many open connections a spell at the cap is over, and the next refusal is
    /// logged again: 90% of the cap, so churn at the cap (one closes, one more is refused)
    /// does not log a line per closed connection.
    let calmBelow: Int

    init(limit: Int) {
        self.limit = limit
        calmBelow = max(1, limit * 9 / 10)
    }

    /// Counts one more connection, if it fits.
    func open() -> Outcome {
        state.withLockedValue { state in
            guard state.open < limit else {
                defer { state.refusing = true }
                return state.refusing ? .refused : .refusedFirst
            }
            state.open += 1
            return .opened
        }
    }

    func closed() {
        state.withLockedValue { state in
            state.open -= 1
            if state.open < calmBelow { state.refusing = false }
        }
    }
}
