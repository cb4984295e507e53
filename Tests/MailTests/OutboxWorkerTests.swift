import Foundation
import Logging
import Storage
import StorageReference
import TestSupport
import Testing

@testable import Mail

/// The outbox worker against a real SMTP server process (`support/smtp_sink.py`) and the
/// reference store; the stores themselves are held to the outbox contract in StorageTests.
/// Serialized: each test starts its own server.
@Suite("Outbox worker", .serialized)
struct OutboxWorkerTests {
    let ada = try! MailAddress("ada@example.org", name: "Ada")
    let bob = try! MailAddress("bob@example.net", name: "Bob")
    /// A fixed instant: the worker's time comes from the test, not the clock.
    let t0 = Date(timeIntervalSince1970: 1_750_000_000)

    static let quiet: Logger = {
        var logger = Logger(label: "parley.tests.outbox")
        logger.logLevel = .critical
        return logger
    }()

    func message(_ subject: String = "Hello", to: MailAddress? = nil) -> MailMessage {
        MailMessage(from: ada, to: to ?? bob, subject: subject, text: "Hi,\nthis is \(subject).\n")
    }

    func mailer(_ sink: SMTPSink) throws -> SMTPMailer {
        var config = try SMTPConfiguration(url: "smtp://127.0.0.1:\(sink.port)")
        config.connectTimeout = .seconds(3)
        config.replyTimeout = .seconds(10)
        return try SMTPMailer(configuration: config, logger: Self.quiet)
    }

    func makeWorker(
        _ store: any OutboxStore, _ mailer: any Mailer, id: String = "worker",
        _ configuration: OutboxWorker.Configuration = .init()
    ) -> OutboxWorker {
        OutboxWorker(store: store, mailer: mailer, configuration: configuration, workerID: id, logger: Self.quiet)
    }

    /// The Message-IDs the sink received, in order.
    func receivedIDs(_ sink: SMTPSink, count: Int) async throws -> [String] {
        try await sink.messages(count: count).map { ReadMail($0.rawText).header("Message-ID") ?? "?" }
    }

    // MARK: Delivery

    @Test("Given three messages in the outbox, when the worker runs, then each arrives once and is marked sent; the next run sends nothing")
    func delivers() async throws {
        try await withSMTPSink { sink in
            let store: any OutboxStore = InMemoryStore()
            let messages = [message("one"), message("two"), message("three")]
            let ids = try await store.enqueue(messages, now: t0)
            let worker = makeWorker(store, try mailer(sink))

            #expect(await worker.runOnce(now: t0) == 3)
            #expect(Set(try await receivedIDs(sink, count: 3)) == Set(messages.map { "<\($0.messageID)>" }))
            for id in ids {
                let job = try #require(try await store.outboxJob(id: id))
                #expect(job.status == .sent)
                #expect(job.attempts == 1)
                #expect(job.claimedBy == "worker")
                #expect(job.lastError == nil)
                #expect(job.sentAt.map { $0 >= t0 } == true)
            }
            #expect(await worker.runOnce(now: t0.addingTimeInterval(86_400)) == 0)
            #expect(sink.receivedCount == 3)
            #expect(try await store.outboxCounts() == OutboxCounts(sent: 3))
        }
    }

    @Test("Given a sent message, then the outbox keeps who, when and what about, but not its body or extra headers")
    func keepsNoBodyOnceSent() async throws {
        try await withSMTPSink { sink in
            let store: any OutboxStore = InMemoryStore()
            var secret = message("secret-link")
            secret.text = "Your link: https://example.com/sign-in/link?token=SECRET"
            secret.headers = [MailHeader.listUnsubscribe("https://example.com/unsubscribe?sig=SECRET")]
            let id = try await store.enqueue([secret], now: t0)[0]
            #expect(await makeWorker(store, try mailer(sink)).runOnce(now: t0) == 1)
            #expect(try await sink.messages(count: 1).first?.rawText.contains("SECRET") == true)
            let job = try #require(try await store.outboxJob(id: id))
            #expect(job.status == .sent)
            #expect(!job.messageJSON.contains("SECRET"))
            let kept = try MailMessage(outboxJSON: job.messageJSON)
            #expect(kept.subject == secret.subject && kept.to == secret.to && kept.messageID == secret.messageID)
        }
    }

