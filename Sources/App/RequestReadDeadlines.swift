import NIOCore
import NIOHTTPTypes

/// Closes a connection whose client takes too long to send a request's headers or its body.
///
/// Hummingbird's idle timeout closes a connection after a time without a whole request part,
/// counted again from each part: it ends a silent socket, but a client that sends a body one
/// byte a minute keeps it forever. This handler sits after the HTTP decoder and bounds the
/// total: the headers from their first bytes, the body from the end of the headers.
final class RequestReadDeadlines: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private enum Phase {
        /// No request under way: the idle timeout governs.
        case waiting
        /// Bytes came that did not yet make a request head.
        case readingHead
        case readingBody
        /// The request is read; the application answers it.
        case answering
    }

    private let headerTimeout: TimeAmount
    private let bodyTimeout: TimeAmount
    private var phase = Phase.waiting
    /// Whether the response to the request being read has been written in full: a server may
    /// answer (413, a refused origin) before the body ends, and the request is then done when
    /// its body is.
    private var answered = false
    /// Whether the decoder passed on a part since the last read from the socket.
    private var partsSinceLastRead = false
    private var deadline: Scheduled<Void>?
    /// POST paths whose body may run past `bodyTimeout` while it keeps coming at
    /// `minimumBodyRate` bytes a second (`ConnectionLimits.longBodyPaths`).
    private let longBodyPaths: Set<String>
    private let minimumBodyRate: Int
    /// Whether the body being read is such a one, and its bytes since its deadline last moved.
    private var longBody = false
    private var bodyBytes = 0

    init(headerTimeout: TimeAmount, bodyTimeout: TimeAmount, longBodyPaths: Set<String> = [], minimumBodyRate: Int = 0) {
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.longBodyPaths = longBodyPaths
        self.minimumBodyRate = minimumBodyRate
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        partsSinceLastRead = true
        switch unwrapInboundIn(data) {
        case .head(let head):
            phase = .readingBody
            answered = false
            let path = head.path.map { String($0.prefix { $0 != "?" }) } ?? ""
            longBody = head.method == .post && longBodyPaths.contains(path)
            bodyBytes = 0
            startDeadline(bodyTimeout, context: context)
        case .body(let bytes):
            bodyBytes += bytes.readableBytes
        case .end:
            phase = answered ? .waiting : .answering
            answered = false
            cancelDeadline()
        }
        context.fireChannelRead(data)
    }

    /// The decoder reports every read from the socket, also one that held only part of a head:
    /// that is when the head's clock starts.
    func channelReadComplete(context: ChannelHandlerContext) {
        if phase == .waiting, !partsSinceLastRead {
            phase = .readingHead
            startDeadline(headerTimeout, context: context)
        }
        partsSinceLastRead = false
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            switch phase {
            case .answering: phase = .waiting
            case .readingBody: answered = true
            case .waiting, .readingHead: break
            }
        }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelDeadline()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelDeadline()
    }

    private func startDeadline(_ timeout: TimeAmount, context: ChannelHandlerContext) {
        cancelDeadline()
        let channel = context.channel
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        let loopContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(in: timeout) {
            // A long body that kept its pace gets another period, until the server has answered
            // (a refusal needs no more of it); anything else is cut off.
            let reader = handler.value
            if reader.phase == .readingBody, reader.longBody, !reader.answered,
                reader.bodyBytes >= reader.minimumBodyRate * Int(max(1, timeout.nanoseconds / 1_000_000_000))
            {
                reader.bodyBytes = 0
                reader.startDeadline(timeout, context: loopContext.value)
                return
            }
            channel.close(promise: nil)
        }
    }

    private func cancelDeadline() {
        deadline?.cancel()
        deadline = nil
    }
}
