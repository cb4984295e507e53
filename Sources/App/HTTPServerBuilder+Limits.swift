import HummingbirdCore
import NIOCore

extension HTTPServerBuilder {
    /// HTTP/1 with Parley's connection limits: Hummingbird's idle timeout, our header and body
    /// deadlines after the decoder, and the cap on open connections around it all.
    static func http1(limits: ConnectionLimits) -> HTTPServerBuilder {
        let openConnections = OpenConnections(limit: limits.maxConnections)
        return HTTPServerBuilder { responder in
            let configuration = HTTP1Channel.Configuration(
                additionalChannelHandlers: [
                    RequestReadDeadlines(
                        headerTimeout: TimeAmount(limits.headerTimeout),
                        bodyTimeout: TimeAmount(limits.bodyTimeout), longBodyPaths: limits.longBodyPaths,
                        minimumBodyRate: limits.minimumBodyRate)
                ],
                idleTimeout: TimeAmount(limits.idleTimeout)
            )
            return CappedHTTP1Channel(
                http1: HTTP1Channel(responder: responder, configuration: configuration), openConnections: openConnections)
        }
    }
}
