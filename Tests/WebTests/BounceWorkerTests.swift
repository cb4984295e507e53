import Domain
import Foundation
import Logging
import Mail
import Storage
import TestSupport
import Testing

/// The outbox worker and the subscriber list: a real SMTP server process that refuses some
/// recipients, and the test engine's real store (SQLite, or PostgreSQL when configured).
@Suite("Outbox worker and bounces", .serialized)
struct BounceWorkerTests {
    let t0 = Date(timeIntervalSince1970: 1_750_000_000)

    static let quiet: Logger = {
        var logger = Logger(label: "parley.tests.bounce")
        logger.logLevel = .critical
        return logger
    }()

    @Test(
        "Given subscribers whose server refuses one for good (550) and defers another (450), when the worker runs, then only the refused one is bounced, with its mail failed"
    )
    func bounces() async throws {
        let (store, running) = try await TestEngine.openStore()
        defer { _ = running }
        try await withSMTPSink(SMTPSink.Options(rcptReplies: ["gone@example.net": 550, "busy@example.net": 450])) { sink in
            for email in ["gone@example.net", "busy@example.net", "bob@example.net"] {
                #expect(try await store.insertSubscriber(email: email, createdAt: t0))
            }
            let from = try MailAddress("ada@example.org", name: "Ada")
            let ids = try await store.enqueue(
                try ["gone@example.net", "busy@example.net", "bob@example.net"].map {
                    MailMessage(from: from, to: try MailAddress($0), subject: "Letter", text: "Hello.\n")
                }, now: t0)
            var config = try SMTPConfiguration(url: "smtp://127.0.0.1:\(sink.port)")
            config.connectTimeout = .seconds(3)
            config.replyTimeout = .seconds(10)
            let worker = OutboxWorker(
                store: store, mailer: try SMTPMailer(configuration: config, logger: Self.quiet), workerID: "worker", logger: Self.quiet)

            #expect(await worker.runOnce(now: t0) == 3)

            #expect(try await store.subscriber(email: "gone@example.net")?.status == .bounced)
            #expect(try await store.outboxJob(id: ids[0])?.status == .failed)
            #expect(try await store.subscriber(email: "busy@example.net")?.status == .active)
            #expect(try await store.outboxJob(id: ids[1])?.status == .pending)
            #expect(try await store.subscriber(email: "bob@example.net")?.status == .active)
            #expect(try await store.outboxJob(id: ids[2])?.status == .sent)
            #expect(try await sink.messages(count: 1).map(\.record.rcpt_tos) == [["bob@example.net"]])
        }
    }
}
