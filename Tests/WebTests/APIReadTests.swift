import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import UseCases

@Suite("API: reading posts and discussions, with ETags")
struct APIReadTests {
    @Test("Posts come newest first, a page at a time; drafts stay out; a subscribers-only post is its teaser")
    func posts() async throws {
        let site = try await TestSite()
        _ = try await site.actions.addPost(
            AddPostInput(title: "Second", bodyMarkdown: "Two.", authorEmail: site.owner.email, emailSubscribers: false))
        _ = try await site.actions.addPost(
            AddPostInput(title: "Hidden draft", bodyMarkdown: "No.", authorEmail: site.owner.email, draft: true))
        let members = try await ReaderTests.subscribersPost(site)
        try await site.test { browser async throws in
            let first = try await browser.api(.get, "/posts?limit=2")
            #expect(first.status == .ok)
            let page = try first.object
            let posts = try #require(page["posts"] as? [[String: Any]])
            #expect(posts.compactMap { $0["title"] as? String } == ["Second", members.title])
            let next = try #require(page["next"] as? String)
            let rest = try await browser.api(.get, "/posts?limit=2&cursor=\(next)").object
            let last = try #require(rest["posts"] as? [[String: Any]])
            #expect(last.compactMap { $0["title"] as? String } == ["First post"])
            #expect(rest["next"] == nil || rest["next"] is NSNull)
            // The subscribers-only post shows its opening, not its body
            let teaser = try #require(posts.last)
            #expect(teaser["teaser"] as? Bool == true)
            #expect((teaser["html"] as? String)?.contains("hidden orchard") == false)
            #expect((teaser["author"] as? [String: Any])?["name"] as? String == "Olive Owner")
        }
    }

    @Test("One post by its slug; a draft or an unknown slug is a 404 to readers")
    func onePost() async throws {
        let site = try await TestSite()
        _ = try await site.actions.addPost(
            AddPostInput(title: "Draft", bodyMarkdown: "No.", authorEmail: site.owner.email, slug: "draft", draft: true))
        let members = try await ReaderTests.subscribersPost(site)
        let token = try await site.apiToken(for: site.owner)
        try await site.test { browser async throws in
            let post = try await browser.api(.get, "/posts/\(site.post.slug)").object
            #expect(post["html"] as? String == "<p>Hello <strong>world</strong>.</p>")
            #expect(post["discussion"] as? String == "open")
            let draft = try await browser.api(.get, "/posts/draft")
            #expect(draft.status == .notFound)
            #expect(try draft.problemFields == ["slug"])
            #expect(try await browser.api(.get, "/posts/no-such-post").status == .notFound)
            // Staff read drafts and the whole of a subscribers-only post
            #expect(try await browser.api(.get, "/posts/draft", bearer: token).status == .ok)
            let whole = try await browser.api(.get, "/posts/\(members.slug)", bearer: token).object
            #expect(whole["teaser"] as? Bool == false)
            #expect((whole["html"] as? String)?.contains("hidden orchard") == true)
        }
    }

    @Test("A discussion: threads with their first replies, sorted, paged by cursor, held comments only to their author")
    func discussion() async throws {
        let site = try await TestSite()
        let rita = site.reader
        let bob = try await site.member("Bob")
        let first = try await site.comment("First", by: rita)
        let second = try await site.comment("Second", by: bob)
        let reply = try await site.comment("A reply", by: bob, replyTo: first.id)
        _ = try await site.actions.toggleLike(commentID: second.id, by: rita)
        let held = try await site.store.insertComment(
            NewComment(
                postID: site.post.id, parentID: nil, authorID: rita.id, bodyText: "Waiting", bodyHTML: "<p>Waiting</p>",
                createdAt: Date(), hold: HoldNote(reason: .policy)))
        let ritaToken = try await site.apiToken(for: rita)
        try await site.test { browser async throws in
            // Top: the liked comment first; the reply under its parent; the held one hidden
            let top = try await browser.api(.get, "/discussions/\(site.post.id)/comments?limit=1").object
            let page = try #require(top["comments"] as? [[String: Any]])
            #expect(page.compactMap { $0["id"] as? Int } == [Int(second.id.rawValue)])
            #expect(page.first?["likeCount"] as? Int == 1)
            #expect(page.first?["liked"] as? Bool == false)
            #expect(top["total"] as? Int == 3)
            let next = try #require(top["next"] as? String)
            let rest = try await browser.api(.get, "/discussions/\(site.post.id)/comments?limit=1&cursor=\(next)").object
            let thread = try #require((rest["comments"] as? [[String: Any]])?.first)
            #expect(thread["id"] as? Int == Int(first.id.rawValue))
            #expect(thread["replyCount"] as? Int == 1)
            let replies = try #require(thread["replies"] as? [[String: Any]])
            #expect(replies.first?["id"] as? Int == Int(reply.id.rawValue))
            #expect(replies.first?["parentId"] as? Int == Int(first.id.rawValue))
            #expect((replies.first?["author"] as? [String: Any])?["name"] as? String == "Bob")
            #expect(rest["next"] == nil)
            // Oldest first
            let old = try await browser.api(.get, "/discussions/\(site.post.id)/comments?sort=old").object
            #expect((old["comments"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [first, second].map { Int($0.id.rawValue) })
            // The author sees their held comment, marked held, and which they like
            let mine = try await browser.api(.get, "/discussions/\(site.post.id)/comments?sort=new", bearer: ritaToken).object
            let shown = try #require(mine["comments"] as? [[String: Any]])
            #expect(shown.first?["id"] as? Int == Int(held.id.rawValue))
            #expect(shown.first?["status"] as? String == "held")
            #expect(shown.first?["mine"] as? Bool == true)
            #expect(shown.first { $0["id"] as? Int == Int(second.id.rawValue) }?["liked"] as? Bool == true)
            // Others get a 404 for it
            #expect(try await browser.api(.get, "/comments/\(held.id)").status == .notFound)
            #expect(try await browser.api(.get, "/discussions/999999/comments").status == .notFound)
        }
    }

