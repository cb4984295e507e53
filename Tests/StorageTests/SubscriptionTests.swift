import Domain
import Foundation
import Storage
import Testing

@Suite("Subscribers: double opt-in")
struct SubscriptionTests {
    @Test(
        "Given a new address, when it asks to subscribe, then it is pending, counted as pending and its confirmation is queued",
        arguments: StoreKind.allCases)
    func request(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            #expect(try await site.request("reader@example.com", token: "tok1", at: at(5)) == .confirmationSent)
            let subscriber = try #require(try await site.store.subscriber(email: "reader@example.com"))
            #expect(subscriber.status == .pending && subscriber.createdAt == at(5) && subscriber.confirmedAt == nil)
            #expect(try await site.store.subscriber(id: subscriber.id) == subscriber)
            #expect(try await site.store.subscriberCount(status: .pending) == 1)
            #expect(try await site.store.subscriberCount(status: .active) == 0)
            #expect(try await site.store.activeSubscribers(after: nil, limit: 10).isEmpty)
            #expect(try await site.queuedMail().map(\.recipient) == ["reader@example.com"])
        }
    }

    @Test(
        "Given a pending address, when its link is followed, then it is active once and the link is spent",
        arguments: StoreKind.allCases)
    func confirmOnce(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await site.request("reader@example.com", token: "tok1", at: at(5))
            let confirmed = try #require(try await site.store.confirmSubscription(tokenHash: "tok1", requestedAfter: t0, now: at(60)))
            #expect(confirmed.email == "reader@example.com" && confirmed.status == .active && confirmed.confirmedAt == at(60))
            #expect(try await site.store.subscriber(id: confirmed.id) == confirmed)
            #expect(try await site.store.confirmSubscription(tokenHash: "tok1", requestedAfter: t0, now: at(61)) == nil)
            #expect(try await site.store.subscriberCount(status: .active) == 1)
            #expect(try await site.store.subscriberCount(status: .pending) == 0)
        }
    }

    @Test(
        "Given a pending address, when it asks again, then the new link replaces the old and one row remains",
        arguments: StoreKind.allCases)
    func requestAgain(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await site.request("reader@example.com", token: "tok1", at: at(5))
            let first = try #require(try await site.store.subscriber(email: "reader@example.com"))
            #expect(try await site.request("reader@example.com", token: "tok2", at: at(10)) == .confirmationSent)
            #expect(try await site.store.subscriber(email: "reader@example.com") == first)
            #expect(try await site.store.subscriberCount(status: .pending) == 1)
            #expect(try await site.store.confirmSubscription(tokenHash: "tok1", requestedAfter: t0, now: at(20)) == nil)
            #expect(try await site.store.confirmSubscription(tokenHash: "tok2", requestedAfter: t0, now: at(20))?.id == first.id)
            #expect(try await site.queuedMail().map(\.messageJSON) == [#"{"tag":"tok1"}"#, #"{"tag":"tok2"}"#])
        }
    }

    @Test(
        "Given an active subscriber, when it asks to subscribe again, then nothing changes and nothing is queued",
        arguments: StoreKind.allCases)
    func alreadyActive(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            #expect(try await site.store.insertSubscriber(email: "reader@example.com", createdAt: t0))
            let before = try await site.store.subscriber(email: "reader@example.com")
            #expect(before?.status == .active)
            #expect(try await site.request("reader@example.com", token: "tok1", at: at(5)) == .alreadyActive)
            #expect(try await site.store.subscriber(email: "reader@example.com") == before)
            #expect(try await site.store.confirmSubscription(tokenHash: "tok1", requestedAfter: t0, now: at(6)) == nil)
            #expect(try await site.store.outboxCounts().pending == 0)
        }
    }

    @Test(
        "Given a link requested before the cut-off, when it is followed, then it is refused as too old and stays pending",
        arguments: StoreKind.allCases)
    func oldLink(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await site.request("reader@example.com", token: "tok1", at: at(5))
            #expect(try await site.store.confirmSubscription(tokenHash: "tok1", requestedAfter: at(5), now: at(90_000)) == nil)
            #expect(try await site.store.subscriber(email: "reader@example.com")?.status == .pending)
            // The same link within its lifetime still works: a refusal spends nothing.
            #expect(
                try await site.store.confirmSubscription(tokenHash: "tok1", requestedAfter: at(4.999), now: at(60))?.status
                    == .active)
        }
    }

    @Test("Given an unknown link, when it is followed, then nothing is confirmed", arguments: StoreKind.allCases)
    func unknownLink(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await site.request("reader@example.com", token: "tok1")
            #expect(
                try await site.store.confirmSubscription(tokenHash: "nope", requestedAfter: t0.addingTimeInterval(-1), now: at(1)) == nil)
            #expect(try await site.store.subscriber(id: SubscriberID(999)) == nil)
            #expect(try await site.store.subscriber(email: "nobody@example.com") == nil)
        }
    }

    @Test(
        "Given an active subscriber, when it unsubscribes, then it leaves the list once and can come back by confirming again",
        arguments: StoreKind.allCases)
    func unsubscribeAndReturn(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            _ = try await site.store.insertSubscriber(email: "reader@example.com", createdAt: t0)
            let id = try #require(try await site.store.subscriber(email: "reader@example.com")?.id)
            #expect(try await site.store.unsubscribe(id: id, now: at(1)))
            #expect(try await site.store.subscriber(id: id)?.status == .unsubscribed)
            #expect(try await site.store.unsubscribe(id: id, now: at(2)) == false)
            #expect(try await site.store.unsubscribe(id: SubscriberID(999), now: at(2)) == false)
            #expect(try await site.store.subscriberCount(status: .unsubscribed) == 1)
            #expect(try await site.store.subscriberCount(status: .active) == 0)

            #expect(try await site.request("reader@example.com", token: "back", at: at(10)) == .confirmationSent)
            #expect(try await site.store.subscriber(id: id)?.status == .pending)
            let back = try await site.store.confirmSubscription(tokenHash: "back", requestedAfter: t0, now: at(11))
            #expect(back?.id == id && back?.status == .active && back?.confirmedAt == at(11))
        }
    }

    @Test(
        "Given a pending address, when it unsubscribes, then its confirmation link no longer works",
        arguments: StoreKind.allCases)
    func unsubscribePending(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await site.request("reader@example.com", token: "tok1", at: at(5))
            let id = try #require(try await site.store.subscriber(email: "reader@example.com")?.id)
            #expect(try await site.store.unsubscribe(id: id, now: at(6)))
            #expect(try await site.store.confirmSubscription(tokenHash: "tok1", requestedAfter: t0, now: at(7)) == nil)
            #expect(try await site.store.subscriber(id: id)?.status == .unsubscribed)
        }
    }

    @Test(
        "Given subscribers in every state, when the active ones are read in pages, then they come in id order, each once",
        arguments: StoreKind.allCases)
    func activePages(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            var active: [SubscriberID] = []
            for index in 0..<7 {
                let email = "r\(index)@example.com"
                switch index % 3 {
                case 0:
                    _ = try await site.store.insertSubscriber(email: email, createdAt: at(Double(index)))
                    active.append(try #require(try await site.store.subscriber(email: email)).id)
                case 1:
                    try await site.request(email, token: "t\(index)")
                default:
                    try await site.request(email, token: "t\(index)")
                    active.append(
                        try #require(
                            try await site.store.confirmSubscription(
                                tokenHash: "t\(index)", requestedAfter: t0.addingTimeInterval(-1), now: at(1))
                        ).id)
                }
            }
            var read: [SubscriberID] = []
            var after: SubscriberID?
            for _ in 0..<10 {
                let page = try await site.store.activeSubscribers(after: after, limit: 2)
                #expect(page.allSatisfy { $0.status == .active })
                read += page.map(\.id)
                guard page.count == 2 else { break }
                after = page.last?.id
            }
            #expect(read == active.sorted())
            #expect(try await site.store.activeSubscribers(after: nil, limit: 0).isEmpty)
            #expect(try await site.store.subscriberCount(status: .active) == active.count)
        }
    }
}