    @Test(
        "Given a server that answers 451 once, when the worker runs, then the message waits out its back-off and the next due run delivers it, same Message-ID"
    )
    func retriesAfterTemporaryFailure() async throws {
        try await withSMTPSink(SMTPSink.Options(failData: (1, 451))) { sink in
            let store: any OutboxStore = InMemoryStore()
            let m = message()
            let id = try await store.enqueue([m], now: t0)[0]
            let worker = makeWorker(store, try mailer(sink))

            #expect(await worker.runOnce(now: t0) == 1)
            let waiting = try #require(try await store.outboxJob(id: id))
            #expect(waiting.status == .pending)
            #expect(waiting.attempts == 1)
            #expect(waiting.lastError?.contains("451") == true)
            #expect(waiting.lockedUntil == nil)
            // 30 s less up to half of it, counted from when the attempt failed (a moment after t0).
            let delay = waiting.nextAttemptAt.timeIntervalSince(t0)
            #expect(delay >= 15 && delay <= 35, "retry in \(delay) s")
            #expect(sink.receivedCount == 0)

            #expect(await worker.runOnce(now: t0.addingTimeInterval(10)) == 0)
            #expect(await worker.runOnce(now: t0.addingTimeInterval(40)) == 1)
            #expect(try await receivedIDs(sink, count: 1) == ["<\(m.messageID)>"])
            let sent = try #require(try await store.outboxJob(id: id))
            #expect(sent.status == .sent)
            #expect(sent.attempts == 2)
            #expect(sent.lastError?.contains("451") == true)
        }
    }

    @Test(
        "Given a server that always answers 451, when the worker has tried max attempts, then it gives up keeping the last error, after growing delays"
    )
    func givesUpAfterMaxAttempts() async throws {
        try await withSMTPSink(SMTPSink.Options(failData: (100, 451))) { sink in
            let store: any OutboxStore = InMemoryStore()
            let id = try await store.enqueue([message()], now: t0)[0]
            let worker = makeWorker(store, try mailer(sink), .init(maxAttempts: 3))

            var now = t0
            var delays: [TimeInterval] = []
            for attempt in 1...3 {
                #expect(await worker.runOnce(now: now) == 1)
                let job = try #require(try await store.outboxJob(id: id))
                #expect(job.attempts == attempt)
                if attempt < 3 {
                    #expect(job.status == .pending)
                    delays.append(job.nextAttemptAt.timeIntervalSince(now))
                    now = job.nextAttemptAt
                }
            }
            #expect(delays.count == 2)
            #expect(delays[0] >= 15 && delays[0] <= 35, "\(delays)")
            #expect(delays[1] >= 30 && delays[1] <= 65, "\(delays)")

            let failed = try #require(try await store.outboxJob(id: id))
            #expect(failed.status == .failed)
            #expect(failed.attempts == 3)
            #expect(failed.lastError?.contains("451") == true)
            #expect(await worker.runOnce(now: t0.addingTimeInterval(86_400 * 365)) == 0)
            #expect(sink.receivedCount == 0)
            #expect(try await store.outboxCounts() == OutboxCounts(failed: 1))
        }
    }

    @Test(
        "Given a recipient the server refuses with 550, when the worker runs, then that message fails at once and the rest of the batch is delivered"
    )
    func permanentFailureFailsAtOnce() async throws {
        try await withSMTPSink(SMTPSink.Options(rcptReplies: ["gone@example.net": 550])) { sink in
            let store: any OutboxStore = InMemoryStore()
            let gone = try MailAddress("gone@example.net")
            let ids = try await store.enqueue([message("to gone", to: gone), message("to bob")], now: t0)
            let worker = makeWorker(store, try mailer(sink))

            #expect(await worker.runOnce(now: t0) == 2)
            let failed = try #require(try await store.outboxJob(id: ids[0]))
            #expect(failed.status == .failed)
            #expect(failed.attempts == 1)
            #expect(failed.lastError?.contains("550") == true)
            #expect(try await store.outboxJob(id: ids[1])?.status == .sent)
            let received = try await sink.messages(count: 1)
            #expect(received.map(\.record.rcpt_tos) == [["bob@example.net"]])
            #expect(await worker.runOnce(now: t0.addingTimeInterval(86_400)) == 0)
            #expect(sink.receivedCount == 1)
        }
    }

    // MARK: Crashes

    // Mail committed by a process killed before its worker ran is the process test's
    // (Tests/integration: kill -9, restart, sent once): in one process nothing can be killed.

