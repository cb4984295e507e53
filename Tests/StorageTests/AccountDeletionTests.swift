import Domain
import Foundation
import Storage
import Testing

/// Bob is about to delete his account. Ada wrote the post; Cyd stays.
///
///     r1 (bob)            r2 (bob)     r3 (cyd)      r4 (cyd)     r5 (bob)
///     ├── x (cyd)                      └── w (bob)                └── q (bob)
///     │   └── z (bob)                      └── v (bob)                └── p (cyd)
///     └── y (bob)
///
/// Bob likes r4, x and his own y; Cyd likes r1 and y; Ada likes r5. Each of Bob and Cyd has a
/// session, a follow, a waiting mention, a sign-in link, pending mail and a subscription; Bob
/// has an avatar and one mail already sent.
struct GivenLeavingMember {
    let ada, bob, cyd: Member
    let post, other: Post
    let r1, x, z, y, r2, r3, w, v, r4, r5, q, p: Comment
    let mention: Comment

    init(_ site: Site) async throws {
        ada = try await site.member("ada")
        bob = try await site.member("bob", passwordHash: "$2b$bob")
        cyd = try await site.member("cyd")
        post = try await site.post(by: ada)
        other = try await site.post("other", by: ada)
        var clock = 0.0
        func next() -> Date { clock += 1; return at(clock) }
        r1 = try await site.comment(on: post, by: bob, at: next())
        x = try await site.comment(on: post, by: cyd, replyingTo: r1, at: next())
        z = try await site.comment(on: post, by: bob, replyingTo: x, at: next())
        y = try await site.comment(on: post, by: bob, replyingTo: r1, at: next())
        r2 = try await site.comment(on: post, by: bob, at: next())
        r3 = try await site.comment(on: post, by: cyd, at: next())
        w = try await site.comment(on: post, by: bob, replyingTo: r3, at: next())
        v = try await site.comment(on: post, by: bob, replyingTo: w, at: next())
        r4 = try await site.comment(on: post, by: cyd, at: next())
        r5 = try await site.comment(on: post, by: bob, at: next())
        q = try await site.comment(on: post, by: bob, replyingTo: r5, at: next())
        p = try await site.comment(on: post, by: cyd, replyingTo: q, at: next())
        for (comment, member) in [(r4, bob), (x, bob), (y, bob), (r1, cyd), (y, cyd), (r5, ada)] {
            _ = try await site.store.toggleLike(commentID: comment.id, memberID: member.id, at: next())
        }

        // A mail to Bob that went before: the record of it stays.
        _ = try await site.store.enqueue([mail(to: bob.email, "sent")], now: t0)
        let claimed = try await site.store.claimDue(now: t0, limit: 1, lease: 60, worker: "test")
        try await site.store.markSent(claimed[0].id, at: t0)

        for member in [bob, cyd] {
            try await site.store.insertSession(
                tokenHash: "session-\(member.id)", memberID: member.id, createdAt: t0,
                expiresAt: at(86_400))
            try await site.store.setFollowing(true, memberID: member.id, postID: other.id, at: next())
            try await site.store.insertSignInToken(
                SignInToken(
                    tokenHash: "link-\(member.id)", email: member.email, returnPath: "/", createdAt: t0,
                    expiresAt: at(900)),
                mail: mail(to: member.email, "link"))
            _ = try await site.store.enqueue([mail(to: member.email, "other")], now: t0)
            _ = try await site.store.insertSubscriber(email: member.email, createdAt: t0)
        }
        mention = try await site.commentWithNotices(on: other, by: ada, at: next(), mentioning: [bob.id, cyd.id])
        try await site.store.setAvatar(
            AvatarImage(
                contentType: "image/png", bytes: Data([1, 2, 3]), version: "v1",
                updatedAt: t0), memberID: bob.id)
    }
}

