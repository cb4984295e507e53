import Domain
import Foundation
import Storage
import StorageReference
import Testing

/// Every read that shows a site's discussions, gathered to be compared or checked.
struct DiscussionSnapshot: Equatable {
    var posts: [Post] = []
    var comments: [[Comment]] = []
    var rootPages: [String] = []
    var liked: [[CommentID]] = []

    static func read(_ site: Site, posts: [Post], members: [Member], knownIDs: [CommentID]) async throws -> Self {
        var snapshot = Self()
        for post in posts {
            snapshot.posts.append(try #require(try await site.reread(post)))
            snapshot.comments.append(try await site.allComments(of: post))
            for sort in CommentSort.allCases {
                let ids = try await site.allRoots(of: post, sort: sort, pageSize: 3).map(\.id.description)
                snapshot.rootPages.append("\(sort): \(ids.joined(separator: ","))")
            }
        }
        for member in members {
            snapshot.liked.append(try await site.store.likedCommentIDs(memberID: member.id, among: knownIDs).sorted())
        }
        return snapshot
    }

    /// What differs from `expected`, item by item, so that a failure names the first few
    /// differences instead of printing two whole sites.
    func differences(from expected: Self) -> [String] {
        var found: [String] = []
        for (actual, wanted) in zip(posts, expected.posts) where actual != wanted {
            found.append("post \(wanted.slug): \(actual) instead of \(wanted)")
        }
        for (actualThread, wantedThread) in zip(comments, expected.comments) {
            if actualThread.map(\.id) != wantedThread.map(\.id) {
                found.append("comment ids \(actualThread.map(\.id)) instead of \(wantedThread.map(\.id))")
            }
            for (actual, wanted) in zip(actualThread, wantedThread) where actual != wanted {
                found.append("comment \(wanted.id): \(actual) instead of \(wanted)")
            }
        }
        for (actual, wanted) in zip(rootPages, expected.rootPages) where actual != wanted {
            found.append("roots \(actual) instead of \(wanted)")
        }
        if liked != expected.liked { found.append("likes \(liked) instead of \(expected.liked)") }
        if posts.count != expected.posts.count || comments.count != expected.comments.count {
            found.append("different numbers of posts")
        }
        return Array(found.prefix(5))
    }

    /// The rules every store must keep, checked against what it returns.
    func checkInvariants(members: [Member]) {
        let likedSets = liked.map(Set.init)
        for (post, comments) in zip(posts, comments) {
            // Only visible comments that are not deleted count (none is held here: the reference has no moderation).
            #expect(post.commentCount == comments.filter(\.isCounted).count, "comment count of \(post.slug)")
            for comment in comments {
                let below = comments.filter { $0.path.hasPrefix(comment.path + "/") }
                #expect(comment.descendantCount == below.filter(\.isCounted).count, "descendants of \(comment.id)")
                #expect(
                    !comment.isDeleted || below.contains { $0.parentID == comment.id },
                    "placeholder \(comment.id) holds replies")
                let segments = comment.path.split(separator: "/")
                #expect(comment.depth == segments.count - 1)
                #expect(comment.rootID == CommentID(parsing: segments[0]))
                #expect(comment.likeCount == likedSets.filter { $0.contains(comment.id) }.count, "likes of \(comment.id)")
            }
        }
    }
}

/// Random writes applied the same way to one or more stores.
struct RandomWrites {
    var rng: SeededRandom
    var clock = 0.0
    var knownIDs: [CommentID] = []

    init(seed: UInt64) { rng = SeededRandom(seed: seed) }

