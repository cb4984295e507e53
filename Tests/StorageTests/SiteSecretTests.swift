import Domain
import Foundation
import Storage
import Testing

@Suite("Site secrets")
struct SiteSecretTests {
    @Test(
        "Given a secret made once, when it is asked for again, then the stored value comes back and nothing new is made",
        arguments: StoreKind.allCases)
    func madeOnce(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            #expect(try await site.store.siteSecret(named: "unsubscribe", orMake: { "first" }) == "first")
            #expect(try await site.store.siteSecret(named: "unsubscribe", orMake: { "second" }) == "first")
            #expect(try await site.store.siteSecret(named: "other", orMake: { "third" }) == "third")
        }
    }

    @Test(
        "Given two instances starting at once, when both ask for a new secret, then both get the one value stored",
        arguments: StoreKind.allCases)
    func concurrentFirstCalls(kind: StoreKind) async throws {
        try await withTwoSites(kind) { one, two async throws in
            for round in 0..<10 {
                let name = "secret-\(round)"
                async let first = one.store.siteSecret(named: name, orMake: { "one-\(round)" })
                async let second = two.store.siteSecret(named: name, orMake: { "two-\(round)" })
                let values = try await [first, second]
                #expect(values[0] == values[1])
                #expect(try await one.store.siteSecret(named: name, orMake: { "late" }) == values[0])
            }
        }
    }
}
