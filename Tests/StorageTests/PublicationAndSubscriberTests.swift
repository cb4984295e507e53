import Domain
import Foundation
import Storage
import Testing

@Suite("Publication")
struct PublicationStoreTests {
    @Test("Given a new site, when the publication is read, then it is the placeholder", arguments: StoreKind.allCases)
    func placeholder(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            #expect(try await site.store.publication() == .placeholder)
        }
    }

    @Test(
        "Given a named publication, when it is renamed, then the latest name and description are read back",
        arguments: StoreKind.allCases)
    func rename(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await site.store.updatePublication(Publication(name: "First", description: "One"))
            try await site.store.updatePublication(Publication(name: "Second", description: "Two"))
            #expect(try await site.store.publication() == Publication(name: "Second", description: "Two"))
        }
    }
}

@Suite("Subscribers")
struct SubscriberStoreTests {
    @Test("Given an empty list, when an address subscribes, then it is added and counted", arguments: StoreKind.allCases)
    func firstSubscription(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            #expect(try await site.store.subscriberCount(status: .active) == 0)
            #expect(try await site.store.insertSubscriber(email: "reader@example.com", createdAt: t0))
            #expect(try await site.store.subscriberCount(status: .active) == 1)
        }
    }

    @Test(
        "Given a subscriber, when the same address subscribes again, then it returns false and changes nothing",
        arguments: StoreKind.allCases)
    func secondSubscription(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            #expect(try await site.store.insertSubscriber(email: "reader@example.com", createdAt: t0))
            #expect(try await site.store.insertSubscriber(email: "reader@example.com", createdAt: at(60)) == false)
            #expect(try await site.store.insertSubscriber(email: "other@example.com", createdAt: at(60)))
            #expect(try await site.store.subscriberCount(status: .active) == 2)
        }
    }
}