@Suite("Members: deleting an account")
struct AccountDeletionTests {
    @Test(
        "Given a member with comments everywhere, when the account is deleted removing comments, then each goes as its author would delete it and every count is exact",
        arguments: StoreKind.allCases)
    func removeComments(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let g = try await GivenLeavingMember(site)
            try await site.store.deleteAccount(memberID: g.bob.id, comments: .remove, at: at(100))

            // Threads keep their shape: placeholders only where others replied below.
            #expect(try await site.allComments(of: g.post).map(\.id) == [g.r1.id, g.x.id, g.r3.id, g.r4.id, g.r5.id, g.q.id, g.p.id])
            for gone in [g.z, g.y, g.r2, g.w, g.v] {
                #expect(try await site.reread(gone) == nil, "\(gone.id)")
            }
            for placeholder in [g.r1, g.r5, g.q] {
                let read = try #require(try await site.reread(placeholder))
                #expect(read.deletedAt == at(100) && read.bodyText.isEmpty && read.bodyHTML.isEmpty, "\(placeholder.id)")
            }
            #expect(try await site.reread(g.post)?.commentCount == 4)
            #expect(try await site.reread(g.x)?.descendantCount == 0)
            #expect(try await site.reread(g.r3)?.descendantCount == 0)
            #expect(try await site.reread(g.r5)?.descendantCount == 1)
            #expect(try await site.reread(g.r4)?.likeCount == 0)
            #expect(try await site.reread(g.x)?.likeCount == 0)
            // Others' likes of a placeholder stay with it, as when a comment is deleted.
            #expect(try await site.reread(g.r1)?.likeCount == 1)
            let data = try await site.store.exportSite()
            expectCountsExact(data)
            // Every placeholder left holds up a reply.
            for placeholder in data.comments where placeholder.isDeleted {
                #expect(data.comments.contains { $0.parentID == placeholder.id }, "\(placeholder.id)")
            }
            #expect(try await site.store.comments(authorID: g.bob.id, before: nil, limit: 10).map(\.id) == [g.q.id, g.r5.id, g.r1.id])
            // Cyd's like of y went with y.
            #expect(try await site.store.likes(memberID: g.cyd.id).map(\.commentID) == [g.r1.id])
            try await Self.expectEverythingElseOfBobGone(site, g)
        }
    }

    @Test(
        "Given a member with comments everywhere, when the account is deleted keeping placeholders, then every comment stays as one and every count is exact",
        arguments: StoreKind.allCases)
    func keepPlaceholders(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let g = try await GivenLeavingMember(site)
            let before = try await site.allComments(of: g.post)
            try await site.store.deleteAccount(memberID: g.bob.id, comments: .placeholders, at: at(100))

            let after = try await site.allComments(of: g.post)
            #expect(after.map(\.id) == before.map(\.id))
            #expect(after.map(\.path) == before.map(\.path))
            for comment in after {
                if comment.authorID == g.bob.id {
                    #expect(comment.deletedAt == at(100) && comment.bodyText.isEmpty && comment.bodyHTML.isEmpty, "\(comment.id)")
                } else {
                    #expect(!comment.isDeleted && comment.bodyText == "words", "\(comment.id)")
                }
            }
            #expect(try await site.reread(g.post)?.commentCount == 4)
            #expect(try await site.reread(g.r1)?.descendantCount == 1)
            #expect(try await site.reread(g.r3)?.descendantCount == 0)
            #expect(try await site.reread(g.r4)?.likeCount == 0)
            expectCountsExact(try await site.store.exportSite())
            #expect(try await site.store.comments(authorID: g.bob.id, before: nil, limit: 20).count == 8)
            #expect(try await site.store.likes(memberID: g.cyd.id).map(\.commentID) == [g.r1.id, g.y.id])
            try await Self.expectEverythingElseOfBobGone(site, g)
        }
    }

    /// What both modes do alike: the row scrubbed, everything else of Bob's gone, Cyd's untouched.
    static func expectEverythingElseOfBobGone(
        _ site: Site, _ g: GivenLeavingMember,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let bob = try #require(try await site.store.member(id: g.bob.id), sourceLocation: sourceLocation)
        #expect(
            bob
                == Member(
                    id: g.bob.id, email: "deleted-\(g.bob.id)@deleted.invalid", displayName: "", bio: "",
                    role: .member, createdAt: g.bob.createdAt, notifyReplies: false, notifyMentions: false,
                    avatarVersion: nil, deletedAt: at(100)), sourceLocation: sourceLocation)
        #expect(try await site.store.passwordHash(memberID: g.bob.id) == nil, sourceLocation: sourceLocation)
        #expect(try await site.store.member(email: g.bob.email) == nil, sourceLocation: sourceLocation)
        #expect(try await site.store.members(nameKeys: ["bob"]).isEmpty, sourceLocation: sourceLocation)
        #expect(try await site.store.memberCount() == 3, sourceLocation: sourceLocation)
        #expect(try await site.store.likes(memberID: g.bob.id).isEmpty, sourceLocation: sourceLocation)
        #expect(try await site.store.member(sessionTokenHash: "session-\(g.bob.id)", now: t0) == nil, sourceLocation: sourceLocation)
        #expect(try await site.store.followedPostIDs(memberID: g.bob.id).isEmpty, sourceLocation: sourceLocation)
        #expect(try await site.notified(g.bob).isEmpty, sourceLocation: sourceLocation)
        #expect(try await site.store.avatar(memberID: g.bob.id) == nil, sourceLocation: sourceLocation)
        #expect(try await site.store.signInToken(hash: "link-\(g.bob.id)") == nil, sourceLocation: sourceLocation)
        #expect(try await site.store.subscriber(email: g.bob.email) == nil, sourceLocation: sourceLocation)

        // Cyd's things are all still there.
        #expect(try await site.store.member(id: g.cyd.id) == g.cyd, sourceLocation: sourceLocation)
        #expect(try await site.store.member(sessionTokenHash: "session-\(g.cyd.id)", now: t0) == g.cyd, sourceLocation: sourceLocation)
        #expect(try await site.store.followedPostIDs(memberID: g.cyd.id) == [g.other.id], sourceLocation: sourceLocation)
        #expect(try await site.notified(g.cyd) == ["mention \(g.mention.id)"], sourceLocation: sourceLocation)
        #expect(try await site.store.signInToken(hash: "link-\(g.cyd.id)") != nil, sourceLocation: sourceLocation)
        #expect(try await site.store.subscriber(email: g.cyd.email)?.status == .active, sourceLocation: sourceLocation)
        // All of Bob's mail is gone, sent or not (it holds his address and words); Cyd's is not.
        #expect(try await site.store.outboxCounts() == OutboxCounts(pending: 2, sent: 0, failed: 0), sourceLocation: sourceLocation)
        #expect(try await site.queuedMail().allSatisfy { $0.recipient == g.cyd.email }, sourceLocation: sourceLocation)

        // The address is free again: the person can come back as someone new.
        let again = try await site.store.insertMember(
            NewMember(
                email: g.bob.email, displayName: "Bob", role: .member,
                passwordHash: nil, createdAt: at(200)))
        #expect(again.id != g.bob.id, sourceLocation: sourceLocation)
        #expect(try await site.store.members(nameKeys: ["bob"]) == [again], sourceLocation: sourceLocation)
    }

    @Test("Given a deleted account, when it is deleted again, then nothing changes", arguments: StoreKind.allCases)
    func deleteTwice(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let g = try await GivenLeavingMember(site)
            try await site.store.deleteAccount(memberID: g.bob.id, comments: .remove, at: at(100))
            let before = try await site.store.exportSite()
            try await site.store.deleteAccount(memberID: g.bob.id, comments: .placeholders, at: at(200))
            #expect(try await site.store.exportSite() == before)
        }
    }

    @Test("Given no such member, when the account is deleted, then it is refused as missing", arguments: StoreKind.allCases)
    func unknown(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            try await site.member("ada")
            await #expect(throws: StoreError.missing("member")) {
                try await site.store.deleteAccount(memberID: MemberID(999), comments: .remove, at: t0)
            }
        }
    }
}
