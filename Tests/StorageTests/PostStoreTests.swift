import Domain
import Foundation
import Storage
import Testing

@Suite("Posts")
struct PostStoreTests {
    @Test("Given a new post, when inserted, then every field reads back by id and by slug", arguments: StoreKind.allCases)
    func insertAndRead(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .owner)
            let new = NewPost(
                slug: "first-light", title: "First light", subtitle: "A start", bodyMarkdown: "# Hi",
                bodyHTML: "<h1>Hi</h1>", authorID: ada.id, state: .scheduled, audience: .subscribers,
                discussion: .closed, publishedAt: Date(timeIntervalSince1970: 1_750_000_100.5559),
                createdAt: Date(timeIntervalSince1970: 1_750_000_000.0001))
            let post = try await site.store.insertPost(new)
            #expect(post.slug == "first-light")
            #expect(post.title == "First light")
            #expect(post.subtitle == "A start")
            #expect(post.bodyMarkdown == "# Hi")
            #expect(post.bodyHTML == "<h1>Hi</h1>")
            #expect(post.authorID == ada.id)
            #expect(post.state == .scheduled)
            #expect(post.audience == .subscribers)
            #expect(post.discussion == .closed)
            #expect(post.publishedAt == new.publishedAt?.truncatedToMilliseconds)
            #expect(post.createdAt == new.createdAt.truncatedToMilliseconds)
            #expect(post.commentCount == 0)
            #expect(try await site.store.post(id: post.id) == post)
            #expect(try await site.store.post(slug: "first-light") == post)
            #expect(try await site.store.postCount() == 1)
        }
    }

    @Test(
        "Given a draft without a publication time, when read back, then its time is still nil",
        arguments: StoreKind.allCases)
    func draftWithoutTime(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let draft = try await site.post("draft", by: ada, state: .draft, publishedAt: nil)
            #expect(try await site.store.post(slug: "draft")?.publishedAt == nil)
            #expect(try await site.store.post(id: draft.id) == draft)
        }
    }

    @Test("Given no such post, when looked up, then nothing is found", arguments: StoreKind.allCases)
    func unknownPost(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let post = try await site.post("hello", by: ada)
            #expect(try await site.store.post(slug: "goodbye") == nil)
            #expect(try await site.store.post(id: PostID(post.id.rawValue + 1)) == nil)
        }
    }

    @Test(
        "Given a post, when another is inserted with the same slug, then it is refused as a duplicate",
        arguments: StoreKind.allCases)
    func duplicateSlug(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            try await site.post("hello", by: ada)
            await #expect(throws: StoreError.duplicate(field: "slug")) {
                try await site.post("hello", by: ada, state: .draft)
            }
            #expect(try await site.store.postCount() == 1)
        }
    }

    @Test("Given no such author, when a post is inserted, then it is refused as missing", arguments: StoreKind.allCases)
    func unknownAuthor(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ghost = Member(id: MemberID(77), email: "ghost@example.com", displayName: "Ghost", role: .owner, createdAt: t0)
            await #expect(throws: StoreError.missing("member")) {
                try await site.post("hello", by: ghost)
            }
            #expect(try await site.store.postCount() == 0)
        }
    }

    @Test(
        "Given posts in every state, when recent posts are listed, then only visible ones come, newest first",
        arguments: StoreKind.allCases)
    func recentVisibility(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let old = try await site.post("old", by: ada, publishedAt: at(-3600))
            let newer = try await site.post("newer", by: ada, publishedAt: at(-60))
            let scheduledPast = try await site.post("scheduled-past", by: ada, state: .scheduled, publishedAt: at(-120))
            try await site.post("scheduled-future", by: ada, state: .scheduled, publishedAt: at(60))
            try await site.post("published-future", by: ada, state: .published, publishedAt: at(1))
            try await site.post("draft", by: ada, state: .draft, publishedAt: at(-10))
            try await site.post("draft-no-time", by: ada, state: .draft, publishedAt: nil)
            try await site.post("published-no-time", by: ada, state: .published, publishedAt: nil)
            let exactlyNow = try await site.post("exactly-now", by: ada, publishedAt: t0)

            let recent = try await site.store.recentPosts(now: t0, limit: 10, excluding: nil)
            #expect(recent.map(\.slug) == [exactlyNow, newer, scheduledPast, old].map(\.slug))
            #expect(recent.allSatisfy { $0.isVisible(at: t0) })
        }
    }

    @Test(
        "Given visible posts, when recent posts are listed with a limit and an exclusion, then both apply",
        arguments: StoreKind.allCases)
    func recentLimitAndExcluding(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            var posts: [Post] = []
            for index in 0..<5 {
                posts.append(try await site.post("post-\(index)", by: ada, publishedAt: at(Double(index))))
            }
            let now = at(100)
            #expect(
                try await site.store.recentPosts(now: now, limit: 3, excluding: nil).map(\.slug)
                    == ["post-4", "post-3", "post-2"])
            // The excluded post does not use up a place: "More from" still shows `limit` others.
            #expect(
                try await site.store.recentPosts(now: now, limit: 3, excluding: posts[4].id).map(\.slug)
                    == ["post-3", "post-2", "post-1"])
            #expect(try await site.store.recentPosts(now: now, limit: 0, excluding: nil).isEmpty)
        }
    }

    @Test(
        "Given posts published at the same instant, when listed, then the later insert comes first",
        arguments: StoreKind.allCases)
    func recentTies(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            try await site.post("a", by: ada, publishedAt: t0)
            try await site.post("b", by: ada, publishedAt: t0)
            try await site.post("c", by: ada, publishedAt: t0)
            #expect(try await site.store.recentPosts(now: t0, limit: 10, excluding: nil).map(\.slug) == ["c", "b", "a"])
        }
    }
}
