import Foundation
import Logging
import Synchronization
import TestSupport
import Testing

@testable import Mail

/// Every test here talks to a real SMTP server process (aiosmtpd, `support/smtp_sink.py`).
/// Serialized: each starts its own server, and timing checks stay honest on two cores.
@Suite("Sending with SMTP", .serialized)
struct SMTPMailerTests {
    let ada = try! MailAddress("ada@example.org", name: "Ada Lovelace")
    let bob = try! MailAddress("bob@example.net", name: "Bob")

    func message(
        subject: String = "Hello Bob", text: String = "Hi Bob,\nhow are you?\n", html: String? = nil,
        to: MailAddress? = nil, from: MailAddress? = nil
    ) -> MailMessage {
        MailMessage(from: from ?? ada, to: to ?? bob, subject: subject, text: text, html: html)
    }

    /// A mailer for `sink`, trusting the test certificate when the sink speaks TLS.
    func mailer(
        _ sink: SMTPSink, scheme: String = "smtp", credentials: String = "", query: String = "",
        trustTestCertificate: Bool = true, replyTimeout: Duration = .seconds(10),
        logger: Logger = Logger(label: "test")
    ) throws -> SMTPMailer {
        var config = try SMTPConfiguration(url: "\(scheme)://\(credentials)127.0.0.1:\(sink.port)\(query)")
        config.replyTimeout = replyTimeout
        config.connectTimeout = .seconds(3)
        if trustTestCertificate { config.trustedCertificateFiles = [try TestCertificate.shared.get().certificate] }
        return try SMTPMailer(configuration: config, logger: logger)
    }

    /// The MailError `body` throws, or a recorded issue.
    func mailError(_ body: () async throws -> Void) async -> MailError? {
        do {
            try await body()
            Issue.record("expected a MailError, but the call succeeded")
        } catch let error as MailError {
            return error
        } catch {
            Issue.record("expected a MailError, got \(error)")
        }
        return nil
    }

    @Test("Given a plain SMTP server, when a message is sent, then it arrives once with its envelope, headers and body")
    func plainDelivery() async throws {
        try await withSMTPSink { sink in
            let m = message()
            try await mailer(sink, query: "?helo=parley.test").send(m)
            let received = try await sink.messages(count: 1)
            #expect(received.count == 1)
            let r = try #require(received.first)
            #expect(r.record.mail_from == "ada@example.org")
            #expect(r.record.rcpt_tos == ["bob@example.net"])
            #expect(r.record.tls == false)
            #expect(r.record.defects == [])
            #expect(shapeProblems(r.raw) == [])
            let mail = ReadMail(r.rawText)
            #expect(mail.header("Message-ID") == "<\(m.messageID)>")
            #expect(mail.header("From") == "Ada Lovelace <ada@example.org>")
            #expect(mail.header("To") == "Bob <bob@example.net>")
            #expect(mail.header("Subject") == "Hello Bob")
            #expect(mail.header("Date")?.hasSuffix("+0000") == true)
            #expect(lf(mail.decodedBody) == "Hi Bob,\nhow are you?\n")
            #expect(lf(r.record.text) == "Hi Bob,\nhow are you?\n")
        }
    }

    @Test("Given a UTF-8 subject and sender name, when sent, then the server's mail reader decodes them exactly")
    func utf8Headers() async throws {
        try await withSMTPSink { sink in
            let from = try MailAddress("zoe@example.org", name: "Zoë Ångström-Łukasiewicz 🚀")
            let subject = "Grüße — ein neuer Beitrag: «Über Kommentare» und 日本語のテキスト, " + String(repeating: "ü", count: 50)
            try await mailer(sink).send(message(subject: subject, text: "Ünïcödé body ✓", from: from))
            let r = try #require(try await sink.messages(count: 1).first)
            #expect(r.record.subject == subject)
            #expect(r.record.from?.name == "Zoë Ångström-Łukasiewicz 🚀")
            #expect(r.record.from?.address == "zoe@example.org")
            #expect(lf(r.record.text) == "Ünïcödé body ✓\n")
            #expect(shapeProblems(r.raw) == [])
            let mail = ReadMail(r.rawText)
            #expect(mail.decoded("Subject") == subject)
            #expect(mail.decoded("From") == "Zoë Ångström-Łukasiewicz 🚀 <zoe@example.org>")
        }
    }

    @Test("Given text and HTML bodies, when sent, then a multipart/alternative message arrives with both, text first")
    func multipart() async throws {
        try await withSMTPSink { sink in
            let html = "<p>Hi <b>Bob</b> — <a href=\"https://example.org/p?a=1&amp;b=2\">read</a></p>"
            try await mailer(sink).send(message(text: "Hi Bob — read https://example.org/p?a=1&b=2", html: html))
            let r = try #require(try await sink.messages(count: 1).first)
            #expect(r.record.content_type == "multipart/alternative")
            // The CRLF before a boundary belongs to the boundary: parts end as their text ends.
            #expect(r.record.text == "Hi Bob — read https://example.org/p?a=1&b=2")
            #expect(r.record.html == html)
            #expect(r.record.defects == [])
            let parts = ReadMail(r.rawText).parts
            #expect(parts.map { $0.header("Content-Type") ?? "" } == ["text/plain; charset=utf-8", "text/html; charset=utf-8"])
        }
    }