    /// Picks one write and applies it to every site; returns each site's outcome as text.
    mutating func step(_ sites: [Site], posts: [Post], members: [Member], reference: Site) async throws -> [String] {
        clock += Double(Int.random(in: 0...2, using: &rng))  // equal times happen
        let date = at(clock)
        let member = members.randomElement(using: &rng)!
        let roll = Int.random(in: 0..<100, using: &rng)
        let target = knownIDs.randomElement(using: &rng)
        var outcomes: [String] = []
        func outcome(_ body: () async throws -> String) async -> String {
            do { return try await body() } catch let error as StoreError { return "error \(error)" } catch {
                return "unexpected \(error)"
            }
        }
        switch roll {
        case 0..<30:
            let post = posts.randomElement(using: &rng)!
            for site in sites {
                outcomes.append(await outcome { "\(try await site.comment(on: post, by: member, at: date))" })
            }
        case 30..<65:
            // A reply, where use cases put it; now and then to a comment of the other post.
            var post = posts.randomElement(using: &rng)!
            var parentID = target ?? CommentID(1)
            if let target, let parent = try await reference.store.comment(id: target) {
                parentID = CommentTree.parentForReply(to: parent)
                if Int.random(in: 0..<10, using: &rng) > 0 { post = posts.first { $0.id == parent.postID }! }
            }
            let new = NewComment(
                postID: post.id, parentID: parentID, authorID: member.id, bodyText: "r",
                bodyHTML: "r", createdAt: date)
            for site in sites {
                outcomes.append(await outcome { "\(try await site.store.insertComment(new))" })
            }
        case 65..<82:
            for site in sites {
                outcomes.append(await outcome { "\(try await site.store.deleteComment(id: target ?? CommentID(1), at: date))" })
            }
        case 82..<95:
            for site in sites {
                outcomes.append(
                    await outcome {
                        "\(try await site.store.toggleLike(commentID: target ?? CommentID(1), memberID: member.id, at: date))"
                    })
            }
        default:
            for site in sites {
                outcomes.append(
                    await outcome {
                        try await site.store.updateCommentBody(id: target ?? CommentID(1), text: "e", html: "e", editedAt: date)
                        return "edited"
                    })
            }
        }
        if let newest = try await reference.store.comment(id: CommentID(Int64(knownIDs.count + 1))) {
            knownIDs.append(newest.id)
        }
        return outcomes
    }
}

@Suite("Comments: random sequences")
struct RandomOperationsTests {
    @Test(
        "Given any sequence of writes, when the thread is read, then every count matches the comments the store holds",
        arguments: StoreKind.allCases, [UInt64(1), 2])
    func countsStayExact(kind: StoreKind, seed: UInt64) async throws {
        try await withSite(kind) { site async throws in
            let members = [try await site.member("ann"), try await site.member("ben"), try await site.member("cat")]
            let posts = [try await site.post("one", by: members[0]), try await site.post("two", by: members[0])]
            var writes = RandomWrites(seed: seed)
            for round in 1...200 {
                _ = try await writes.step([site], posts: posts, members: members, reference: site)
                if round % 50 == 0 {
                    let snapshot = try await DiscussionSnapshot.read(
                        site, posts: posts, members: members,
                        knownIDs: writes.knownIDs)
                    snapshot.checkInvariants(members: members)
                }
            }
        }
    }

    @Test(
        "Given the same sequence of writes, when both are read, then the engine agrees with the reference store",
        arguments: StoreKind.allCases, [UInt64(7), 8, 9])
    func agreesWithReference(kind: StoreKind, seed: UInt64) async throws {
        let reference = Site(store: InMemoryStore())
        try await withSite(kind) { engine async throws in
            var members: [Member] = []
            var posts: [Post] = []
            for name in ["ann", "ben", "cat"] {
                let member = try await reference.member(name)
                #expect(try await engine.member(name) == member)
                members.append(member)
            }
            for slug in ["one", "two"] {
                let post = try await reference.post(slug, by: members[0])
                #expect(try await engine.post(slug, by: members[0]) == post)
                posts.append(post)
            }
            var writes = RandomWrites(seed: seed)
            for round in 1...300 {
                let outcomes = try await writes.step(
                    [reference, engine], posts: posts, members: members,
                    reference: reference)
                try #require(outcomes[0] == outcomes[1], "write \(round) of seed \(seed)")
                if round % 25 == 0 {
                    let expected = try await DiscussionSnapshot.read(
                        reference, posts: posts, members: members,
                        knownIDs: writes.knownIDs)
                    let actual = try await DiscussionSnapshot.read(
                        engine, posts: posts, members: members,
                        knownIDs: writes.knownIDs)
                    let differences = actual.differences(from: expected)
                    try #require(differences.isEmpty, "reads after write \(round) of seed \(seed): \(differences)")
                    expected.checkInvariants(members: members)
                }
            }
        }
    }
}
