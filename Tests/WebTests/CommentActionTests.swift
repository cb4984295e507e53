import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Commenting, replying, liking, editing, deleting")
struct CommentActionTests {
    @Test("A signed-in member comments without JavaScript and lands at the new comment")
    func commentWithoutJavaScript() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            // When the composer form is posted
            let response = try await browser.post("/p/\(site.post.slug)/comments", form: ["body": "Hello <b>there</b>"])
            // Then the browser is sent to the new comment, which shows escaped
            #expect(response.status == .seeOther)
            let location = try #require(response.location)
            #expect(location.hasPrefix("/p/\(site.post.slug)/comment/") && location.contains("#comment-"))
            let page = try await browser.get(location.components(separatedBy: "#")[0]).text
            #expect(page.contains("Hello &lt;b&gt;there&lt;/b&gt;"))
            #expect(page.contains("class=\"comment marked\""))
            #expect(try await site.fresh(site.post).commentCount == 1)
        }
    }

    @Test("A reply posted through the page script comes back as a card")
    func replyAsJSON() async throws {
        let site = try await TestSite()
        let root = try await site.comment("Root", by: site.owner)
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let response = try await browser.post(
                "/p/\(site.post.slug)/comments", form: ["body": "A reply", "parent_id": "\(root.id)"], json: true)
            #expect(response.status == .created)
            let object = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
            #expect(object?["parentId"] as? Int == Int(root.id.rawValue))
            #expect((object?["html"] as? String)?.contains("A reply") == true)
            let stored = try await site.store.descendants(of: root, maxDepth: 9, afterReply: nil, limit: 10)
            #expect(stored.map(\.bodyText) == ["A reply"])
        }
    }

    @Test("A root comment posted through the page script has no parent")
    func rootAsJSON() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let response = try await browser.post("/p/\(site.post.slug)/comments", form: ["body": "Top level"], json: true)
            #expect(response.status == .created)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
            #expect(object["parentId"] is NSNull)
            #expect((object["url"] as? String)?.contains("#comment-") == true)
        }
    }

    @Test("Likes toggle, one per member")
    func likesToggle() async throws {
        let site = try await TestSite()
        let comment = try await site.comment("Like me", by: site.owner)
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let uri = "/p/\(site.post.slug)/comment/\(comment.id)/like"
            let liked = try await browser.post(uri, json: true)
            #expect(liked.text.contains("\"count\":1") && liked.text.contains("\"liked\":true"))
            #expect(try await site.store.comment(id: comment.id)?.likeCount == 1)
            // Without JavaScript the like redirects back and the page shows the pressed heart
            let unliked = try await browser.post(uri)
            #expect(unliked.status == .seeOther)
            #expect(try await site.store.comment(id: comment.id)?.likeCount == 0)
            _ = try await browser.post(uri)
            let page = try await browser.get("/p/\(site.post.slug)").text
            #expect(page.contains("aria-pressed=\"true\""))
        }
    }

    @Test("Editing your own comment marks it edited; others may not edit it")
    func editing() async throws {
        let site = try await TestSite()
        let mine = try await site.comment("Frist", by: site.reader)
        let theirs = try await site.comment("Owner's", by: site.owner)
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let form = try await browser.get("/p/\(site.post.slug)/comment/\(mine.id)/edit")
            #expect(form.text.contains(">Frist</textarea>"))
            let saved = try await browser.post("/p/\(site.post.slug)/comment/\(mine.id)/edit", form: ["body": "First"])
            #expect(saved.status == .seeOther)
            let page = try await browser.get("/p/\(site.post.slug)").text
            #expect(page.contains("<p>First</p>") && page.contains("edited"))
            let refused = try await browser.post("/p/\(site.post.slug)/comment/\(theirs.id)/edit", form: ["body": "Hijacked"])
            #expect(refused.status == .forbidden)
            #expect(try await site.store.comment(id: theirs.id)?.bodyText == "Owner's")
        }
    }

    @Test("Deleting a comment with replies leaves Comment deleted; without replies it is gone")
    func deleting() async throws {
        let site = try await TestSite()
        let parent = try await site.comment("Parent", by: site.reader)
        let reply = try await site.comment("The surviving answer", by: site.owner, replyTo: parent.id)
        let lonely = try await site.comment("Lonely", by: site.reader)
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            #expect(try await browser.post("/p/\(site.post.slug)/comment/\(parent.id)/delete").status == .seeOther)
            #expect(try await browser.post("/p/\(site.post.slug)/comment/\(lonely.id)/delete").status == .seeOther)
            let page = try await browser.get("/p/\(site.post.slug)/comments").text
            #expect(page.contains("Comment deleted"))
            #expect(page.contains("The surviving answer") && !page.contains("<p>Parent</p>") && !page.contains("Lonely"))
            #expect(try await site.store.comment(id: lonely.id) == nil)
            #expect(try await site.fresh(site.post).commentCount == 1)
            // And a member cannot delete someone else's comment
            #expect(try await browser.post("/p/\(site.post.slug)/comment/\(reply.id)/delete").status == .forbidden)
        }
    }

    @Test("Staff may delete any comment")
    func staffDeletes() async throws {
        let site = try await TestSite()
        let comment = try await site.comment("Spam", by: site.reader)
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            #expect(try await browser.post("/p/\(site.post.slug)/comment/\(comment.id)/delete").status == .seeOther)
            #expect(try await site.store.comment(id: comment.id) == nil)
        }
    }
}
