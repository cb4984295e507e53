import Domain
import Foundation
import Storage
import Testing

@Suite("Comments: pages of roots")
struct CommentPagingTests {
    /// Roots with ties on every key but the id: equal times, equal like counts.
    /// Returns them with their final like counts.
    func givenRootsWithTies(_ site: Site, on post: Post) async throws -> [Comment] {
        let members = [try await site.member("ann"), try await site.member("ben"), try await site.member("cat")]
        // (seconds after t0, likes); several share a time and several share a like count.
        let plan: [(Double, Int)] = [(0, 1), (0, 1), (0, 0), (5, 3), (5, 1), (5, 0), (5, 0), (9, 3), (9, 2), (12, 0), (12, 1)]
        var roots: [Comment] = []
        for (seconds, likes) in plan {
            let root = try await site.comment(on: post, by: members[0], at: at(seconds))
            for liker in members.prefix(likes) {
                _ = try await site.store.toggleLike(commentID: root.id, memberID: liker.id, at: at(seconds))
            }
            roots.append(try #require(try await site.reread(root)))
        }
        return roots
    }

    @Test(
        "Given roots with tied times and likes, when read in pages of any size, then each sort is total and pages join up",
        arguments: StoreKind.allCases, CommentSort.allCases)
    func pagesJoinUp(kind: StoreKind, sort: CommentSort) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let post = try await site.post(by: ada)
            let roots = try await givenRootsWithTies(site, on: post)
            // Replies and other posts' roots must never show among the roots.
            try await site.comment(on: post, by: ada, replyingTo: roots[0])
            try await site.comment(on: try await site.post("other", by: ada), by: ada)

            let expected = roots.sorted(by: sort.precedes).map(\.id)
            for pageSize in [1, 2, 3, 4, 11, 50] {
                #expect(
                    try await site.allRoots(of: post, sort: sort, pageSize: pageSize).map(\.id) == expected,
                    "page size \(pageSize)")
            }
        }
    }

    @Test(
        "Given likes, when roots are read by top, then more likes come first, then older, then lower id",
        arguments: StoreKind.allCases)
    func topOrderSpelledOut(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let bob = try await site.member("bob")
            let post = try await site.post(by: ada)
            let old = try await site.comment(on: post, by: ada, at: at(0))
            let tieA = try await site.comment(on: post, by: ada, at: at(10))
            let tieB = try await site.comment(on: post, by: ada, at: at(10))
            let liked = try await site.comment(on: post, by: ada, at: at(20))
            _ = try await site.store.toggleLike(commentID: liked.id, memberID: bob.id, at: at(30))
            let top = try await site.store.rootComments(postID: post.id, sort: .top, after: nil, limit: 10)
            #expect(top.map(\.id) == [liked.id, old.id, tieA.id, tieB.id])
            let new = try await site.store.rootComments(postID: post.id, sort: .new, after: nil, limit: 10)
            #expect(new.map(\.id) == [liked.id, tieB.id, tieA.id, old.id])
            let oldest = try await site.store.rootComments(postID: post.id, sort: .old, after: nil, limit: 10)
            #expect(oldest.map(\.id) == [old.id, tieA.id, tieB.id, liked.id])
        }
    }

    @Test(
        "Given a page was handed out, when new comments arrive before the next page, then no comment repeats or goes missing",
        arguments: StoreKind.allCases, CommentSort.allCases)
    func stableWhileInserting(kind: StoreKind, sort: CommentSort) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let post = try await site.post(by: ada)
            let original = try await givenRootsWithTies(site, on: post)
            var seen: [Comment] = []
            var cursor: CommentCursor?
            var clock = 100.0
            for _ in 0..<100 {
                let page = try await site.store.rootComments(postID: post.id, sort: sort, after: cursor, limit: 3)
                seen += page
                guard page.count == 3, let last = page.last else { break }
                // The URL round trip: the cursor travels as its token.
                let token = CommentCursor(sort: sort, comment: last).token
                let parsed = try #require(CommentCursor(token: token, sort: sort))
                cursor = parsed
                // Two newcomers between pages, one of them at the same millisecond as the last shown.
                try await site.comment(on: post, by: ada, at: last.createdAt)
                try await site.comment(on: post, by: ada, at: at(clock))
                clock += 1
            }
            let seenIDs = seen.map(\.id)
            #expect(Set(seenIDs).count == seenIDs.count, "no comment shown twice")
            #expect(Set(original.map(\.id)).isSubset(of: Set(seenIDs)), "every comment there at the start is shown")
            #expect(zip(seen, seen.dropFirst()).allSatisfy { sort.precedes($0, $1) }, "pages continue in order")
        }
    }

    @Test("Given roots, when a page of zero is asked for, then it is empty", arguments: StoreKind.allCases)
    func emptyPage(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let post = try await site.post(by: ada)
            try await site.comment(on: post, by: ada)
            for sort in CommentSort.allCases {
                #expect(try await site.store.rootComments(postID: post.id, sort: sort, after: nil, limit: 0).isEmpty)
            }
        }
    }

    @Test(
        "Given a deleted root with replies, when roots are read, then its placeholder keeps its place",
        arguments: StoreKind.allCases)
    func placeholderKeepsPlace(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let post = try await site.post(by: ada)
            let first = try await site.comment(on: post, by: ada, at: at(0))
            try await site.comment(on: post, by: ada, replyingTo: first, at: at(1))
            let second = try await site.comment(on: post, by: ada, at: at(2))
            #expect(try await site.store.deleteComment(id: first.id, at: at(3)) == .placeholder)
            let roots = try await site.store.rootComments(postID: post.id, sort: .old, after: nil, limit: 10)
            #expect(roots.map(\.id) == [first.id, second.id])
            #expect(roots[0].isDeleted)
        }
    }
}
