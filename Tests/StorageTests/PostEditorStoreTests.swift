import Domain
import Foundation
import Storage
import Testing

/// The writer's side of posts on both engines: compare-and-set saves, old slugs, publishing
/// once, scheduling, deleting, the dashboard's lists.
@Suite("Post editor store")
struct PostEditorStoreTests {
    func editor(_ site: Site) -> any PostEditorStore { site.store as! any PostEditorStore }

    func edit(_ post: Post, _ change: (inout PostEdit) -> Void) -> PostEdit {
        var edit = PostEdit(post)
        change(&edit)
        return edit
    }

    func save(
        _ post: Post, edit: PostEdit? = nil, state: PostState? = nil, publishedAt: Date? = nil, revision: Int?, newsletter: Bool = false
    )
        -> PostSave
    {
        PostSave(
            id: post.id, edit: edit, state: state ?? post.state, publishedAt: publishedAt ?? post.publishedAt, revision: revision,
            updatedAt: nil, newsletter: newsletter, at: at(100))
    }

    @Test(
        "Given a post, when saved from its revision, then the fields change and the revision goes up by one", arguments: StoreKind.allCases)
    func saveBumpsRevision(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .owner)
            let post = try await site.post("hello", by: ada, state: .draft, publishedAt: nil)
            #expect(post.revision == 1)
            let changed = edit(post) {
                $0.title = "New title"
                $0.bodyMarkdown = "New body"
                $0.bodyHTML = "<p>New body</p>"
                $0.audience = .subscribers
                $0.sendsEmail = true
            }
            let outcome = try await editor(site).savePost(save(post, edit: changed, revision: 1))
            guard case .saved(let saved) = outcome else { Issue.record("not saved: \(outcome)"); return }
            #expect(saved.revision == 2)
            #expect(saved.title == "New title")
            #expect(saved.bodyHTML == "<p>New body</p>")
            #expect(saved.audience == .subscribers)
            #expect(saved.sendsEmail)
            #expect(try await site.store.post(id: post.id) == saved)
        }
    }

    @Test(
        "Given two tabs from one revision, when both save, then the second is told of the first and changes nothing",
        arguments: StoreKind.allCases)
    func secondTabConflicts(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .owner)
            let post = try await site.post("hello", by: ada, state: .draft, publishedAt: nil)
            let first = try await editor(site).savePost(save(post, edit: edit(post) { $0.title = "Tab one" }, revision: 1))
            guard case .saved(let afterFirst) = first else { Issue.record("first not saved"); return }
            let second = try await editor(site).savePost(save(post, edit: edit(post) { $0.title = "Tab two" }, revision: 1))
            #expect(second == .conflict(current: afterFirst))
            #expect(try await site.store.post(id: post.id)?.title == "Tab one")
            #expect(try await site.store.post(id: post.id)?.revision == 2)
        }
    }

    @Test(
        "Given a post whose slug changes, when its old slug is asked for, then it names the post; changed back, it is no longer old",
        arguments: StoreKind.allCases)
    func oldSlugs(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .owner)
            let post = try await site.post("first-name", by: ada)
            guard
                case .saved(let renamed) = try await editor(site).savePost(
                    save(post, edit: edit(post) { $0.slug = "second-name" }, revision: 1))
            else { Issue.record("not saved"); return }
            #expect(renamed.slug == "second-name")
            #expect(try await editor(site).postID(formerSlug: "first-name") == post.id)
            #expect(try await site.store.post(slug: "first-name") == nil)
            guard
                case .saved = try await editor(site).savePost(
                    save(renamed, edit: edit(renamed) { $0.slug = "first-name" }, revision: renamed.revision))
            else { Issue.record("not saved back"); return }
            #expect(try await editor(site).postID(formerSlug: "first-name") == nil)
            #expect(try await editor(site).postID(formerSlug: "second-name") == post.id)
            #expect(try await site.store.post(slug: "first-name")?.id == post.id)
        }
    }

    @Test(
        "Given a draft never published, when its slug follows its title, then no old slug is kept for it",
        arguments: StoreKind.allCases)
    func draftSlugsLeaveNothing(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .owner)
            let draft = try await site.post("w", by: ada, state: .draft, publishedAt: nil)
            guard case .saved = try await editor(site).savePost(save(draft, edit: edit(draft) { $0.slug = "words" }, revision: 1)) else {
                Issue.record("not saved")
                return
            }
            #expect(try await editor(site).postID(formerSlug: "w") == nil)
            #expect(try await site.store.post(slug: "words")?.id == draft.id)
        }
    }

    @Test(
        "Given slugs in use, when a post takes another's slug or old slug, then it is refused as taken and nothing changes",
        arguments: StoreKind.allCases)
    func takenSlugs(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .owner)
            let moved = try await site.post("moved-away", by: ada)
            guard case .saved = try await editor(site).savePost(save(moved, edit: edit(moved) { $0.slug = "moved-here" }, revision: 1))
            else {
                Issue.record("not saved")
                return
            }
            let other = try await site.post("other", by: ada)
            for taken in ["moved-here", "moved-away"] {
                await #expect(throws: StoreError.duplicate(field: "slug")) {
                    _ = try await editor(site).savePost(save(other, edit: edit(other) { $0.slug = taken }, revision: 1))
                }
            }
            #expect(try await site.store.post(id: other.id) == other)
            await #expect(throws: StoreError.duplicate(field: "slug")) {
                _ = try await editor(site).insertEditedPost(
                    NewPost(
                        slug: "moved-away", title: "T", subtitle: "", bodyMarkdown: "", bodyHTML: "", authorID: ada.id, state: .draft,
                        publishedAt: nil, createdAt: t0),
                    newsletter: false)
            }
        }
    }

    @Test(
        "Given a post renamed away from its slug, when any new post is inserted with that slug, then it is refused and the redirect stays",
        arguments: StoreKind.allCases)
    func formerSlugIsTakenForNewPosts(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .owner)
            let first = try await site.post("old-name", by: ada)
            guard case .saved = try await editor(site).savePost(save(first, edit: edit(first) { $0.slug = "new-name" }, revision: 1))
            else {
                Issue.record("not saved")
                return
            }
            await #expect(throws: StoreError.duplicate(field: "slug")) {
                _ = try await site.post("old-name", by: ada)
            }
            #expect(try await site.store.postCount() == 1)
            #expect(try await editor(site).postID(formerSlug: "old-name") == first.id)
        }
    }

    @Test(
        "Given a post that was unpublished, when its slug changes (as autosave follows a retyped title), then no old slug is kept",
        arguments: StoreKind.allCases)
    func unpublishedRenamesLeaveNothing(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .owner)
            let once = try await site.post("my", by: ada, state: .draft, publishedAt: at(10))
            var current = once
            for slug in ["my-t", "my-tit", "my-title"] {
                guard
                    case .saved(let saved) = try await editor(site).savePost(
                        save(current, edit: edit(current) { $0.slug = slug }, revision: current.revision))
                else {
                    Issue.record("not saved")
                    return
                }
                current = saved
            }
            for slug in ["my", "my-t", "my-tit"] { #expect(try await editor(site).postID(formerSlug: slug) == nil) }
        }
    }

    @Test(
        "Given a scheduled post the scheduler published, when a save holding the revision from before is made, then it is refused",
        arguments: StoreKind.allCases)
    func schedulerBumpsRevision(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .owner)
            let post = try await site.post("soon", by: ada, state: .scheduled, publishedAt: at(50))
            #expect(try await editor(site).publishDuePosts(now: at(60), limit: 10).map(\.revision) == [post.revision + 1])
            let outcome = try await editor(site).savePost(save(post, edit: edit(post) { $0.title = "Late edit" }, revision: post.revision))
            guard case .conflict(let current) = outcome else {
                Issue.record("saved over the published post: \(outcome)")
                return
            }
            #expect(current.state == .published)
            #expect(try await site.store.post(id: post.id)?.state == .published)
        }
    }

    @Test(
        "Given a post published with email, when unpublished and published again, then it has one newsletter send",
        arguments: StoreKind.allCases)
    func mailedOnce(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .owner)
            let post = try await site.post("hello", by: ada, state: .draft, publishedAt: nil)
            var revision = post.revision
            for (state, newsletter) in [(PostState.published, true), (.draft, false), (.published, true)] {
                let outcome = try await editor(site).savePost(
                    save(post, state: state, publishedAt: at(50), revision: revision, newsletter: newsletter))
                guard case .saved(let saved) = outcome else { Issue.record("not saved"); return }
                revision = saved.revision
            }
            #expect(try await editor(site).hasNewsletterSend(postID: post.id))
            #expect(try await site.store.unfinishedNewsletterSends(limit: 10).filter { $0.postID == post.id }.count == 1)
        }
    }

    @Test(
        "Given scheduled posts, when due ones are published, then only those whose time came move, once, with their sends",
        arguments: StoreKind.allCases)
    func publishDue(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .owner)
            let due = try await site.store.insertPost(
                NewPost(
                    slug: "due", title: "Due", subtitle: "", bodyMarkdown: "b", bodyHTML: "<p>b</p>", authorID: ada.id, state: .scheduled,
                    publishedAt: at(60), createdAt: t0, sendsEmail: true))
            let quiet = try await site.post("quiet", by: ada, state: .scheduled, publishedAt: at(30))
            let later = try await site.post("later", by: ada, state: .scheduled, publishedAt: at(600))
            let draft = try await site.post("draft", by: ada, state: .draft, publishedAt: at(10))
            let published = try await editor(site).publishDuePosts(now: at(61), limit: 10)
            #expect(published.map(\.id) == [quiet.id, due.id])
            #expect(published.allSatisfy { $0.state == .published })
            #expect(try await editor(site).publishDuePosts(now: at(62), limit: 10).isEmpty)
            #expect(try await site.store.post(id: later.id)?.state == .scheduled)
            #expect(try await site.store.post(id: draft.id)?.state == .draft)
            #expect(try await site.store.post(id: due.id)?.publishedAt == at(60))
            #expect(try await editor(site).hasNewsletterSend(postID: due.id))
            #expect(try await !editor(site).hasNewsletterSend(postID: quiet.id))
        }
    }

    @Test(
        "Given a post with comments, likes, followers and old slugs, when deleted, then all of it goes and other posts stay",
        arguments: StoreKind.allCases)
    func deleteTakesItsDiscussion(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .owner)
            let bob = try await site.member("bob")
            let post = try await site.post("doomed", by: ada)
            let keep = try await site.post("kept", by: ada)
            let root = try await site.comment(on: post, by: bob)
            let reply = try await site.comment(on: post, by: ada, replyingTo: root)
            _ = try await site.comment(on: post, by: bob, replyingTo: reply)
            let kept = try await site.comment(on: keep, by: bob)
            _ = try await site.store.toggleLike(commentID: root.id, memberID: ada.id, at: t0)
            try await site.store.setFollowing(true, memberID: bob.id, postID: post.id, at: t0)
            guard case .saved = try await editor(site).savePost(save(post, edit: edit(post) { $0.slug = "doomed-2" }, revision: 1)) else {
                Issue.record("not saved")
                return
            }
            #expect(try await editor(site).deletePost(id: post.id))
            #expect(try await site.store.post(id: post.id) == nil)
            #expect(try await site.store.comment(id: root.id) == nil)
            #expect(try await site.store.followedPostIDs(memberID: bob.id).isEmpty)
            #expect(try await editor(site).postID(formerSlug: "doomed") == nil)
            #expect(try await site.store.comment(id: kept.id) != nil)
            #expect(try await !editor(site).deletePost(id: post.id))
        }
    }

    @Test("Given posts in each state, when listed, then each list is in its order and the counts match", arguments: StoreKind.allCases)
    func summaries(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .owner)
            let old = try await site.post("old", by: ada, publishedAt: at(1))
            let new = try await site.post("new", by: ada, publishedAt: at(2))
            let soon = try await site.post("soon", by: ada, state: .scheduled, publishedAt: at(100))
            let sooner = try await site.post("sooner", by: ada, state: .scheduled, publishedAt: at(50))
            let draft = try await site.post("draft", by: ada, state: .draft, publishedAt: nil)
            #expect(try await editor(site).postSummaries(state: .published).map(\.id) == [new.id, old.id])
            #expect(try await editor(site).postSummaries(state: .scheduled).map(\.id) == [sooner.id, soon.id])
            #expect(try await editor(site).postSummaries(state: .draft).map(\.slug) == [draft.slug])
            #expect(try await editor(site).postCountsByState() == [.published: 2, .scheduled: 2, .draft: 1])
        }
    }

    @Test("Given two instances on one PostgreSQL, when both publish due posts at once, then each post is published and queued once")
    func twoInstancesPublishOnce() async throws {
        guard PostgresTestDatabase.url != nil else { return }
        try await PostgresTestDatabase.withSchema(stores: 2) { stores in
            let site = Site(store: stores[0])
            let ada = try await site.member("ada", role: .owner)
            var ids: [PostID] = []
            for n in 0..<20 {
                ids.append(
                    try await stores[0].insertPost(
                        NewPost(
                            slug: "post-\(n)", title: "Post \(n)", subtitle: "", bodyMarkdown: "b", bodyHTML: "<p>b</p>", authorID: ada.id,
                            state: .scheduled, publishedAt: at(Double(n)), createdAt: t0, sendsEmail: true)
                    ).id)
            }
            // Both instances race, several passes each, as their schedulers would.
            let counts = try await withThrowingTaskGroup(of: [PostID].self) { group in
                for store in stores {
                    group.addTask {
                        var mine: [PostID] = []
                        for pass in 0..<6 { mine += try await store.publishDuePosts(now: at(100 + Double(pass)), limit: 4).map(\.id) }
                        return mine
                    }
                }
                var all: [PostID] = []
                for try await some in group { all += some }
                return all
            }
            #expect(counts.sorted() == ids.sorted())
            #expect(try await stores[1].unfinishedNewsletterSends(limit: 100).count == 20)
        }
    }
}
