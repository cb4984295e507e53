import Domain
import Foundation
import Storage
import Testing

extension SiteTransferTests {
    /// Something in every place migration 0016 added: a guest with a website, the
    /// anonymous-comments switch, a comment's dislikes, Isso votes and import keys (written by
    /// raw SQL, so the copy is tested without the ports that fill them).
    static func fillImports(_ site: Site, post: Post, root: Comment) async throws {
        var publication = try await site.store.publication()
        publication.anonymousComments = true
        try await site.store.updatePublication(publication)
        let guest = try await site.store.insertMember(
            NewMember(
                email: GuestAddress.make(), displayName: "Émile Guest", role: .member, passwordHash: nil, createdAt: at(50),
                kind: .guest, website: "https://émile.example/"))
        let guestComment = try await site.comment(on: post, by: guest, at: at(51))
        let raw = MemberModerationFixtures.self
        for sql in [
            "UPDATE comments SET dislike_count = 3 WHERE id = \(root.id.rawValue)",
            "INSERT INTO isso_votes (comment_id, voter) VALUES (\(root.id.rawValue), 'b-voter'), (\(root.id.rawValue), 'a-voter')",
            """
            INSERT INTO import_keys (source, kind, external_id, local_id, imported_at)
            VALUES ('isso', 'comment', '7', \(guestComment.id.rawValue), \(at(52).millisecondsSince1970)),
                   ('isso', 'author', 'Émile', \(guest.id.rawValue), \(at(52).millisecondsSince1970)),
                   ('disqus', 'thread', 'Zeta', \(post.id.rawValue), \(at(53).millisecondsSince1970))
            """,
        ] {
            try await raw.raw(sql, on: site)
        }
    }

    @Test(
        "Given a site with guests, dislikes, Isso votes and import keys, when it is exported, then all of them are in it",
        arguments: StoreKind.allCases)
    func importRows(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await Self.fill(site)
            let data = try await site.store.exportSite()
            #expect(data.publication.anonymousComments)
            let guest = try #require(data.members.first { $0.member.kind == .guest })
            #expect(guest.member.website == "https://émile.example/" && guest.member.email.hasSuffix("@guest.invalid"))
            #expect(data.imports.dislikes.map(\.count) == [3])
            #expect(data.imports.issoVotes.map(\.voter) == ["a-voter", "b-voter"])
            #expect(data.imports.importKeys.map(\.externalID) == ["Zeta", "Émile", "7"])
            #expect(data.counts["isso_votes"] == 2 && data.counts["import_keys"] == 3 && data.counts["comment_dislikes"] == 1)
        }
    }
}
