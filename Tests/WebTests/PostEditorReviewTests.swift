import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import UseCases

/// The editor's defects a review found, each kept fixed over HTTP on the real application.
extension PostEditorTests {
    @Test("Unpublishing a post only ever scheduled forgets its time, so publishing it later does not backdate it")
    func unpublishScheduled() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let later = PublishTime.format(Date().addingTimeInterval(4 * 3_600))
            let scheduled = try await browser.post(
                "/dashboard/posts", form: Self.fields(title: "Later", action: "schedule", extra: ["publish_at": later]))
            let id = try Self.editedID(scheduled)
            let revision = try #require(try await site.store.post(id: id)).revision
            _ = try await browser.post("/dashboard/posts/\(id)", form: Self.fields(title: "Later", action: "unpublish", revision: revision))
            let draft = try #require(try await site.store.post(id: id))
            #expect(draft.state == .draft)
            #expect(draft.publishedAt == nil)
        }
    }

    @Test("After a rename, a newsletter's like link and the comments feed under the old slug answer 301 to the new, query kept")
    func oldSlugLikeAndFeed() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let old = site.post.slug
            let saved = try await browser.post(
                "/dashboard/posts/\(site.post.id)",
                form: Self.fields(title: site.post.title, body: site.post.bodyMarkdown, slug: "renamed-post", revision: site.post.revision))
            #expect(saved.status == .seeOther)
            let like = try await browser.get("/p/\(old)/like?s=1&sig=abc")
            #expect(like.status == .movedPermanently && like.location == "/p/renamed-post/like?s=1&sig=abc")
            let feed = try await browser.get("/p/\(old)/comments/feed")
            #expect(feed.status == .movedPermanently && feed.location == "/p/renamed-post/comments/feed")
            #expect(try await browser.get("/p/never-was/comments/feed").status == .notFound)
        }
    }
}
