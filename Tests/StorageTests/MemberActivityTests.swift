import Domain
import Foundation
import Storage
import Testing

@Suite("Members: what they wrote and liked")
struct MemberActivityTests {
    @Test(
        "Given a member's comments on several posts, when read in pages, then they come newest first, placeholders included, others' never",
        arguments: StoreKind.allCases)
    func commentsByAuthor(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let bob = try await site.member("bob")
            let first = try await site.post("first", by: ada)
            let second = try await site.post("second", by: ada)
            var mine: [Comment] = []
            for index in 0..<5 {
                let post = index.isMultiple(of: 2) ? first : second
                mine.append(try await site.comment(on: post, by: ada, at: at(Double(index))))
                try await site.comment(on: post, by: bob, at: at(Double(index) + 0.5))
            }
            // A placeholder stays on its author's list; a removed comment does not.
            try await site.comment(on: second, by: bob, replyingTo: mine[3], at: at(10))
            #expect(try await site.store.deleteComment(id: mine[3].id, at: at(11)) == .placeholder)
            #expect(try await site.store.deleteComment(id: mine[4].id, at: at(11)) == .removed)

            let newestFirst = [mine[3], mine[2], mine[1], mine[0]].map(\.id)
            let page1 = try await site.store.comments(authorID: ada.id, before: nil, limit: 3)
            #expect(page1.map(\.id) == Array(newestFirst.prefix(3)))
            #expect(page1.first?.isDeleted == true)
            let page2 = try await site.store.comments(authorID: ada.id, before: page1.last?.id, limit: 3)
            #expect(page2.map(\.id) == [mine[0].id])
            #expect(try await site.store.comments(authorID: ada.id, before: mine[0].id, limit: 3).isEmpty)
            #expect(try await site.store.comments(authorID: ada.id, before: nil, limit: 0).isEmpty)
            #expect(try await site.store.comments(authorID: MemberID(999), before: nil, limit: 3).isEmpty)
        }
    }

    @Test(
        "Given a member's likes, when they are read, then each comment comes once with its time, oldest first",
        arguments: StoreKind.allCases)
    func likesOfMember(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let bob = try await site.member("bob")
            let post = try await site.post(by: ada)
            let one = try await site.comment(on: post, by: ada)
            let two = try await site.comment(on: post, by: ada)
            let three = try await site.comment(on: post, by: ada)
            _ = try await site.store.toggleLike(commentID: two.id, memberID: bob.id, at: at(1.0005))
            _ = try await site.store.toggleLike(commentID: one.id, memberID: bob.id, at: at(2))
            _ = try await site.store.toggleLike(commentID: three.id, memberID: bob.id, at: at(3))
            _ = try await site.store.toggleLike(commentID: three.id, memberID: bob.id, at: at(4))
            _ = try await site.store.toggleLike(commentID: three.id, memberID: ada.id, at: at(5))
            let likes = try await site.store.likes(memberID: bob.id)
            #expect(likes.map(\.commentID) == [two.id, one.id])
            #expect(likes.map(\.at) == [at(1.0005).truncatedToMilliseconds, at(2)])
            #expect(try await site.store.likes(memberID: MemberID(999)).isEmpty)
        }
    }
}
