import Domain
import Foundation
import Storage
import Testing

@Suite("Bounced mail marks its subscriber")
struct BounceStoreTests {
    @Test(
        "Given mail to subscribers of every status, when the outbox gives up on each as bounced, then active and pending ones become bounced, left then, with the job failed; others stay as they are",
        arguments: StoreKind.allCases)
    func bounce(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let bounces = site.store as! any BounceStore
            #expect(try await site.store.insertSubscriber(email: "active@example.com", createdAt: t0))
            _ = try await site.store.requestSubscription(
                email: "pending@example.com", confirmTokenHash: "pending-token", now: at(1),
                mail: NewOutboxJob(recipient: "pending@example.com", messageJSON: "{}"))
            #expect(try await site.store.insertSubscriber(email: "gone@example.com", createdAt: t0))
            let gone = try #require(try await site.store.subscriber(email: "gone@example.com"))
            #expect(try await site.store.unsubscribe(id: gone.id, now: at(2)))
            let jobs = try await site.store.enqueue(
                ["Active@Example.com", "pending@example.com", "gone@example.com", "stranger@example.com"].map {
                    NewOutboxJob(recipient: $0, messageJSON: "{}")
                }, now: at(3))

            #expect(
                try await bounces.markBounced(jobs[0], error: "RCPT TO: 550 no such user", recipient: "Active@Example.com", now: at(10)))
            #expect(try await bounces.markBounced(jobs[1], error: "RCPT TO: 550", recipient: "pending@example.com", now: at(10)))
            #expect(try await bounces.markBounced(jobs[2], error: "RCPT TO: 550", recipient: "gone@example.com", now: at(10)) == false)
            #expect(try await bounces.markBounced(jobs[3], error: "RCPT TO: 550", recipient: "stranger@example.com", now: at(10)) == false)

            #expect(try await site.store.subscriber(email: "active@example.com")?.status == .bounced)
            #expect(try await site.store.subscriber(email: "pending@example.com")?.status == .bounced)
            #expect(try await site.store.subscriber(email: "gone@example.com")?.status == .unsubscribed)
            for id in jobs {
                let job = try #require(try await site.store.outboxJob(id: id))
                #expect(job.status == .failed && job.lastError?.hasPrefix("RCPT TO: 550") == true)
            }
            // The bounced subscriber left that day in the figures, as the unsubscribed one did
            // (the pending one was never confirmed, so never counted).
            let growth = try await (site.store as! any FiguresStore).subscriberGrowth(since: t0)
            let day = Int((at(10).timeIntervalSince1970 / 86_400).rounded(.down))
            #expect(growth.days.contains { $0.day == day && $0.left == 2 })
            // The pending address's old link no longer confirms it.
            #expect(try await site.store.confirmSubscription(tokenHash: "pending-token", requestedAfter: t0, now: at(11)) == nil)
            // A job already settled changes nothing; an unknown one is an error.
            let bounced = try #require(try await site.store.subscriber(email: "active@example.com"))
            #expect(try await bounces.markBounced(jobs[0], error: "again", recipient: "active@example.com", now: at(20)) == false)
            #expect(try await site.store.outboxJob(id: jobs[0])?.lastError == "RCPT TO: 550 no such user")
            await #expect(throws: StoreError.self) {
                try await bounces.markBounced(OutboxJobID(999_999), error: "x", recipient: "x@example.com", now: at(20))
            }
            // Subscribing again from the form starts a new confirmation.
            let again = try await site.store.requestSubscription(
                email: "active@example.com", confirmTokenHash: "again", now: at(30),
                mail: NewOutboxJob(recipient: "active@example.com", messageJSON: "{}"))
            #expect(again == .confirmationSent)
            #expect(try await site.store.subscriber(id: bounced.id)?.status == .pending)
            #expect(try await site.store.confirmSubscription(tokenHash: "again", requestedAfter: at(29), now: at(31))?.status == .active)
        }
    }
}
