import App
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

/// The staff digest: mailed through the outbox and SMTP to a real SMTP server process, its
/// signed links used in the browser.
@Suite("Staff are mailed what waits, with links that are safe to follow")
struct StaffDigestTests {
    /// Sends what is due at `date` (a digest is queued at its clock's time).
    func deliver(_ site: TestSite, to sink: SMTPSink, at date: Date) async throws -> Int {
        var logger = Logger(label: "test.outbox")
        logger.logLevel = .critical
        let worker = OutboxWorker(store: site.store, mailer: try SMTPMailer(url: "smtp://127.0.0.1:\(sink.port)"), logger: logger)
        return await worker.runOnce(now: date)
    }

    /// The query of a digest link, as form fields.
    func fields(of path: String) -> [String: String] {
        let query = path.split(separator: "?", maxSplits: 1).last.map(String.init) ?? ""
        var fields: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { fields[parts[0]] = parts[1].removingPercentEncoding }
        }
        return fields
    }

    @Test("One digest per member of staff per interval, only when something new waits; its links confirm before they act")
    func digest() async throws {
        let (site, moderator) = try await ModerationQueueTests.holdingSite()
        let first = try await site.comment("Buy cheap watches at my shop", by: site.reader)
        let second = try await site.comment("Another comment that waits", by: site.reader)
        let interval = site.actions.mail.staffDigestInterval
        // Nothing arrived in the window before this one: no digest.
        #expect(try await site.actions(at: first.createdAt).sendStaffDigest() == 0)
        // The next window tells what arrived in this one, once, to the owner and the moderator.
        let sent = first.createdAt.addingTimeInterval(interval)
        let later = site.actions(at: sent)
        #expect(try await later.sendStaffDigest() == 2)
        #expect(try await later.sendStaffDigest() == 0)
        // And the window after that has nothing new to tell.
        #expect(try await site.actions(at: first.createdAt.addingTimeInterval(2 * interval)).sendStaffDigest() == 0)

        try await withSMTPSink { sink in
            #expect(try await deliver(site, to: sink, at: sent) == 2)
            let messages = try await sink.messages(count: 2)
            #expect(Set(messages.flatMap(\.record.rcpt_tos)) == [site.owner.email, moderator.email])
            let mail = try #require(messages.first { $0.record.rcpt_tos == [moderator.email] })
            let text = mail.record.text ?? ""
            #expect(mail.record.subject.contains("2 comments wait for moderation"))
            #expect(text.contains("2 held for approval"))
            #expect(text.contains("Buy cheap watches at my shop"))
            #expect(text.contains("By Rita Reader"))
            let approve = try #require(link(in: text, after: "/dashboard/moderation/decide?a=approve&c=\(first.id)&"))
            let reject = try #require(link(in: text, after: "/dashboard/moderation/decide?a=reject&c=\(second.id)&"))
            #expect(fields(of: approve)["m"] == "\(moderator.id)")

            try await site.test { browser async throws in
                // Opening the link (as a mail scanner would) only shows the question.
                let page = try await browser.get(approve)
                #expect(page.status == .ok)
                #expect(page.text.contains("Approve this comment?"))
                #expect(page.text.contains("You act as Maud."))
                #expect(try await site.store.comment(id: first.id)?.status == .held)

                // A tampered link: another comment, or a changed signature, is refused and changes nothing.
                var forged = fields(of: approve)
                forged["c"] = "\(second.id)"
                let forgedPath =
                    "/dashboard/moderation/decide?"
                    + forged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                    .joined(separator: "&")
                #expect(try await browser.get(forgedPath).status == .notFound)
                #expect(try await browser.post("/dashboard/moderation/decide", form: forged).status == .notFound)
                var badSignature = fields(of: approve)
                badSignature["sig"] = String((badSignature["sig"] ?? "").reversed())
                #expect(try await browser.post("/dashboard/moderation/decide", form: badSignature).status == .notFound)
                #expect(try await site.store.comment(id: second.id)?.status == .held)

                // The button's POST decides, signed out, as the member the link was made for.
                let approved = try await browser.post("/dashboard/moderation/decide", form: fields(of: approve))
                #expect(approved.status == .ok)
                #expect(approved.text.contains("The comment is approved."))
                #expect(try await site.store.comment(id: first.id)?.status == .visible)
                var rejectForm = fields(of: reject)
                rejectForm["reason"] = "Off topic"
                #expect(try await browser.post("/dashboard/moderation/decide", form: rejectForm).status == .ok)
                #expect(try await site.store.comment(id: second.id)?.status == .removed)
                // Decided: the same links, used again or the other way, are spent (410) and change nothing.
                #expect(try await browser.post("/dashboard/moderation/decide", form: fields(of: approve)).status == .gone)
                #expect(try await browser.post("/dashboard/moderation/decide", form: rejectForm).status == .gone)
                #expect(try await browser.get(reject).status == .gone)
                #expect(try await site.store.comment(id: first.id)?.status == .visible)
                #expect(try await site.store.comment(id: second.id)?.status == .removed)
            }
            let audit = try await site.store.auditLog(filter: AuditFilter(actorID: moderator.id), before: nil, limit: 10)
            #expect(Set(audit.map(\.action)) == [.approve, .reject])
            // The rejected author is told the reason.
            #expect(try await deliver(site, to: sink, at: sent) == 1)
            let rejection = try #require(try await sink.messages(count: 3).last)
            #expect(rejection.record.rcpt_tos == [site.reader.email])
            #expect(rejection.record.text?.contains("Off topic") == true)
        }
    }

    @Test("A digest link stops working when it expires or when its member is no longer staff")
    func expiredAndDemoted() async throws {
        let (site, moderator) = try await ModerationQueueTests.holdingSite()
        let held = try await site.comment("Waiting", by: site.reader)
        let sent = held.createdAt.addingTimeInterval(site.actions.mail.staffDigestInterval)
        #expect(try await site.actions(at: sent).sendStaffDigest() == 2)
        let mail = try #require(try await site.mail(to: moderator.email).first)
        let approve = try #require(link(in: mail.text, after: "/dashboard/moderation/decide?a=approve&c=\(held.id)&"))
        try await site.test(at: sent.addingTimeInterval(StaffLinkLifetime.seconds + 60)) { browser async throws in
            #expect(try await browser.get(approve).status == .gone)
        }
        try await site.actions.setRole(.member, memberID: moderator.id, by: site.owner)
        try await site.test { browser async throws in
            #expect(try await browser.get(approve).status == .forbidden)
            #expect(try await browser.post("/dashboard/moderation/decide", form: fields(of: approve)).status == .forbidden)
        }
        #expect(try await site.store.comment(id: held.id)?.status == .held)
    }
}

extension TestSite {
    /// Runs `body` against the real application whose clock reads `date`.
    func test(at date: Date, _ body: @escaping @Sendable (Browser) async throws -> Void) async throws {
        let app = buildApplication(
            actions: actions(at: date), configuration: ParleyConfiguration(passwordCost: 4), logger: Logger(label: "test"))
        try await app.test(.router) { client in
            try await body(Browser(client: client))
        }
    }
}
