import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// One reply from the server: its code and the text of each of its lines.
struct SMTPReply: Sendable, Equatable {
    var code: Int
    var lines: [String]

    var text: String { lines.joined(separator: " ") }

    /// EHLO keywords (upper-cased) with their parameters, from every line after the first.
    var extensions: [String: [String]] {
        var result = [String: [String]]()
        for line in lines.dropFirst() {
            // "AUTH=LOGIN PLAIN" is an old spelling some servers still send alongside "AUTH ...".
            let words = line.split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init)
            guard let keyword = words.first?.uppercased() else { continue }
            result[keyword, default: []] += words.dropFirst().map { $0.uppercased() }
        }
        return result
    }
}

/// Splits inbound bytes into lines (CRLF, or a bare LF from a sloppy server), without the
/// line break. A line longer than `maxLength` is a protocol error, not a reason to buffer
/// without bound.
struct SMTPLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = String
    let maxLength = 4096

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let lf = buffer.readableBytesView.firstIndex(of: 10) else {
            if buffer.readableBytes > maxLength { throw MailError.protocolError("reply line too long") }
            return .needMoreData
        }
        var line = buffer.readString(length: lf - buffer.readerIndex) ?? ""
        buffer.moveReaderIndex(forwardBy: 1)
        if line.hasSuffix("\r") { line.removeLast() }
        context.fireChannelRead(wrapInboundOut(line))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}

/// Gathers lines into replies ("250-..." continues, "250 ..." ends) and hands each to the one
/// task waiting for it, failing that wait on timeout, on a TLS or I/O error, or when the
/// connection closes. Lives on its channel's event loop; touched only through ``SMTPConnection``.
final class SMTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = String

    private var partial: [String] = []
    private var partialCode = 0
    /// Replies (or a terminal error) that arrived before anyone asked.
    private var ready: [Result<SMTPReply, MailError>] = []
    private var terminal: MailError?
    private var waiter: (promise: EventLoopPromise<SMTPReply>, timer: Scheduled<Void>)?
    private var channel: Channel?

    func handlerAdded(context: ChannelHandlerContext) {
        channel = context.channel
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = unwrapInboundIn(data)
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, bytes[0...2].allSatisfy({ $0 >= 48 && $0 <= 57 }),
            bytes.count == 3 || bytes[3] == 32 || bytes[3] == 45,
            let code = Int(String(decoding: bytes[0...2], as: UTF8.self))
        else {
            fail(.protocolError("not an SMTP reply: \(line.prefix(80).debugDescription)"))
            context.close(promise: nil)
            return
        }
        if partial.isEmpty { partialCode = code }
        partial.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
        if bytes.count == 3 || bytes[3] == 32 {
            let reply = SMTPReply(code: partialCode, lines: partial)
            partial = []
            deliver(.success(reply))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(Self.mailError(error))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(.connectionFailed("the server closed the connection"))
        context.fireChannelInactive()
    }

    /// Completes `promise` with the next reply, or fails it after `timeout`.
    func expectReply(_ promise: EventLoopPromise<SMTPReply>, timeout: TimeAmount, what: String) {
        precondition(waiter == nil, "one SMTP command at a time")
        if !ready.isEmpty {
            promise.completeWith(ready.removeFirst().mapError { $0 as any Error })
            return
        }
        if let terminal {
            promise.fail(terminal)
            return
        }
        guard let channel else {
            promise.fail(MailError.connectionFailed("not connected"))
            return
        }
        let this = NIOLoopBound(self, eventLoop: channel.eventLoop)
        let timer = channel.eventLoop.scheduleTask(in: timeout) {
            this.value.timedOut(what: what, after: timeout)
        }
        waiter = (promise, timer)
    }

    private func timedOut(what: String, after timeout: TimeAmount) {
        guard waiter != nil else { return }
        fail(.timeout("no reply to \(what) within \(timeout.nanoseconds / 1_000_000) ms"))
        channel?.close(promise: nil)
    }

    private func deliver(_ result: Result<SMTPReply, MailError>) {
        if let w = waiter {
            waiter = nil
            w.timer.cancel()
            w.promise.completeWith(result.mapError { $0 as any Error })
        } else {
            ready.append(result)
        }
    }

    /// Records the first terminal error and fails the waiting task with it.
    private func fail(_ error: MailError) {
        guard terminal == nil else { return }
        terminal = error
        if let w = waiter {
            waiter = nil
            w.timer.cancel()
            w.promise.fail(error)
        }
    }

    static func mailError(_ error: any Error) -> MailError {
        if let e = error as? MailError { return e }
        if let e = error as? NIOSSLError {
            if case .uncleanShutdown = e { return .connectionFailed("the server closed the TLS connection") }
            return .tlsFailed(String(describing: e))
        }
        if error is BoringSSLError || error is NIOSSLExtraError { return .tlsFailed(String(describing: error)) }
        if let e = error as? ByteToMessageDecoderError, case .leftoverDataWhenDone = e {
            return .connectionFailed("the connection ended in the middle of a reply")
        }
        return .connectionFailed(String(describing: error))
    }
}