    @Test("One comment with its ancestors, and the replies under a comment a page at a time")
    func commentAndReplies() async throws {
        let site = try await TestSite()
        let bob = try await site.member("Bob")
        let root = try await site.comment("Root", by: site.reader)
        let middle = try await site.comment("Middle", by: bob, replyTo: root.id)
        let leaf = try await site.comment("Leaf", by: site.reader, replyTo: middle.id)
        var replies: [Domain.Comment] = []
        for n in 1...4 { replies.append(try await site.comment("Reply \(n)", by: bob, replyTo: root.id)) }
        let direct = replies
        try await site.test { browser async throws in
            let context = try await browser.api(.get, "/comments/\(leaf.id)").object
            let comment = try #require(context["comment"] as? [String: Any])
            #expect(comment["id"] as? Int == Int(leaf.id.rawValue))
            #expect((comment["html"] as? String)?.contains("Leaf") == true)
            let ancestors = try #require(context["ancestors"] as? [[String: Any]])
            #expect(ancestors.compactMap { $0["id"] as? Int } == [root, middle].map { Int($0.id.rawValue) })
            // Replies of the root, oldest first, two at a time
            let first = try await browser.api(.get, "/comments/\(root.id)/replies?limit=2").object
            let replies = try #require(first["comments"] as? [[String: Any]])
            #expect(replies.compactMap { $0["id"] as? Int } == [middle, direct[0]].map { Int($0.id.rawValue) })
            #expect(first["total"] as? Int == 6)
            var seen = replies.compactMap { $0["id"] as? Int }
            var cursor = first["next"] as? String
            for _ in 0..<5 {
                guard let next = cursor else { break }
                let page = try await browser.api(.get, "/comments/\(root.id)/replies?limit=2&cursor=\(next)").object
                seen += (page["comments"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
                cursor = page["next"] as? String
            }
            #expect(seen == ([middle] + direct).map { Int($0.id.rawValue) })
            let foreign = try await browser.api(.get, "/comments/\(root.id)/replies?cursor=\(leaf.id)")
            #expect(try foreign.problemFields == ["cursor"])
        }
    }

    @Test("Reads carry an ETag; sent back unchanged it is a 304, and a new comment changes it")
    func etags() async throws {
        let site = try await TestSite()
        try await site.comment("First", by: site.reader)
        try await site.test { browser async throws in
            for path in ["/posts", "/posts/\(site.post.slug)", "/discussions/\(site.post.id)/comments"] {
                let response = try await browser.api(.get, path)
                let tag = try #require(response.headers[.eTag], "\(path)")
                // An entity-tag in quotes, as RFC 9110 writes it (not URI-encoded)
                #expect(tag.hasPrefix("\"") && tag.hasSuffix("\"") && tag.count == 34, "\(tag)")
                #expect(response.headers[.cacheControl] == "private, no-cache")
                let again = try await browser.api(.get, path, headers: [.ifNoneMatch: tag])
                #expect(again.status == .notModified, "\(path)")
                #expect(again.body.readableBytes == 0)
                #expect(again.headers[.eTag] == tag)
            }
            let path = "/discussions/\(site.post.id)/comments"
            let tag = try #require(try await browser.api(.get, path).headers[.eTag])
            try await site.comment("Second", by: site.owner)
            let changed = try await browser.api(.get, path, headers: [.ifNoneMatch: tag])
            #expect(changed.status == .ok)
            #expect(changed.headers[.eTag] != tag)
        }
    }
}
