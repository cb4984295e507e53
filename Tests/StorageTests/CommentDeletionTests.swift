import Domain
import Foundation
import Storage
import Testing

@Suite("Comments: deleting")
struct CommentDeletionTests {
    @Test(
        "Given a comment without replies, when deleted, then it is removed with its likes and the counts drop",
        arguments: StoreKind.allCases)
    func removeLeaf(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let post = try await site.post(by: ada)
            let root = try await site.comment(on: post, by: ada)
            let reply = try await site.comment(on: post, by: ada, replyingTo: root)
            _ = try await site.store.toggleLike(commentID: reply.id, memberID: ada.id, at: t0)

            #expect(try await site.store.deleteComment(id: reply.id, at: at(1)) == .removed)
            #expect(try await site.reread(reply) == nil)
            #expect(try await site.store.likedCommentIDs(memberID: ada.id, among: [reply.id]).isEmpty)
            #expect(try await site.reread(post)?.commentCount == 1)
            #expect(try await site.reread(root)?.descendantCount == 0)
            #expect(try await site.reread(root)?.isDeleted == false)
        }
    }

    @Test(
        "Given a comment with replies, when deleted, then it stays as an empty placeholder and the counts drop by one",
        arguments: StoreKind.allCases)
    func placeholder(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let t = try await GivenThread(site)
            let deletedAt = Date(timeIntervalSince1970: 1_750_000_900.0009)
            #expect(try await site.store.deleteComment(id: t.a1.id, at: deletedAt) == .placeholder)

            let placeholder = try #require(try await site.reread(t.a1))
            #expect(placeholder.deletedAt == deletedAt.truncatedToMilliseconds)
            #expect(placeholder.bodyText == "" && placeholder.bodyHTML == "")
            #expect(placeholder.path == t.a1.path && placeholder.parentID == t.a.id)
            // Its own replies are all still there.
            #expect(placeholder.descendantCount == 2)
            #expect(try await site.reread(t.a)?.descendantCount == 3)
            #expect(try await site.reread(t.root)?.descendantCount == 7)
            #expect(try await site.reread(t.post)?.commentCount == 10)
            #expect(
                try await site.store.descendants(of: t.a, maxDepth: 10, afterReply: nil, limit: 10).map(\.id)
                    == [t.a1.id, t.a1x.id, t.a1xy.id, t.a2.id])
        }
    }

    @Test("Given a placeholder, when it is deleted again, then nothing changes", arguments: StoreKind.allCases)
    func deleteTwice(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let t = try await GivenThread(site)
            #expect(try await site.store.deleteComment(id: t.a.id, at: at(100)) == .placeholder)
            let before = try await site.allComments(of: t.post)
            let countBefore = try await site.reread(t.post)?.commentCount
            #expect(try await site.store.deleteComment(id: t.a.id, at: at(200)) == .placeholder)
            #expect(try await site.allComments(of: t.post) == before)
            #expect(try await site.reread(t.post)?.commentCount == countBefore)
        }
    }

    @Test(
        "Given a chain of placeholders, when the last reply below them is deleted, then the whole chain goes",
        arguments: StoreKind.allCases)
    func pruneChain(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let post = try await site.post(by: ada)
            let root = try await site.comment(on: post, by: ada)
            let middle = try await site.comment(on: post, by: ada, replyingTo: root)
            let leaf = try await site.comment(on: post, by: ada, replyingTo: middle)
            #expect(try await site.store.deleteComment(id: root.id, at: at(1)) == .placeholder)
            #expect(try await site.store.deleteComment(id: middle.id, at: at(2)) == .placeholder)
            #expect(try await site.reread(post)?.commentCount == 1)

            #expect(try await site.store.deleteComment(id: leaf.id, at: at(3)) == .removed)
            #expect(try await site.reread(leaf) == nil)
            #expect(try await site.reread(middle) == nil)
            #expect(try await site.reread(root) == nil)
            #expect(try await site.reread(post)?.commentCount == 0)
            #expect(try await site.store.rootComments(postID: post.id, sort: .top, after: nil, limit: 10).isEmpty)
        }
    }

    @Test(
        "Given placeholders above a reply, when it is deleted, then pruning stops at the first that still holds replies",
        arguments: StoreKind.allCases)
    func pruneStopsAtPlaceholderWithReplies(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let t = try await GivenThread(site)
            // a holds a1 (which holds a1x, a1xy) and a2.
            #expect(try await site.store.deleteComment(id: t.a.id, at: at(100)) == .placeholder)
            #expect(try await site.store.deleteComment(id: t.a1.id, at: at(101)) == .placeholder)
            #expect(try await site.store.deleteComment(id: t.a1x.id, at: at(102)) == .placeholder)
            #expect(try await site.store.deleteComment(id: t.a1xy.id, at: at(103)) == .removed)

            #expect(try await site.reread(t.a1x) == nil)
            #expect(try await site.reread(t.a1) == nil)
            let a = try #require(try await site.reread(t.a))
            #expect(a.isDeleted)
            #expect(a.descendantCount == 1)
            #expect(try await site.reread(t.root)?.descendantCount == 4)
            #expect(try await site.reread(t.post)?.commentCount == 7)
            #expect(
                try await site.store.descendants(of: t.root, maxDepth: 10, afterReply: nil, limit: 10).map(\.id)
                    == [t.a.id, t.a2.id, t.b.id, t.c.id, t.c1.id])
        }
    }

    @Test("Given a live parent, when its only reply is deleted, then the parent stays", arguments: StoreKind.allCases)
    func pruneStopsAtLiveComment(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let t = try await GivenThread(site)
            #expect(try await site.store.deleteComment(id: t.c1.id, at: at(100)) == .removed)
            let c = try #require(try await site.reread(t.c))
            #expect(!c.isDeleted && c.descendantCount == 0)
            #expect(try await site.reread(t.root)?.descendantCount == 7)
        }
    }

    @Test("Given a deep reply, when it is deleted, then every ancestor counts one fewer", arguments: StoreKind.allCases)
    func ancestorsCountDown(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let t = try await GivenThread(site)
            #expect(try await site.store.deleteComment(id: t.a1xy.id, at: at(100)) == .removed)
            #expect(try await site.reread(t.a1x)?.descendantCount == 0)
            #expect(try await site.reread(t.a1)?.descendantCount == 1)
            #expect(try await site.reread(t.a)?.descendantCount == 3)
            #expect(try await site.reread(t.root)?.descendantCount == 7)
            #expect(try await site.reread(t.neighbour)?.descendantCount == 1)
            #expect(try await site.reread(t.post)?.commentCount == 10)
        }
    }

    @Test("Given no such comment, when it is deleted, then it is refused as missing", arguments: StoreKind.allCases)
    func deleteMissing(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            await #expect(throws: StoreError.missing("comment")) {
                try await site.store.deleteComment(id: CommentID(5), at: t0)
            }
        }
    }
}

