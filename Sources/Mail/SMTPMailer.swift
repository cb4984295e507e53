import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// Sends mail to an SMTP server over SwiftNIO, one connection per message.
///
/// A session: connect (TLS at once for `smtps://`), greeting, EHLO (HELO if EHLO is refused),
/// STARTTLS and EHLO again when offered (or required), AUTH PLAIN or else LOGIN when
/// credentials are configured, MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT. Each step
/// waits at most ``SMTPConfiguration/replyTimeout``; the connection at most
/// ``SMTPConfiguration/connectTimeout``.
///
/// One connection per message keeps the client simple and its failures independent: an
/// outbox sending a newsletter pays one handshake per recipient, which is fine at the rates a
/// small site sends; reuse can come later behind the same ``Mailer`` port.
///
/// Errors are ``MailError``s: 5xx replies, refused credentials, a missing STARTTLS that was
/// required are permanent; 4xx replies, connection failures and timeouts are temporary.
/// Passwords never reach the log: AUTH lines are logged as `AUTH PLAIN [redacted]`.
public final class SMTPMailer: Mailer {
    /// Where and how this mailer connects.
    public let configuration: SMTPConfiguration
    private let group: any EventLoopGroup
    private let tls: NIOSSLContext?
    private let logger: Logger

    /// Prepares a mailer; nothing connects until ``send(_:)``. Throws
    /// ``MailError/invalidConfiguration(_:)`` when a trusted certificate file cannot be read.
    public init(
        configuration: SMTPConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "parley.mail.smtp")
    ) throws {
        self.configuration = configuration
        self.group = eventLoopGroup
        self.logger = logger
        if configuration.security == .plainText {
            tls = nil
        } else {
            var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
            tlsConfiguration.certificateVerification = .fullVerification
            tlsConfiguration.additionalTrustRoots = configuration.trustedCertificateFiles.map { .file($0) }
            do {
                tls = try NIOSSLContext(configuration: tlsConfiguration)
            } catch {
                throw MailError.invalidConfiguration(
                    "cannot set up TLS (trusted certificate files \(configuration.trustedCertificateFiles)): \(error)")
            }
        }
    }

    /// Reads the configuration from an `smtp://` or `smtps://` URL (see ``SMTPConfiguration``).
    public convenience init(
        url: String,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "parley.mail.smtp")
    ) throws {
        try self.init(configuration: SMTPConfiguration(url: url), eventLoopGroup: eventLoopGroup, logger: logger)
    }

    /// Renders `message`, then delivers it in one SMTP session. Throws ``MailError``.
    public func send(_ message: MailMessage) async throws {
        let data = try MIMEWriter.render(message)
        let config = configuration
        var logger = self.logger
        logger[metadataKey: "smtp.server"] = "\(config.host):\(config.port)"
        logger[metadataKey: "mail.message_id"] = "\(message.messageID)"

        let connection = try await SMTPConnection.connect(
            host: config.host, port: config.port, group: group,
            connectTimeout: .nanoseconds(Self.nanoseconds(config.connectTimeout)),
            replyTimeout: .nanoseconds(Self.nanoseconds(config.replyTimeout)),
            tls: config.security == .implicitTLS ? tls : nil)
        do {
            try await session(connection, message: message, data: data, logger: logger)
            await connection.close()
        } catch {
            await connection.close()
            let mailError = SMTPReplyHandler.mailError(error)
            logger.debug("SMTP send failed", metadata: ["error": "\(mailError)"])
            throw mailError
        }
    }

    private func session(_ c: SMTPConnection, message: MailMessage, data: [UInt8], logger: Logger) async throws {
        let config = configuration
        var encrypted = config.security == .implicitTLS

        func expect(_ reply: SMTPReply, _ codes: ClosedRange<Int>, _ step: String) throws {
            logger.trace("S: \(reply.code) \(reply.text)")
            guard codes.contains(reply.code) else {
                logger.debug("SMTP \(step) refused", metadata: ["reply": "\(reply.code) \(reply.text)"])
                throw MailError.reply(reply.code, "\(step): \(reply.text)")
            }
        }
        /// Sends a command, logging it unless it carries a secret.
        func command(_ line: String, secret: Bool = false, what: String? = nil) async throws -> SMTPReply {
            logger.trace("C: \(secret ? (what ?? "[redacted]") + " [redacted]" : line)")
            return try await c.command(line, what: what ?? line)
        }
        func hello() async throws -> [String: [String]] {
            let ehlo = try await command("EHLO \(config.heloName)")
            if ehlo.code == 250 { return ehlo.extensions }
            logger.trace("S: \(ehlo.code) \(ehlo.text)")
            // A server that does not know EHLO (5xx) may still take HELO, without extensions.
            guard (500...599).contains(ehlo.code) else { throw MailError.reply(ehlo.code, "EHLO: \(ehlo.text)") }
            try expect(try await command("HELO \(config.heloName)"), 250...250, "HELO")
            return [:]
        }

        try expect(try await c.reply(to: "the greeting"), 220...220, "greeting")
        var extensions = try await hello()

        if !encrypted, config.security != .plainText {
            if extensions["STARTTLS"] != nil, let tls {
                try expect(try await command("STARTTLS"), 220...220, "STARTTLS")
                try await c.startTLS(tls, host: config.host)
                encrypted = true
                extensions = try await hello()
                logger.debug("SMTP connection upgraded with STARTTLS")
            } else if config.security == .startTLSRequired {
                throw MailError.tlsUnavailable("\(config.host) does not offer STARTTLS, which the configuration requires")
            }
        }

        if let user = config.username {
            guard encrypted || config.isLoopback else {
                throw MailError.tlsUnavailable("\(config.host) offers no TLS; the password is only sent encrypted (or to a loopback host)")
            }
            try await authenticate(
                user: user, password: config.password ?? "", mechanisms: extensions["AUTH"] ?? [],
                command: command)
        }

        try expect(try await command("MAIL FROM:<\(message.from.address)>"), 250...250, "MAIL FROM")
        try expect(try await command("RCPT TO:<\(message.to.address)>"), 250...251, "RCPT TO")
        try expect(try await command("DATA"), 354...354, "DATA")
        logger.trace("C: [\(data.count) bytes of message]")
        try expect(try await c.send(SMTPData.stuffed(data), what: "the end of DATA"), 250...250, "message")
        logger.debug("SMTP message accepted", metadata: ["to": "\(message.to.address)"])

        // The message is accepted; a failing or slow QUIT changes nothing, so wait briefly.
        logger.trace("C: QUIT")
        _ = try? await c.command("QUIT", timeout: .seconds(2))
    }

    private func authenticate(
        user: String, password: String, mechanisms: [String],
        command: (String, Bool, String?) async throws -> SMTPReply
    ) async throws {
        func check(_ reply: SMTPReply, _ codes: ClosedRange<Int>) throws {
            guard codes.contains(reply.code) else {
                if (400...499).contains(reply.code) {
                    throw MailError.deferred(code: reply.code, message: "AUTH: \(reply.text)")
                }
                throw MailError.authenticationFailed(code: reply.code, message: reply.text)
            }
        }
        func base64(_ s: String) -> String { Data(s.utf8).base64EncodedString() }
        if mechanisms.contains("PLAIN") {
            let reply = try await command("AUTH PLAIN \(base64("\0\(user)\0\(password)"))", true, "AUTH PLAIN")
            try check(reply, 235...235)
        } else if mechanisms.contains("LOGIN") {
            try check(try await command("AUTH LOGIN", false, nil), 334...334)
            try check(try await command(base64(user), true, "AUTH LOGIN user"), 334...334)
            try check(try await command(base64(password), true, "AUTH LOGIN password"), 235...235)
        } else {
            throw MailError.invalidConfiguration(
                "credentials are configured but \(configuration.host) offers neither AUTH PLAIN nor AUTH LOGIN (offers: \(mechanisms.joined(separator: " ")))"
            )
        }
    }

    private static func nanoseconds(_ d: Duration) -> Int64 {
        let (seconds, attoseconds) = d.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

/// SMTP DATA framing (RFC 5321 section 4.5.2).
enum SMTPData {
    /// `message` with a "." added before every line that starts with one, ending in CRLF,
    /// followed by the terminating `.` line.
    static func stuffed(_ message: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(message.count + message.count / 64 + 8)
        var atLineStart = true
        for b in message {
            if atLineStart, b == UInt8(ascii: ".") { out.append(b) }
            out.append(b)
            atLineStart = b == 10
        }
        if !out.isEmpty, !(out.count >= 2 && out[out.count - 2] == 13 && out[out.count - 1] == 10) {
            out += crlf
        }
        out += Array(".\r\n".utf8)
        return out
    }
}
