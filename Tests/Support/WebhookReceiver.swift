import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A real HTTP server on 127.0.0.1 (SwiftNIO) that keeps every request it is sent and
/// answers each with the next status of a script (then 200): the far end of a webhook in tests.
public final class WebhookReceiver: Sendable {
    /// One request as it arrived.
    public struct Received: Sendable {
        public var method: String
        public var uri: String
        public var headers: [String: String]
        public var body: [UInt8]

        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    private struct State {
        var received: [Received] = []
        var statuses: [Int] = []
    }

    public let port: Int
    private let channel: any Channel
    private let state: NIOLockedValueBox<State>

    /// Starts listening on a port the kernel chooses; `statuses` are the answers to the first requests.
    public init(statuses: [Int] = []) async throws {
        let state = NIOLockedValueBox(State(statuses: statuses))
        self.state = state
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(state: state))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    /// `http://127.0.0.1:PORT` and `path`.
    public func url(_ path: String = "/hook") -> String { "http://127.0.0.1:\(port)\(path)" }

    public var received: [Received] { state.withLockedValue { $0.received } }

    /// Waits (at most `seconds`) until `count` requests have arrived; returns them.
    public func waitFor(_ count: Int, seconds: Double = 10) async throws -> [Received] {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            let now = received
            if now.count >= count { return now }
            try await Task.sleep(for: .milliseconds(20))
        }
        return received
    }

    public func stop() async {
        try? await channel.close()
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let state: NIOLockedValueBox<State>
        var head: HTTPRequestHead?
        var body: [UInt8] = []

        init(state: NIOLockedValueBox<State>) {
            self.state = state
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body = []
            case .body(let buffer):
                body.append(contentsOf: buffer.readableBytesView)
            case .end:
                guard let head else { return }
                var headers: [String: String] = [:]
                for (name, value) in head.headers { headers[name.lowercased()] = value }
                let request = Received(method: "\(head.method)", uri: head.uri, headers: headers, body: body)
                let status = state.withLockedValue { state in
                    state.received.append(request)
                    return state.statuses.isEmpty ? 200 : state.statuses.removeFirst()
                }
                let reply = "answer \(status)"
                var responseHeaders = HTTPHeaders()
                responseHeaders.add(name: "Content-Length", value: String(reply.utf8.count))
                context.write(
                    wrapOutboundOut(
                        .head(HTTPResponseHead(version: head.version, status: .init(statusCode: status), headers: responseHeaders))),
                    promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: reply)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                self.head = nil
            }
        }
    }
}
