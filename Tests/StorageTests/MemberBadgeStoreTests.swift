import Domain
import Foundation
import Storage
import Testing

@Suite("Member badges: who subscribes")
struct MemberBadgeStoreTests {
    @Test(
        "Given members with active, pending, ended and no subscriptions, when the page asks who subscribes, then only the active ones are named",
        arguments: StoreKind.allCases)
    func subscribedAmong(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            // Given Ada (active), Bob (pending), Cy (unsubscribed), Dee (none), and an active address with no member
            let ada = try await site.member("ada")
            let bob = try await site.member("bob")
            let cy = try await site.member("cy")
            let dee = try await site.member("dee")
            #expect(try await site.store.insertSubscriber(email: "ada@example.com", createdAt: t0))
            #expect(try await site.store.insertSubscriber(email: "stranger@example.com", createdAt: t0))
            _ = try await site.request("bob@example.com", token: "tok-bob", at: at(1))
            #expect(try await site.store.insertSubscriber(email: "cy@example.com", createdAt: t0))
            let cySubscriber = try #require(try await site.store.subscriber(email: "cy@example.com"))
            #expect(try await site.store.unsubscribe(id: cySubscriber.id, now: at(2)))
            let badges = try #require(site.store as? any MemberBadgeStore)

            // When the subscribers among them (and an unknown id) are asked for
            let subscribed = try await badges.subscribedMemberIDs(among: [ada.id, bob.id, cy.id, dee.id, MemberID(9_999)])

            // Then only Ada is named; an empty question has an empty answer
            #expect(subscribed == [ada.id])
            #expect(try await badges.subscribedMemberIDs(among: []).isEmpty)
        }
    }

    @Test(
        "Given a subscribed member who deletes their account, when the page asks, then they are not named",
        arguments: StoreKind.allCases)
    func deletedMemberIsNotNamed(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            #expect(try await site.store.insertSubscriber(email: "ada@example.com", createdAt: t0))
            let badges = try #require(site.store as? any MemberBadgeStore)
            #expect(try await badges.subscribedMemberIDs(among: [ada.id]) == [ada.id])

            try await site.store.deleteAccount(memberID: ada.id, comments: .placeholders, at: at(5))

            #expect(try await badges.subscribedMemberIDs(among: [ada.id]).isEmpty)
        }
    }
}
