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

    @Test("Without a script, an image uploaded into a published post is not saved into it: the editor shows the line to insert")
    func uploadIntoLivePost() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let id = site.post.id
            let body = try await browser.multipart(
                "/dashboard/posts/\(id)/images", fields: ["purpose": "body", "revision": "1"],
                file: ("image", "a.png", "image/png", TestImages.png))
            #expect(body.status == .ok && body.text.contains("<code>![") && body.text.contains("](/uploads/"))
            let cover = try await browser.multipart(
                "/dashboard/posts/\(id)/images", fields: ["purpose": "cover", "revision": "1"],
                file: ("image", "a.png", "image/png", TestImages.png))
            #expect(cover.status == .ok && cover.text.contains("name=\"cover\" value=\"") && cover.text.contains("press Update"))
            let stored = try #require(try await site.store.post(id: id))
            #expect(stored == site.post)
        }
    }

    @Test("A save without a script after the session ran out shows the typed text again, with a sign-in link back to the editor")
    func signedOutSave() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            let id = site.post.id
            let page = try await browser.post(
                "/dashboard/posts/\(id)", form: Self.fields(title: "Typed while away", body: "Words I must not lose", revision: 1))
            #expect(page.status == .unauthorized)
            #expect(page.text.contains("Words I must not lose") && page.text.contains("Typed while away"))
            #expect(page.text.contains("/sign-in?next=%2Fdashboard%2Fposts%2F\(id)%2Fedit"))
            #expect(page.text.contains("action=\"/dashboard/posts/\(id)\""))
            #expect(try await site.store.post(id: id) == site.post)
            let new = try await browser.post("/dashboard/posts", form: Self.fields(title: "Fresh", body: "New words"))
            #expect(new.status == .unauthorized && new.text.contains("New words") && new.text.contains("next=%2Fdashboard%2Fposts%2Fnew"))
            #expect(try await site.store.postCount() == 1)
        }
    }

    @Test("A new post's first autosave sent twice with one key (its response lost) makes one draft, saved with the retry's text")
    func firstAutosaveOnce() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let before = try await site.store.postCount()
            let key = ["client_key": "k3y-\(UUID().uuidString.prefix(8))"]
            let first = try await browser.post(
                "/dashboard/posts", form: Self.fields(title: "Typed", action: "autosave", extra: key), json: true)
            let retry = try await browser.post(
                "/dashboard/posts", form: Self.fields(title: "Typed more", action: "autosave", extra: key), json: true)
            #expect(first.status == .ok && retry.status == .ok && retry.text.contains("\"saved\":true"))
            #expect(try await site.store.postCount() == before + 1)
            let draft = try #require(try await site.store.postSummaries(state: .draft).first)
            #expect(draft.title == "Typed more")
            #expect(retry.text.contains("\"id\":\(draft.id)"))
        }
    }
}
