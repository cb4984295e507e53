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
        guard openConnections.open() else {
            return channel.eventLoop.makeSucceededFuture(Value(channel: channel, served: nil))
        }
        let openConnections = self.openConnections
        channel.closeFuture.whenComplete { _ in openConnections.closed() }
        return http1.setup(channel: channel, logger: logger).map { Value(channel: channel, served: $0) }
    }

    func handle(value: Value, logger: Logger) async {
        guard let served = value.served else {
            logger.warning("Refused a connection: \(openConnections.limit) are open, the most allowed.")
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
    let limit: Int
    private let count = NIOLockedValueBox(0)

    init(limit: Int) { self.limit = limit }

    /// Counts one more connection, if it fits.
    func open() -> Bool {
        count.withLockedValue { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    func closed() {
        count.withLockedValue { $0 -= 1 }
    }
}