    @Test("Given a body with a lone '.' line and lines starting with dots, when sent, then dot-stuffing delivers them intact")
    func dotStuffing() async throws {
        try await withSMTPSink { sink in
            let text = "before\n.\n..two dots\n.leading dot\nafter\n."
            try await mailer(sink).send(message(text: text))
            let r = try #require(try await sink.messages(count: 1).first)
            #expect(lf(r.record.text) == text + "\n")
            #expect(r.rawText.contains("\r\nbefore\r\n.\r\n..two dots\r\n.leading dot\r\nafter\r\n.\r\n"))
        }
    }

    @Test(
        "Given a server offering STARTTLS and requiring AUTH, when sent with starttls=required and the test certificate trusted, then the message arrives encrypted and authenticated"
    )
    func startTLS() async throws {
        let options = SMTPSink.Options(tls: .starttls, auth: ("parley", "s3cret pw"))
        try await withSMTPSink(options) { sink in
            try await mailer(sink, credentials: "parley:s3cret%20pw@", query: "?starttls=required").send(message())
            let r = try #require(try await sink.messages(count: 1).first)
            #expect(r.record.tls == true)
            #expect(r.record.auth_login == "parley")
        }
    }

    @Test(
        "Given a server offering STARTTLS with a self-signed certificate, when sent without trusting it, then verification fails and nothing is sent"
    )
    func startTLSVerifies() async throws {
        try await withSMTPSink(SMTPSink.Options(tls: .starttls)) { sink in
            let error = await mailError { try await mailer(sink, trustTestCertificate: false).send(message()) }
            guard case .tlsFailed = error else { Issue.record("expected tlsFailed, got \(String(describing: error))"); return }
            #expect(error?.isTemporary == true)
            try await Task.sleep(for: .milliseconds(200))
            #expect(sink.receivedCount == 0)
        }
    }

    @Test("Given a server without STARTTLS, when sent with starttls=required, then it fails permanently before any mail command")
    func startTLSRequired() async throws {
        try await withSMTPSink { sink in
            let error = await mailError { try await mailer(sink, query: "?starttls=required").send(message()) }
            guard case .tlsUnavailable = error else { Issue.record("expected tlsUnavailable, got \(String(describing: error))"); return }
            #expect(error?.isPermanent == true)
            #expect(sink.receivedCount == 0)
        }
    }

    @Test("Given an implicit-TLS server, when sent over smtps with the test certificate trusted, then the message arrives encrypted")
    func implicitTLS() async throws {
        let options = SMTPSink.Options(tls: .implicit, auth: ("parley", "pw"))
        try await withSMTPSink(options) { sink in
            try await mailer(sink, scheme: "smtps", credentials: "parley:pw@").send(message(subject: "Über TLS"))
            let r = try #require(try await sink.messages(count: 1).first)
            #expect(r.record.tls == true)
            #expect(r.record.auth_login == "parley")
            #expect(r.record.subject == "Über TLS")
        }
    }

    @Test(
        "Given a server offering only one AUTH mechanism, when sent with the right password, then that mechanism logs in",
        arguments: [["PLAIN"], ["LOGIN"], ["LOGIN", "PLAIN"]])
    func authSuccess(mechanisms: [String]) async throws {
        var options = SMTPSink.Options(auth: ("news@example.org", "p@ss:wörd"))
        options.authMechanisms = mechanisms
        try await withSMTPSink(options) { sink in
            try await mailer(sink, credentials: "news%40example.org:p%40ss%3Aw%C3%B6rd@").send(message())
            let r = try #require(try await sink.messages(count: 1).first)
            #expect(r.record.auth_login == "news@example.org")
        }
    }

    @Test("Given a server requiring AUTH, when sent with a wrong password, then it fails permanently with authenticationFailed")
    func authFailure() async throws {
        try await withSMTPSink(SMTPSink.Options(auth: ("parley", "right"))) { sink in
            let error = await mailError { try await mailer(sink, credentials: "parley:wrong@").send(message()) }
            guard case .authenticationFailed(let code, _) = error else {
                Issue.record("expected authenticationFailed, got \(String(describing: error))"); return
            }
            #expect(code == 535)
            #expect(error?.isPermanent == true)
            #expect(sink.receivedCount == 0)
        }
    }