    @Test(
        "Given a worker killed after claiming a message but before sending it, when its lease ends, then another worker sends it exactly once"
    )
    func killedAfterClaiming() async throws {
        try await withSMTPSink { sink in
            let store: any OutboxStore = InMemoryStore()
            let m = message()
            let id = try await store.enqueue([m], now: t0)[0]
            let lease: TimeInterval = 600
            // What the killed worker got done: the claim, nothing more.
            #expect(try await store.claimDue(now: t0, limit: 20, lease: lease, worker: "killed").count == 1)

            let survivor = makeWorker(store, try mailer(sink), id: "restarted", .init(lease: lease))
            #expect(await survivor.runOnce(now: t0.addingTimeInterval(lease - 1)) == 0)
            #expect(sink.receivedCount == 0)
            #expect(await survivor.runOnce(now: t0.addingTimeInterval(lease)) == 1)
            #expect(await survivor.runOnce(now: t0.addingTimeInterval(lease * 10)) == 0)
            #expect(try await receivedIDs(sink, count: 1) == ["<\(m.messageID)>"])
            #expect(sink.receivedCount == 1)
            let job = try #require(try await store.outboxJob(id: id))
            #expect(job.status == .sent)
            #expect(job.attempts == 2)
            #expect(job.claimedBy == "restarted")
        }
    }

    @Test(
        "Given a worker killed after the server took a message but before recording it, when the lease ends, then it is sent once more with the same Message-ID: at least once, documented"
    )
    func killedAfterSendingBeforeRecording() async throws {
        try await withSMTPSink { sink in
            let store: any OutboxStore = InMemoryStore()
            let m = message()
            let id = try await store.enqueue([m], now: t0)[0]
            let claimed = try await store.claimDue(now: t0, limit: 20, lease: 600, worker: "killed")
            try await mailer(sink).send(MailMessage(outboxJSON: claimed[0].messageJSON))

            let survivor = makeWorker(store, try mailer(sink), id: "restarted")
            #expect(await survivor.runOnce(now: t0.addingTimeInterval(600)) == 1)
            #expect(await survivor.runOnce(now: t0.addingTimeInterval(6000)) == 0)
            #expect(try await receivedIDs(sink, count: 2) == ["<\(m.messageID)>", "<\(m.messageID)>"])
            #expect(try await store.outboxJob(id: id)?.status == .sent)
        }
    }

    @Test("Given a job whose every attempt died unfinished, when a worker claims it past its attempts, then it gives up without sending")
    func poisonMessageGivesUp() async throws {
        try await withSMTPSink { sink in
            let store: any OutboxStore = InMemoryStore()
            let id = try await store.enqueue([message()], now: t0)[0]
            _ = try await store.claimDue(now: t0, limit: 5, lease: 60, worker: "crashed-1")
            _ = try await store.claimDue(now: t0.addingTimeInterval(60), limit: 5, lease: 60, worker: "crashed-2")
            let worker = makeWorker(store, try mailer(sink), .init(lease: 60, maxAttempts: 2))
            #expect(await worker.runOnce(now: t0.addingTimeInterval(120)) == 1)
            let job = try #require(try await store.outboxJob(id: id))
            #expect(job.status == .failed)
            #expect(job.lastError?.contains("gave up after 2 attempts, the last of which never finished") == true)
            #expect(sink.receivedCount == 0)
        }
    }

    @Test(
        "Given a slow mailer and a short lease, when a batch outlasts three quarters of its lease, then the rest is left for the next claim and still sent once"
    )
    func shortLeaseLeavesTheRest() async throws {
        try await withSMTPSink { sink in
            let store: any OutboxStore = InMemoryStore()
            let messages = [message("one"), message("two"), message("three")]
            _ = try await store.enqueue(messages, now: t0)
            // Each send takes 3 s; three quarters of a 7.8 s lease is 5.85 s: after one send there is
            // time for another however slow the machine is within 2.85 s, and after two there
            // never is (a 1 s send and a 2 s lease left only 0.5 s to spare, too little under load)
            let slow = SlowMailer(inner: try mailer(sink), delay: .seconds(3))
            let worker = makeWorker(store, slow, .init(lease: 7.8))

            #expect(await worker.runOnce(now: t0) == 3)
            #expect(sink.receivedCount == 2)
            #expect(try await store.outboxCounts() == OutboxCounts(pending: 1, sent: 2))
            #expect(await worker.runOnce(now: t0.addingTimeInterval(7.8)) == 1)
            #expect(Set(try await receivedIDs(sink, count: 3)) == Set(messages.map { "<\($0.messageID)>" }))
            #expect(sink.receivedCount == 3)
        }
    }

    // MARK: What goes in

    @Test("Given a message with every part, when it goes through the outbox's JSON, then it comes back equal")
    func messageRoundTrip() throws {
        let m = MailMessage(
            from: ada, to: bob, subject: "Grüße «über» 日本語", text: "Text\r\nline", html: "<p>Hi &amp; bye</p>",
            headers: [.listUnsubscribe("https://example.org/u/1"), .listUnsubscribeOneClick],
            date: Date(timeIntervalSince1970: 1_750_000_000.123))
        let job = try m.outboxJob()
        #expect(job.recipient == "bob@example.net")
        #expect(try MailMessage(outboxJSON: job.messageJSON) == m)
    }

