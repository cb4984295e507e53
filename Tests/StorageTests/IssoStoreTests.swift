import Domain
import Foundation
import Storage
import Testing

@Suite("Isso's votes, dislikes and latest comments")
struct IssoStoreTests {
    @Test(
        "Given a comment, when voters like and dislike it, then each voter counts once, the author's own address never, and the counts are the comment's",
        arguments: StoreKind.allCases)
    func votesOncePerVoter(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let isso = site.store as! any IssoStore
            let ada = try await site.member("ada")
            let comment = try await site.comment(on: try await site.post(by: ada), by: ada)
            try await isso.recordIssoVoter(commentID: comment.id, voter: "author")
            #expect(try await isso.issoVote(commentID: comment.id, voter: "author", like: true) == IssoVotes(likes: 0, dislikes: 0))
            #expect(try await isso.issoVote(commentID: comment.id, voter: "v1", like: true) == IssoVotes(likes: 1, dislikes: 0))
            #expect(try await isso.issoVote(commentID: comment.id, voter: "v1", like: false) == IssoVotes(likes: 1, dislikes: 0))
            #expect(try await isso.issoVote(commentID: comment.id, voter: "v2", like: false) == IssoVotes(likes: 1, dislikes: 1))
            #expect(try await site.reread(comment)?.likeCount == 1)
            #expect(try await isso.dislikeCounts(commentIDs: [comment.id, CommentID(999)]) == [comment.id: 1])
        }
    }

    @Test(
        "Given many voters at once, when they like one comment together, then the count is the number of voters",
        arguments: StoreKind.allCases)
    func concurrentVotes(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let isso = site.store as! any IssoStore
            let ada = try await site.member("ada")
            let comment = try await site.comment(on: try await site.post(by: ada), by: ada)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask { _ = try await isso.issoVote(commentID: comment.id, voter: "v\(index % 10)", like: true) }
                }
                try await group.waitForAll()
            }
            #expect(try await site.reread(comment)?.likeCount == 10)
        }
    }

    @Test(
        "Given a deleted, a held and a missing comment, when voted on, then nothing is counted and nil says so",
        arguments: StoreKind.allCases)
    func noVotesOnHidden(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let isso = site.store as! any IssoStore
            let ada = try await site.member("ada")
            let post = try await site.post(by: ada)
            let deleted = try await site.comment(on: post, by: ada)
            _ = try await site.store.deleteComment(id: deleted.id, at: at(5))
            let held = try await site.store.insertComment(
                NewComment(
                    postID: post.id, parentID: nil, authorID: ada.id, bodyText: "held", bodyHTML: "<p>held</p>", createdAt: t0,
                    hold: HoldNote(reason: .policy)))
            for id in [deleted.id, held.id, CommentID(999_999)] {
                #expect(try await isso.issoVote(commentID: id, voter: "v", like: true) == nil)
            }
            #expect(try await site.reread(held)?.likeCount == 0)
        }
    }

    @Test(
        "Given comments on published, draft and subscribers-only posts, when the latest are read, then only those everyone may read come, newest first",
        arguments: StoreKind.allCases)
    func latest(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let isso = site.store as! any IssoStore
            let ada = try await site.member("ada")
            let open = try await site.post("open", by: ada)
            let draft = try await site.post("draft", by: ada, state: .draft, publishedAt: nil)
            let older = try await site.comment(on: open, by: ada, at: at(1))
            let newer = try await site.comment(on: open, by: ada, at: at(2))
            _ = try await site.comment(on: draft, by: ada, at: at(3))
            let gone = try await site.comment(on: open, by: ada, at: at(4))
            _ = try await site.store.deleteComment(id: gone.id, at: at(5))
            #expect(try await isso.latestComments(postID: nil, limit: 10, now: at(10)).map(\.id) == [newer.id, older.id])
            #expect(try await isso.latestComments(postID: open.id, limit: 1, now: at(10)).map(\.id) == [newer.id])
            #expect(try await isso.latestComments(postID: draft.id, limit: 10, now: at(10)).isEmpty)
        }
    }
}