/// A connected SMTP channel, used from async code: one command, one reply, in turn.
struct SMTPConnection: Sendable {
    let channel: any Channel
    let handler: NIOLoopBound<SMTPReplyHandler>
    let replyTimeout: TimeAmount

    /// Connects, with TLS from the start when `tls` is given.
    static func connect(
        host: String, port: Int, group: any EventLoopGroup, connectTimeout: TimeAmount,
        replyTimeout: TimeAmount, tls: NIOSSLContext?
    ) async throws -> SMTPConnection {
        let sni = serverName(for: host)
        do {
            return try await ClientBootstrap(group: group)
                .connectTimeout(connectTimeout)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let sync = channel.pipeline.syncOperations
                        if let tls {
                            try sync.addHandler(NIOSSLClientHandler(context: tls, serverHostname: sni))
                        }
                        let handler = SMTPReplyHandler()
                        try sync.addHandler(ByteToMessageHandler(SMTPLineDecoder()))
                        try sync.addHandler(handler)
                        return SMTPConnection(
                            channel: channel, handler: NIOLoopBound(handler, eventLoop: channel.eventLoop),
                            replyTimeout: replyTimeout)
                    }
                }
        } catch {
            throw connectError(error, host: host, port: port)
        }
    }

    /// The host for SNI and certificate checks; nil for an IP address, which NIOSSL then
    /// checks against the certificate's IP SANs instead.
    private static func serverName(for host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }

    private static func connectError(_ error: any Error, host: String, port: Int) -> MailError {
        if let e = error as? MailError { return e }
        if let e = error as? ChannelError, case .connectTimeout = e {
            return .timeout("no connection to \(host):\(port) within the connect timeout")
        }
        if let e = error as? NIOConnectionError {
            if e.connectionErrors.contains(where: {
                if let c = $0.error as? ChannelError, case .connectTimeout = c { return true }
                return false
            }) {
                return .timeout("no connection to \(host):\(port) within the connect timeout")
            }
            if let first = e.connectionErrors.first {
                return .connectionFailed("cannot connect to \(host):\(port): \(first.error)")
            }
            if let dns = e.dnsAAAAError ?? e.dnsAError {
                return .connectionFailed("cannot resolve \(host): \(dns)")
            }
        }
        return .connectionFailed("cannot connect to \(host):\(port): \(error)")
    }

    /// Waits for the next reply (the greeting, or the answer to what was just sent).
    func reply(to what: String, timeout: TimeAmount? = nil) async throws -> SMTPReply {
        let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
        let handler = self.handler, timeout = timeout ?? replyTimeout
        channel.eventLoop.execute {
            handler.value.expectReply(promise, timeout: timeout, what: what)
        }
        do {
            return try await promise.futureResult.get()
        } catch {
            throw SMTPReplyHandler.mailError(error)
        }
    }

    /// Sends `bytes` as they are and waits for the reply; `what` names the step in errors.
    func send(_ bytes: [UInt8], what: String, timeout: TimeAmount? = nil) async throws -> SMTPReply {
        channel.writeAndFlush(ByteBuffer(bytes: bytes), promise: nil)
        return try await reply(to: what, timeout: timeout)
    }

    /// Sends one command line (CRLF added).
    func command(_ line: String, what: String? = nil, timeout: TimeAmount? = nil) async throws -> SMTPReply {
        try await send(Array((line + "\r\n").utf8), what: what ?? line, timeout: timeout)
    }

    /// Puts TLS in front of everything else on the channel (after a 220 to STARTTLS).
    func startTLS(_ context: NIOSSLContext, host: String) async throws {
        let sni = Self.serverName(for: host)
        let channel = self.channel
        do {
            try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.addHandler(
                    NIOSSLClientHandler(context: context, serverHostname: sni), position: .first)
            }.get()
        } catch {
            throw SMTPReplyHandler.mailError(error)
        }
    }

    func close() async {
        try? await channel.close().get()
    }
}