    @Test("Given a server that logs every command, when AUTH runs, then the password never reaches the log")
    func passwordNotLogged() async throws {
        let collected = LogCollector()
        var logger = Logger(label: "test") { _ in collected }
        logger.logLevel = .trace
        for mechanisms in [["PLAIN"], ["LOGIN"]] {
            var options = SMTPSink.Options(auth: ("parley", "Sup3rS3cret"))
            options.authMechanisms = mechanisms
            try await withSMTPSink(options) { sink in
                try await mailer(sink, credentials: "parley:Sup3rS3cret@", logger: logger).send(message())
                _ = try await sink.messages(count: 1)
            }
        }
        let text = collected.text
        #expect(text.contains("AUTH PLAIN [redacted]"))
        #expect(text.contains("MAIL FROM"))
        for secret in [
            "Sup3rS3cret", Data("\0parley\0Sup3rS3cret".utf8).base64EncodedString(),
            Data("Sup3rS3cret".utf8).base64EncodedString(),
        ] {
            #expect(!text.contains(secret))
        }
    }

    @Test(
        "Given a server that refuses or defers the recipient, when sent, then 5xx is a permanent and 4xx a temporary error",
        arguments: [(550, true), (553, true), (451, false), (450, false)])
    func recipientRefused(code: Int, permanent: Bool) async throws {
        let gone = try MailAddress("gone@example.net")
        try await withSMTPSink(SMTPSink.Options(rcptReplies: ["gone@example.net": code])) { sink in
            let error = await mailError { try await mailer(sink).send(message(to: gone)) }
            #expect(error?.isPermanent == permanent)
            switch error {
            case .rejected(let c, let text)?: #expect(permanent && c == code && text.contains("RCPT TO"))
            case .deferred(let c, _)?: #expect(!permanent && c == code)
            default: Issue.record("unexpected \(String(describing: error))")
            }
            #expect(sink.receivedCount == 0)
        }
    }

    @Test(
        "Given a server that answers 451 to the first message, when sent twice, then the first try is temporary and the retry is delivered")
    func temporaryFailureThenRetry() async throws {
        try await withSMTPSink(SMTPSink.Options(failData: (1, 451))) { sink in
            let m = message()
            let mailer = try mailer(sink)
            let error = await mailError { try await mailer.send(m) }
            guard case .deferred(451, _) = error else { Issue.record("expected deferred 451, got \(String(describing: error))"); return }
            #expect(error?.isTemporary == true)
            try await mailer.send(m)
            let received = try await sink.messages(count: 1)
            #expect(received.count == 1)
            #expect(ReadMail(received[0].rawText).header("Message-ID") == "<\(m.messageID)>")
        }
    }

    @Test("Given no server on the port, when sent, then it fails as a temporary connection error well within the connect timeout")
    func notListening() async throws {
        var config = try SMTPConfiguration(url: "smtp://127.0.0.1:\(try unusedPort())")
        config.connectTimeout = .seconds(3)
        let started = ContinuousClock.now
        let error = await mailError { try await SMTPMailer(configuration: config).send(message()) }
        #expect(ContinuousClock.now - started < .seconds(3))
        guard case .connectionFailed = error else { Issue.record("expected connectionFailed, got \(String(describing: error))"); return }
        #expect(error?.isTemporary == true)
    }

    @Test("Given a server that accepts and never answers, when sent, then it fails as a temporary timeout after the reply timeout")
    func silentServer() async throws {
        try await withSMTPSink(SMTPSink.Options(silent: true)) { sink in
            let started = ContinuousClock.now
            let error = await mailError { try await mailer(sink, replyTimeout: .seconds(1)).send(message()) }
            let elapsed = ContinuousClock.now - started
            #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(5), "took \(elapsed)")
            guard case .timeout = error else { Issue.record("expected timeout, got \(String(describing: error))"); return }
            #expect(error?.isTemporary == true)
        }
    }

    @Test("Given a subject carrying a Bcc header after CRLF, when sent, then it is refused before connecting and nothing arrives")
    func headerInjection() async throws {
        try await withSMTPSink { sink in
            let error = await mailError {
                try await mailer(sink).send(message(subject: "Hi\r\nBcc: victim@example.com"))
            }
            guard case .invalidHeader = error else { Issue.record("expected invalidHeader, got \(String(describing: error))"); return }
            #expect(error?.isPermanent == true)
            #expect(sink.receivedCount == 0)
        }
    }

    @Test("Given one mailer, when five messages are sent at once, then all five arrive")
    func concurrentSends() async throws {
        try await withSMTPSink { sink in
            let mailer = try mailer(sink)
            let recipients = try (1...5).map { try MailAddress("reader\($0)@example.net") }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for to in recipients {
                    group.addTask { try await mailer.send(message(to: to)) }
                }
                try await group.waitForAll()
            }
            let received = try await sink.messages(count: 5)
            #expect(Set(received.flatMap(\.record.rcpt_tos)) == Set(recipients.map(\.address)))
        }
    }
}
