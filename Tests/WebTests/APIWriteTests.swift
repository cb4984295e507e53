import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@Suite("API: commenting, replying, editing, deleting, liking, reporting, subscribing")
struct APIWriteTests {
    @Test("A comment and a reply are made as the composer makes them, escaped first")
    func commentAndReply() async throws {
        let site = try await TestSite()
        let token = try await site.apiToken(for: site.reader)
        try await site.test { browser async throws in
            let path = "/discussions/\(site.post.id)/comments"
            let root = try await browser.api(.post, path, body: ["body": "Hello <b>there</b>"], bearer: token)
            #expect(root.status == .created)
            let made = try root.object
            #expect((made["html"] as? String)?.contains("Hello &lt;b&gt;there&lt;/b&gt;") == true)
            #expect(made["status"] as? String == "visible")
            #expect(made["parentId"] == nil)
            let rootID = try #require(made["id"] as? Int)
            let reply = try await browser.api(.post, path, body: ["body": "Replying", "parentId": rootID], bearer: token).object
            #expect(reply["parentId"] as? Int == rootID)
            #expect(try await site.fresh(site.post).commentCount == 2)
            // A reply to a comment that does not exist changes nothing
            let orphan = try await browser.api(.post, path, body: ["body": "Lost", "parentId": 999_999], bearer: token)
            #expect(orphan.status == .notFound)
            #expect(try orphan.problemFields == ["parentId"])
            #expect(try await site.fresh(site.post).commentCount == 2)
        }
    }

    @Test("A comment the rules hold is a 201 with status held")
    func heldComment() async throws {
        let site = try await TestSite()
        var settings = try await site.store.moderationSettings()
        settings.holdWords = ["casino"]
        try await site.store.updateModerationSettings(
            settings, audit: NewAuditEntry(at: Date(), actorID: site.owner.id, action: .moderationSettings))
        let token = try await site.apiToken(for: site.reader)
        try await site.test { browser async throws in
            let response = try await browser.api(
                .post, "/discussions/\(site.post.id)/comments", body: ["body": "Try the casino"], bearer: token)
            #expect(response.status == .created)
            #expect(try response.object["status"] as? String == "held")
            #expect(try await site.fresh(site.post).commentCount == 0)
        }
    }

    @Test("Only its author edits a comment, which is then marked edited")
    func editing() async throws {
        let site = try await TestSite()
        let mine = try await site.comment("Frist", by: site.reader)
        let bob = try await site.member("Bob")
        let reader = try await site.apiToken(for: site.reader)
        let other = try await site.apiToken(for: bob)
        try await site.test { browser async throws in
            let refused = try await browser.api(.patch, "/comments/\(mine.id)", body: ["body": "Mine now"], bearer: other)
            #expect(refused.status == .forbidden)
            #expect(try refused.problemFields == ["commentId"])
            let edited = try await browser.api(.patch, "/comments/\(mine.id)", body: ["body": "First"], bearer: reader)
            #expect(edited.status == .ok)
            #expect(try edited.object["editedAt"] is String)
            #expect(try await site.store.comment(id: mine.id)?.bodyText == "First")
            let missing = try await browser.api(.patch, "/comments/999999", body: ["body": "x"], bearer: reader)
            #expect(missing.status == .notFound)
        }
    }

    @Test("Deleting leaves a placeholder when there are replies, removes the comment otherwise")
    func deleting() async throws {
        let site = try await TestSite()
        let parent = try await site.comment("Parent", by: site.reader)
        try await site.comment("Child", by: site.owner, replyTo: parent.id)
        let lone = try await site.comment("Lone", by: site.reader)
        let bob = try await site.member("Bob")
        let token = try await site.apiToken(for: site.reader)
        let bobs = try await site.apiToken(for: bob)
        try await site.test { browser async throws in
            #expect(try await browser.api(.delete, "/comments/\(lone.id)", bearer: bobs).status == .forbidden)
            let placeholder = try await browser.api(.delete, "/comments/\(parent.id)", bearer: token)
            #expect(try placeholder.object["outcome"] as? String == "placeholder")
            let removed = try await browser.api(.delete, "/comments/\(lone.id)", bearer: token)
            #expect(try removed.object["outcome"] as? String == "removed")
            // The placeholder reads as deleted, without author or text
            let shown = try await browser.api(.get, "/comments/\(parent.id)").object
            let comment = try #require(shown["comment"] as? [String: Any])
            #expect(comment["status"] as? String == "deleted")
            #expect(comment["html"] as? String == "")
            #expect(comment["author"] == nil)
            #expect(try await browser.api(.delete, "/comments/\(lone.id)", bearer: token).status == .notFound)
        }
    }

    @Test("Like is a PUT and unlike a DELETE: each may be repeated, one like per member")
    func likes() async throws {
        let site = try await TestSite()
        let comment = try await site.comment("Like me", by: site.owner)
        let token = try await site.apiToken(for: site.reader)
        try await site.test { browser async throws in
            for _ in 0..<2 {
                let liked = try await browser.api(.put, "/comments/\(comment.id)/like", bearer: token).object
                #expect(liked["liked"] as? Bool == true)
                #expect(liked["count"] as? Int == 1)
            }
            for _ in 0..<2 {
                let unliked = try await browser.api(.delete, "/comments/\(comment.id)/like", bearer: token).object
                #expect(unliked["liked"] as? Bool == false)
                #expect(unliked["count"] as? Int == 0)
            }
            #expect(try await site.store.comment(id: comment.id)?.likeCount == 0)
            let anonymous = try await browser.api(.put, "/comments/\(comment.id)/like")
            #expect(anonymous.status == .unauthorized)
            #expect(try await browser.api(.put, "/comments/999999/like", bearer: token).status == .notFound)
        }
    }

    @Test("Reports: once per member, never one's own, words needed for 'other'")
    func reports() async throws {
        let site = try await TestSite()
        let theirs = try await site.comment("Buy now", by: site.owner)
        let mine = try await site.comment("Mine", by: site.reader)
        let token = try await site.apiToken(for: site.reader)
        try await site.test { browser async throws in
            let path = "/comments/\(theirs.id)/reports"
            let first = try await browser.api(.post, path, body: ["reason": "spam"], bearer: token)
            #expect(first.status == .created)
            #expect(try first.object["alreadyReported"] as? Bool == false)
            let again = try await browser.api(.post, path, body: ["reason": "spam"], bearer: token).object
            #expect(again["alreadyReported"] as? Bool == true)
            let own = try await browser.api(.post, "/comments/\(mine.id)/reports", body: ["reason": "abuse"], bearer: token)
            #expect(own.status == .forbidden)
            let wordless = try await browser.api(.post, "/comments/\(mine.id)/reports", body: ["reason": "other"], bearer: token)
            #expect(wordless.status == .unprocessableContent)
            #expect(try wordless.problemFields == ["text"])
            #expect(try await site.store.reports(commentID: theirs.id).count == 1)
        }
    }

    @Test("Subscribing answers pending whatever the address; a bad address names email")
    func subscribing() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            let response = try await browser.api(.post, "/subscriptions", body: ["email": "new@example.com"])
            #expect(response.status == .accepted)
            #expect(try response.object["status"] as? String == "pending")
            #expect(try await site.store.subscriber(email: "new@example.com")?.status == .pending)
            let bad = try await browser.api(.post, "/subscriptions", body: ["email": "not an address"])
            #expect(bad.status == .unprocessableContent)
            #expect(try bad.problemFields == ["email"])
        }
    }
}
