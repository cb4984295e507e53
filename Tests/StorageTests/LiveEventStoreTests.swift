import Domain
import Foundation
import Storage
import Testing

@Suite("Live events kept for resuming readers")
struct LiveEventStoreTests {
    static func event(_ post: Post, _ name: String = "comment", audience: LiveAudience = .everyone, author: MemberID? = nil) -> NewLiveEvent
    {
        NewLiveEvent(postID: post.id, name: name, data: "{\"post\":\(post.id)}", audience: audience, authorID: author)
    }

    @Test(
        "Given events appended for two posts, then ids follow one another for the site and each post reads back only its own, in order",
        arguments: StoreKind.allCases)
    func idsAreDenseAndPerPost(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let live = site.live
            let ada = try await site.member()
            let one = try await site.post("one", by: ada), two = try await site.post("two", by: ada)
            #expect(try await live.liveEventBounds() == LiveEventBounds(last: 0, prunedThrough: 0))

            let first = try await live.appendLiveEvents([Self.event(one), Self.event(two, "likes")], at: at(1))
            let second = try await live.appendLiveEvents([Self.event(one, "edit", audience: [.staff, .author], author: ada.id)], at: at(2))
            #expect((first + second).map(\.id) == [1, 2, 3])

            let ofOne = try await live.liveEvents(after: 0, postID: one.id, limit: 10)
            #expect(ofOne.map(\.id) == [1, 3])
            #expect(ofOne.last?.event == Self.event(one, "edit", audience: [.staff, .author], author: ada.id))
            #expect(ofOne.last?.createdAt == at(2))
            #expect(try await live.liveEvents(after: 1, postID: nil, limit: 1).map(\.id) == [2])
            #expect(try await live.liveEventBounds().last == 3)
        }
    }

    @Test(
        "Given two instances appending at once, then every id is handed out once and none is missing",
        arguments: StoreKind.allCases)
    func twoInstancesAppend(kind: StoreKind) async throws {
        try await withTwoSites(kind) { one, two async throws in
            let ada = try await one.member()
            let post = try await one.post(by: ada)
            let ids = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for site in [one, two] {
                    group.addTask {
                        var ids: [Int64] = []
                        for _ in 0..<15 { ids += try await site.live.appendLiveEvents([Self.event(post)], at: at(1)).map(\.id) }
                        return ids
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0 += $1 }
            }
            #expect(ids.sorted() == Array(1...30))
            #expect(try await two.live.liveEvents(after: 0, postID: post.id, limit: 100).map(\.id) == Array(1...30))
        }
    }

    @Test(
        "Given old and many events, when pruned, then old ones and all but the newest kept go, the newest stays, and resuming before them is refused",
        arguments: StoreKind.allCases)
    func pruning(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let live = site.live
            let ada = try await site.member()
            let post = try await site.post(by: ada)
            for second in 0..<10 { _ = try await live.appendLiveEvents([Self.event(post)], at: at(Double(second))) }

            // Older than 3 s: events 1...3 (at 0, 1, 2).
            #expect(try await live.pruneLiveEvents(before: at(3), keep: 100) == 3)
            #expect(try await live.liveEventBounds() == LiveEventBounds(last: 10, prunedThrough: 3))
            // At most the newest 4: 4...6 go.
            #expect(try await live.pruneLiveEvents(before: at(0), keep: 4) == 3)
            #expect(try await live.liveEvents(after: 0, postID: post.id, limit: 100).map(\.id) == [7, 8, 9, 10])
            // Everything is old: the newest stays, for new readers to start from.
            #expect(try await live.pruneLiveEvents(before: at(100), keep: 100) == 3)
            #expect(try await live.liveEvents(after: 0, postID: nil, limit: 100).map(\.id) == [10])

            let bounds = try await live.liveEventBounds()
            #expect(bounds == LiveEventBounds(last: 10, prunedThrough: 9))
            #expect(!bounds.canResume(after: 8))
            #expect(bounds.canResume(after: 9))
            #expect(bounds.canResume(after: 10))
            // A resume point from the future (a restored backup) is no resume point.
            #expect(!bounds.canResume(after: 11))
        }
    }

    @Test("Given a post deleted, then its live events go with it", arguments: StoreKind.allCases)
    func eventsGoWithPost(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member()
            let post = try await site.post(by: ada)
            _ = try await site.live.appendLiveEvents([Self.event(post)], at: at(1))
            #expect(try await (site.store as! any PostEditorStore).deletePost(id: post.id))
            #expect(try await site.live.liveEvents(after: 0, postID: nil, limit: 10).isEmpty)
        }
    }

    @Test("Given an event's audience, then staff, its author and everyone else each get only what is meant for them")
    func audience() {
        func member(_ id: Int64, _ role: Role) -> Member {
            Member(id: MemberID(id), email: "\(id)@example.com", displayName: "M\(id)", role: role, createdAt: t0)
        }
        let author = member(2, .member), other = member(3, .member), staff = member(4, .moderator), staffAuthor = member(2, .admin)
        func reaches(_ audience: LiveAudience, _ viewer: Member?) -> Bool {
            LiveEvent(
                id: 1, event: NewLiveEvent(postID: PostID(1), name: "edit", data: "{}", audience: audience, authorID: author.id),
                createdAt: t0
            ).reaches(viewer)
        }
        let held = LiveAudience.seeing(.held)
        #expect(reaches(held, author) && reaches(held, staff) && reaches(held, staffAuthor))
        #expect(!reaches(held, other) && !reaches(held, nil))
        let othersOnly = LiveAudience.everyone.subtracting(held)
        #expect(reaches(othersOnly, other) && reaches(othersOnly, nil))
        #expect(!reaches(othersOnly, author) && !reaches(othersOnly, staff) && !reaches(othersOnly, staffAuthor))
        #expect(reaches(.seeing(.removed), staff) && !reaches(.seeing(.removed), author))
    }
}

extension Site {
    /// The kept live events: every engine keeps them.
    var live: any LiveEventStore { store as! any LiveEventStore }
}
