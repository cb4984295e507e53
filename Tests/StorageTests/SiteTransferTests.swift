import Domain
import Foundation
import Storage
import Testing

@Suite("Copying a whole site between engines")
struct SiteTransferTests {
    /// A site with something in every table, including a placeholder, a like and a session.
    static func fill(_ site: Site) async throws {
        try await site.store.updatePublication(Publication(name: "Copied", description: "Every row"))
        let ada = try await site.member("ada", role: .owner, passwordHash: "$2b$04$hash")
        let bob = try await site.member("bob")
        try await site.store.insertSession(tokenHash: "abc123", memberID: bob.id, createdAt: t0, expiresAt: at(3_600))
        let post = try await site.post(by: ada)
        let root = try await site.comment(on: post, by: bob, at: at(1))
        let reply = try await site.comment(on: post, by: ada, replyingTo: root, at: at(2))
        try await site.comment(on: post, by: bob, replyingTo: reply, at: at(3))
        _ = try await site.store.toggleLike(commentID: root.id, memberID: ada.id, at: at(4))
        _ = try await site.store.deleteComment(id: reply.id, at: at(5))
        _ = try await site.store.insertSubscriber(email: "reader@example.com", createdAt: at(6))
    }

    @Test("Given a site, when it is exported and imported into an empty store, then the copy exports the same rows",
          arguments: StoreKind.allCases, StoreKind.allCases)
    func roundTrip(from source: StoreKind, to target: StoreKind) async throws {
        try await withSite(source) { original async throws in
            try await Self.fill(original)
            let data = try await original.store.exportSite()
            try await withSite(target) { copy async throws in
                #expect(try await copy.store.isEmptySite())
                try await copy.store.importSite(data, replacingExisting: false)
                #expect(try await copy.store.exportSite() == data)
                #expect(try await !copy.store.isEmptySite())
                // And the copy keeps working: new ids continue after the copied ones.
                let member = try await copy.member("carol")
                #expect(member.id.rawValue > data.members.map(\.member.id.rawValue).max()!)
                let post = try #require(try await copy.store.post(slug: "hello"))
                let next = try await copy.comment(on: post, by: member, at: at(10))
                #expect(next.id.rawValue > data.comments.map(\.id.rawValue).max()!)
            }
        }
    }

    @Test("Given a store with data, when a site is imported into it, then it is refused and nothing changes",
          arguments: StoreKind.allCases)
    func refusesNonEmpty(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await Self.fill(site)
            let before = try await site.store.exportSite()
            await #expect(throws: StoreError.self) { try await site.store.importSite(before, replacingExisting: false) }
            #expect(try await site.store.exportSite() == before)
        }
    }

    @Test("Given a store with data, when a site replaces it and the copy fails, then the old site is still there",
          arguments: StoreKind.engines)
    func failedReplacementKeepsTheOldSite(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await Self.fill(site)
            let before = try await site.store.exportSite()
            // A copy that breaks a rule half-way: a like of a comment that is not in it.
            var broken = before
            broken.likes.append(SiteData.LikeRow(commentID: CommentID(999_999), memberID: before.members[0].member.id, createdAt: t0))
            await #expect(throws: (any Error).self) { try await site.store.importSite(broken, replacingExisting: true) }
            #expect(try await site.store.exportSite() == before)
            // And a good replacement lands.
            try await site.store.importSite(before, replacingExisting: true)
            #expect(try await site.store.exportSite() == before)
        }
    }

    @Test("Given a store with data, when it is erased, then it is empty", arguments: StoreKind.allCases)
    func erase(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await Self.fill(site)
            try await site.store.eraseSite()
            #expect(try await site.store.isEmptySite())
            #expect(try await site.store.exportSite().counts.values.allSatisfy { $0 == 0 })
        }
    }
}
