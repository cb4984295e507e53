import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Mail
import Storage
import TestSupport
import Testing
import UseCases

/// Mail from the use cases, through the outbox worker and SMTP, to a real SMTP server process.
@Suite("Mail reaches a real SMTP server")
struct MailDeliveryTests {
    /// Sends everything due in the site's outbox to `sink`, as the running worker would.
    func deliver(_ site: TestSite, to sink: SMTPSink, at date: Date = Date()) async throws -> Int {
        var logger = Logger(label: "test.outbox")
        logger.logLevel = .critical
        let worker = OutboxWorker(store: site.store, mailer: try SMTPMailer(url: "smtp://127.0.0.1:\(sink.port)"), logger: logger)
        return await worker.runOnce(now: date)
    }

    func header(_ name: String, of message: SMTPSink.Received) -> String? {
        message.record.headers.first { $0.first?.lowercased() == name.lowercased() }?.last
    }

    @Test("The sign-in mail arrives; its link signs in once, then gets a clear page")
    func signInLink() async throws {
        let site = try await TestSite()
        try await withSMTPSink { sink in
            try await site.actions.requestSignInLink(email: site.reader.email, returnPath: "/settings")
            #expect(try await deliver(site, to: sink) == 1)
            let message = try #require(try await sink.messages(count: 1).first)
            #expect(message.record.rcpt_tos == [site.reader.email])
            #expect(header("List-Unsubscribe", of: message) == nil)
            let path = try #require(link(in: message.record.text ?? "", after: "/sign-in/link?token="))
            let token = String(path.dropFirst("/sign-in/link?token=".count))
            try await site.test { browser async throws in
                let used = try await browser.post("/sign-in/link", form: ["token": token])
                #expect(used.status == .seeOther)
                #expect(used.location == "/settings")
                let again = try await browser.post("/sign-in/link", form: ["token": token])
                #expect(again.status == .gone)
                #expect(again.text.contains("already used"))
            }
            // What was sent is not sent again.
            #expect(try await deliver(site, to: sink) == 0)
            #expect(sink.receivedCount == 1)
        }
    }

    @Test("A double opt-in confirmation arrives, and the newsletter after it carries both unsubscribe headers")
    func subscription() async throws {
        let site = try await TestSite()
        try await withSMTPSink { sink in
            try await site.actions.subscribe(email: "fan@example.com")
            #expect(try await deliver(site, to: sink) == 1)
            let confirmation = try #require(try await sink.messages(count: 1).first)
            let path = try #require(link(in: confirmation.record.text ?? "", after: "/subscribe/confirm?token="))
            let token = String(path.dropFirst("/subscribe/confirm?token=".count))
            try await site.test { browser async throws in
                #expect(try await browser.get(path).status == .ok)
                #expect(try await browser.post("/subscribe/confirm", form: ["token": token]).status == .ok)
            }
            _ = try await site.actions.addPost(AddPostInput(title: "Fresh news", bodyMarkdown: "Hello.", authorEmail: site.owner.email))
            #expect(try await site.actions.sendNewsletterBatches(batchSize: 10) == 1)
            #expect(try await deliver(site, to: sink) == 1)
            let newsletter = try #require(try await sink.messages(count: 2).last)
            #expect(newsletter.record.subject == "Fresh news")
            let unsubscribe = try #require(header("List-Unsubscribe", of: newsletter))
            #expect(unsubscribe.hasPrefix("<http://127.0.0.1:8080/unsubscribe?topics=n"))
            #expect(header("List-Unsubscribe-Post", of: newsletter) == "List-Unsubscribe=One-Click")
            // The one-click POST a mail provider makes.
            let oneClick = String(unsubscribe.dropFirst("<http://127.0.0.1:8080".count).dropLast())
            try await site.test { browser async throws in
                let response = try await browser.client.execute(
                    uri: oneClick, method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "List-Unsubscribe=One-Click")
                ) { $0 }
                #expect(response.status == .ok)
            }
            #expect(try await site.store.subscriber(email: "fan@example.com")?.status == .unsubscribed)
        }
    }

    @Test("Reply and mention emails arrive, one per person, with an unsubscribe link and headers")
    func notifications() async throws {
        let site = try await TestSite()
        let ada = try await site.actions.addMember(AddMemberInput(email: "ada@example.com", displayName: "Ada Lovelace"))
        let mine = try await site.comment("A question", by: site.reader)
        try await site.comment("An answer, cc @Ada Lovelace", by: site.owner, replyTo: mine.id)
        try await site.comment("And a second answer", by: site.owner, replyTo: mine.id)
        let later = Date().addingTimeInterval(600)
        #expect(try await site.actions(at: later).sendDueNotifications() == 2)
        try await withSMTPSink { sink in
            #expect(try await deliver(site, to: sink, at: later) == 2)
            let received = try await sink.messages(count: 2)
            let toReader = try #require(received.first { $0.record.rcpt_tos == [site.reader.email] })
            let toAda = try #require(received.first { $0.record.rcpt_tos == [ada.email] })
            #expect(toReader.record.text?.contains("An answer") == true && toReader.record.text?.contains("second answer") == true)
            #expect(toAda.record.text?.contains("cc @Ada Lovelace") == true)
            for message in [toReader, toAda] {
                #expect(header("List-Unsubscribe", of: message)?.contains("/unsubscribe?topics=") == true)
                #expect(header("List-Unsubscribe-Post", of: message) == "List-Unsubscribe=One-Click")
                #expect(message.record.text?.contains("/unsubscribe?topics=") == true)
            }
        }
    }

    @Test("A temporary SMTP failure is retried, and the mail then arrives once")
    func retried() async throws {
        let site = try await TestSite()
        try await withSMTPSink(.init(failData: (count: 1, code: 451))) { sink in
            try await site.actions.requestSignInLink(email: site.reader.email, returnPath: "/")
            _ = try await deliver(site, to: sink)
            #expect(sink.receivedCount == 0)
            #expect(try await site.store.outboxCounts().pending == 1)
            // The retry comes due after the back-off.
            _ = try await deliver(site, to: sink, at: Date().addingTimeInterval(3_600))
            #expect(try await sink.messages(count: 1).count == 1)
            #expect(try await site.store.outboxCounts() == OutboxCounts(pending: 0, sent: 1, failed: 0))
        }
    }
}
