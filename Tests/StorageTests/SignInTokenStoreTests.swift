import Domain
import Foundation
import Storage
import Testing

@Suite("Sign-in links")
struct SignInTokenStoreTests {
    static func link(
        _ hash: String = "h1", email: String = "ada@example.com", createdAt: Date = t0,
        expiresAt: Date = at(900)
    ) -> SignInToken {
        SignInToken(tokenHash: hash, email: email, returnPath: "/p/hello", createdAt: createdAt, expiresAt: expiresAt)
    }

    @Test(
        "Given a new link, when it is stored with its mail, then it reads back unused and the mail is queued",
        arguments: StoreKind.allCases)
    func insertAndRead(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let created = Date(timeIntervalSince1970: 1_750_000_000.123_456)
            let link = Self.link(createdAt: created)
            try await site.store.insertSignInToken(link, mail: mail(to: "ada@example.com", "link"))
            let stored = try #require(try await site.store.signInToken(hash: "h1"))
            #expect(stored.email == "ada@example.com" && stored.returnPath == "/p/hello")
            #expect(stored.createdAt == created.truncatedToMilliseconds && stored.expiresAt == at(900))
            #expect(stored.usedAt == nil)
            #expect(try await site.store.signInToken(hash: "h2") == nil)
            let queued = try await site.queuedMail()
            #expect(queued.map(\.recipient) == ["ada@example.com"])
            #expect(queued.map(\.messageJSON) == [#"{"tag":"link"}"#])
        }
    }

    @Test(
        "Given a stored link, when another is stored with the same hash, then it is refused and its mail is not queued",
        arguments: StoreKind.allCases)
    func duplicateHash(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await site.store.insertSignInToken(Self.link(), mail: mail(to: "ada@example.com"))
            await #expect(throws: StoreError.duplicate(field: "token_hash")) {
                try await site.store.insertSignInToken(Self.link(email: "bob@example.com"), mail: mail(to: "bob@example.com"))
            }
            #expect(try await site.store.signInToken(hash: "h1")?.email == "ada@example.com")
            #expect(try await site.store.outboxCounts().pending == 1)
        }
    }

    @Test(
        "Given a live link, when it is used, then it signs in once and is refused as used after",
        arguments: StoreKind.allCases)
    func redeemOnce(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await site.store.insertSignInToken(Self.link(), mail: mail(to: "ada@example.com"))
            #expect(
                try await site.store.redeemSignInToken(hash: "h1", now: at(60))
                    == .redeemed(email: "ada@example.com", returnPath: "/p/hello"))
            #expect(try await site.store.signInToken(hash: "h1")?.usedAt == at(60))
            #expect(try await site.store.redeemSignInToken(hash: "h1", now: at(61)) == .alreadyUsed)
            // Used and then expired: still "used", which is what the reader needs to hear.
            #expect(try await site.store.redeemSignInToken(hash: "h1", now: at(10_000)) == .alreadyUsed)
        }
    }

    @Test(
        "Given a link, when it is used at or after its expiry, then it is refused as expired and stays unused",
        arguments: StoreKind.allCases)
    func expired(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await site.store.insertSignInToken(Self.link("h1"), mail: mail(to: "ada@example.com"))
            try await site.store.insertSignInToken(Self.link("h2"), mail: mail(to: "ada@example.com"))
            #expect(try await site.store.redeemSignInToken(hash: "h1", now: at(900)) == .expired)
            #expect(try await site.store.redeemSignInToken(hash: "h1", now: at(5_000)) == .expired)
            #expect(try await site.store.signInToken(hash: "h1")?.usedAt == nil)
            #expect(
                try await site.store.redeemSignInToken(hash: "h2", now: at(899.999))
                    == .redeemed(email: "ada@example.com", returnPath: "/p/hello"))
        }
    }

    @Test("Given no such link, when it is used, then it is unknown", arguments: StoreKind.allCases)
    func unknown(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            #expect(try await site.store.redeemSignInToken(hash: "nope", now: t0) == .unknown)
        }
    }

    @Test(
        "Given links racing on two instances, when each is used twice at once, then exactly one use wins each",
        arguments: StoreKind.allCases)
    func concurrentRedeem(kind: StoreKind) async throws {
        try await withTwoSites(kind) { one, two async throws in
            let hashes = (0..<20).map { "race-\($0)" }
            for hash in hashes {
                try await one.store.insertSignInToken(Self.link(hash), mail: mail(to: "ada@example.com"))
            }
            for hash in hashes {
                async let first = one.store.redeemSignInToken(hash: hash, now: at(1))
                async let second = two.store.redeemSignInToken(hash: hash, now: at(1))
                let outcomes = try await [first, second]
                #expect(outcomes.filter { $0 == .redeemed(email: "ada@example.com", returnPath: "/p/hello") }.count == 1)
                #expect(outcomes.filter { $0 == .alreadyUsed }.count == 1)
            }
        }
    }

    @Test(
        "Given old and live links, when links expired before a time are purged, then only those go",
        arguments: StoreKind.allCases)
    func purge(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await site.store.insertSignInToken(Self.link("old", expiresAt: at(100)), mail: mail(to: "a@example.com"))
            try await site.store.insertSignInToken(Self.link("edge", expiresAt: at(200)), mail: mail(to: "a@example.com"))
            try await site.store.insertSignInToken(Self.link("live", expiresAt: at(900)), mail: mail(to: "a@example.com"))
            #expect(try await site.store.purgeSignInTokens(expiredBefore: at(200)) == 1)
            #expect(try await site.store.redeemSignInToken(hash: "old", now: at(50)) == .unknown)
            #expect(try await site.store.signInToken(hash: "edge") != nil)
            #expect(try await site.store.signInToken(hash: "live") != nil)
            #expect(try await site.store.purgeSignInTokens(expiredBefore: at(200)) == 0)
        }
    }
}