@Suite("Comments: likes")
struct LikeTests {
    @Test(
        "Given a comment, when a member toggles a like twice, then it is liked once and then not at all",
        arguments: StoreKind.allCases)
    func toggle(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let post = try await site.post(by: ada)
            let comment = try await site.comment(on: post, by: ada)
            #expect(
                try await site.store.toggleLike(commentID: comment.id, memberID: ada.id, at: at(1))
                    == LikeState(liked: true, count: 1))
            #expect(try await site.reread(comment)?.likeCount == 1)
            #expect(
                try await site.store.toggleLike(commentID: comment.id, memberID: ada.id, at: at(2))
                    == LikeState(liked: false, count: 0))
            #expect(try await site.reread(comment)?.likeCount == 0)
        }
    }

    @Test(
        "Given several members, when each likes a comment, then the count is one per member",
        arguments: StoreKind.allCases)
    func onePerMember(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let bob = try await site.member("bob")
            let cyd = try await site.member("cyd")
            let post = try await site.post(by: ada)
            let comment = try await site.comment(on: post, by: ada)
            _ = try await site.store.toggleLike(commentID: comment.id, memberID: ada.id, at: t0)
            _ = try await site.store.toggleLike(commentID: comment.id, memberID: bob.id, at: t0)
            #expect(
                try await site.store.toggleLike(commentID: comment.id, memberID: cyd.id, at: t0)
                    == LikeState(liked: true, count: 3))
            #expect(
                try await site.store.toggleLike(commentID: comment.id, memberID: bob.id, at: t0)
                    == LikeState(liked: false, count: 2))
            #expect(try await site.reread(comment)?.likeCount == 2)
        }
    }

    @Test(
        "Given likes on several comments, when a member's likes are asked among some ids, then only theirs among those come",
        arguments: StoreKind.allCases)
    func likedAmong(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let bob = try await site.member("bob")
            let post = try await site.post(by: ada)
            let one = try await site.comment(on: post, by: ada)
            let two = try await site.comment(on: post, by: ada)
            let three = try await site.comment(on: post, by: ada)
            _ = try await site.store.toggleLike(commentID: one.id, memberID: ada.id, at: t0)
            _ = try await site.store.toggleLike(commentID: three.id, memberID: ada.id, at: t0)
            _ = try await site.store.toggleLike(commentID: two.id, memberID: bob.id, at: t0)

            #expect(
                try await site.store.likedCommentIDs(memberID: ada.id, among: [one.id, two.id, CommentID(99)])
                    == [one.id])
            #expect(
                try await site.store.likedCommentIDs(memberID: ada.id, among: [one.id, two.id, three.id])
                    == [one.id, three.id])
            #expect(try await site.store.likedCommentIDs(memberID: bob.id, among: [one.id, two.id, three.id]) == [two.id])
            #expect(try await site.store.likedCommentIDs(memberID: ada.id, among: []).isEmpty)
        }
    }

    @Test(
        "Given a page of many comments, when the member's likes among all of them are asked, then all are found",
        arguments: StoreKind.allCases)
    func likedAmongMany(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let post = try await site.post(by: ada)
            let liked = try await site.comment(on: post, by: ada)
            _ = try await site.store.toggleLike(commentID: liked.id, memberID: ada.id, at: t0)
            let many = (1...1_500).map { CommentID(Int64($0) + 10_000) } + [liked.id]
            #expect(try await site.store.likedCommentIDs(memberID: ada.id, among: many) == [liked.id])
        }
    }

    @Test(
        "Given no such comment or member, or a placeholder, when a like is toggled, then it is refused and no count moves",
        arguments: StoreKind.allCases)
    func likeMissing(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let post = try await site.post(by: ada)
            let root = try await site.comment(on: post, by: ada)
            let reply = try await site.comment(on: post, by: ada, replyingTo: root)
            await #expect(throws: StoreError.missing("comment")) {
                try await site.store.toggleLike(commentID: CommentID(99), memberID: ada.id, at: t0)
            }
            await #expect(throws: StoreError.missing("member")) {
                try await site.store.toggleLike(commentID: reply.id, memberID: MemberID(99), at: t0)
            }
            #expect(try await site.store.deleteComment(id: root.id, at: t0) == .placeholder)
            await #expect(throws: StoreError.missing("comment")) {
                try await site.store.toggleLike(commentID: root.id, memberID: ada.id, at: t0)
            }
            #expect(try await site.reread(reply)?.likeCount == 0)
            #expect(try await site.reread(root)?.likeCount == 0)
        }
    }
}