    @Test("Given a message whose header would break the mail, when it is enqueued, then it is refused at once and nothing is stored")
    func badMessageRefusedAtEnqueue() async throws {
        let store: any OutboxStore = InMemoryStore()
        let bad = MailMessage(from: ada, to: bob, subject: "Hi\r\nBcc: everyone@example.com", text: "x")
        await #expect(throws: MailError.self) { _ = try await store.enqueue([self.message(), bad], now: self.t0) }
        #expect(try await store.outboxCounts() == OutboxCounts())
    }

    @Test("Given a stored job that is not a message, when the worker gets it, then it fails at once without sending")
    func unreadableJobFails() async throws {
        try await withSMTPSink { sink in
            let store: any OutboxStore = InMemoryStore()
            let id = try await store.enqueue([NewOutboxJob(recipient: "bob@example.net", messageJSON: "{}")], now: t0)[0]
            #expect(await makeWorker(store, try mailer(sink)).runOnce(now: t0) == 1)
            let job = try #require(try await store.outboxJob(id: id))
            #expect(job.status == .failed)
            #expect(job.lastError?.contains("cannot be read") == true)
            #expect(sink.receivedCount == 0)
        }
    }

    // MARK: Back-off

    @Test(
        "Given failed attempts, when the retry delay is computed, then it starts at 30 s, doubles, stops at 6 h, and jitter only shortens it by up to half"
    )
    func backOff() {
        func delay(_ attempt: Int, _ random: Double) -> TimeInterval {
            OutboxWorker.retryDelay(afterAttempt: attempt, base: 30, cap: 6 * 3600, jitter: 0.5, random: random)
        }
        #expect(delay(1, 0) == 30)
        #expect(delay(1, 0.999_999) > 15 && delay(1, 0.999_999) < 15.001)
        #expect(delay(2, 0) == 60)
        #expect(delay(3, 0) == 120)
        #expect(delay(8, 0) == 3840)
        #expect(delay(10, 0) == 15_360)
        #expect(delay(11, 0) == 6 * 3600)
        #expect(delay(1_000, 0) == 6 * 3600)
        #expect(delay(1_000, 0.5) == 6 * 3600 * 0.75)
        for attempt in 1...12 {
            let full = min(6 * 3600, 30 * pow(2, Double(attempt - 1)))
            for _ in 0..<20 {
                let d = delay(attempt, Double.random(in: 0..<1))
                #expect(d > full / 2 - 0.001 && d <= full)
            }
        }
        let defaults = OutboxWorker.Configuration()
        #expect(defaults.retryBase == 30 && defaults.retryCap == 6 * 3600 && defaults.maxAttempts == 8)
    }

    // MARK: As a service

    @Test(
        "Given the worker running as a service with a long poll interval, when mail is enqueued and the worker woken, then it goes out at once; cancelling stops the worker promptly"
    )
    func runsAsAService() async throws {
        try await withSMTPSink { sink in
            let store: any OutboxStore = InMemoryStore()
            let first = message("before start")
            _ = try await store.enqueue([first], now: Date())
            let worker = makeWorker(store, try mailer(sink), .init(pollInterval: .seconds(600)))
            let running = Task { try await worker.run() }

            // The first pass runs as the service starts.
            #expect(try await receivedIDs(sink, count: 1) == ["<\(first.messageID)>"])
            try await Task.sleep(for: .milliseconds(200))
            let second = message("after wake")
            _ = try await store.enqueue([second], now: Date())
            worker.wake()
            #expect(try await receivedIDs(sink, count: 2, timeout: .seconds(5)).last == "<\(second.messageID)>")

            let stopping = ContinuousClock.now
            running.cancel()
            try await running.value
            #expect(ContinuousClock.now - stopping < .seconds(5))
            #expect(try await store.outboxCounts() == OutboxCounts(sent: 2))
        }
    }
}

extension OutboxWorkerTests {
    func receivedIDs(_ sink: SMTPSink, count: Int, timeout: Duration) async throws -> [String] {
        try await sink.messages(count: count, timeout: timeout).map { ReadMail($0.rawText).header("Message-ID") ?? "?" }
    }
}

/// A real mailer that takes its time first: a slow server, without making one.
struct SlowMailer: Mailer {
    let inner: any Mailer
    let delay: Duration

    func send(_ message: MailMessage) async throws {
        try await Task.sleep(for: delay)
        try await inner.send(message)
    }
}
