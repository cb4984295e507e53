import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@Suite("API: the moderation queue, decisions, bans and roles (staff)")
struct APIModerationTests {
    /// A comment the publication's rules held, written straight to the store.
    static func held(_ site: TestSite, by member: Member, _ text: String = "Waiting") async throws -> Domain.Comment {
        try await site.store.insertComment(
            NewComment(
                postID: site.post.id, parentID: nil, authorID: member.id, bodyText: text, bodyHTML: "<p>\(text)</p>",
                createdAt: Date(), hold: HoldNote(reason: .policy)))
    }

    @Test("The queue is staff's: members get a 403, nobody a 401; staff page through a tab with its counts")
    func queue() async throws {
        let site = try await TestSite()
        var waiting: [Int] = []
        for n in 1...3 { waiting.append(Int(try await Self.held(site, by: site.reader, "Held \(n)").id.rawValue)) }
        let held = waiting
        let moderator = try await site.member("Mo", role: .moderator)
        let staff = try await site.apiToken(for: moderator)
        let member = try await site.apiToken(for: site.reader)
        try await site.test { browser async throws in
            #expect(try await browser.api(.get, "/moderation/queue").status == .unauthorized)
            let refused = try await browser.api(.get, "/moderation/queue", bearer: member)
            #expect(refused.status == .forbidden)
            #expect(refused.isProblem)
            let first = try await browser.api(.get, "/moderation/queue?tab=held&limit=2", bearer: staff).object
            let items = try #require(first["items"] as? [[String: Any]])
            #expect(items.count == 2)
            #expect((items.first?["comment"] as? [String: Any])?["status"] as? String == "held")
            #expect(items.first?["reasons"] as? [String] == ["policy"])
            #expect(items.first?["postTitle"] as? String == "First post")
            #expect((first["counts"] as? [String: Any])?["held"] as? Int == 3)
            let next = try #require(first["next"] as? String)
            let rest = try await browser.api(.get, "/moderation/queue?tab=held&limit=2&cursor=\(next)", bearer: staff).object
            let ids =
                (items + (rest["items"] as? [[String: Any]] ?? [])).compactMap { ($0["comment"] as? [String: Any])?["id"] as? Int }
            #expect(Set(ids) == Set(held))
            #expect(rest["next"] == nil)
            #expect(try await browser.api(.get, "/moderation/queue?cursor=x.y", bearer: staff).status == .badRequest)
        }
    }

    @Test("Approve, reject, remove, restore, pin and highlight, each the queue's use case")
    func decisions() async throws {
        let site = try await TestSite()
        let waiting = try await Self.held(site, by: site.reader)
        let visible = try await site.comment("Visible", by: site.reader)
        let staff = try await site.apiToken(for: site.owner)
        let member = try await site.apiToken(for: site.reader)
        try await site.test { browser async throws in
            let path = "/moderation/comments/\(waiting.id)"
            let refused = try await browser.api(.post, path, body: ["action": "approve"], bearer: member)
            #expect(refused.status == .forbidden)
            #expect(try await site.store.comment(id: waiting.id)?.status == .held)
            let approved = try await browser.api(.post, path, body: ["action": "approve"], bearer: staff)
            #expect(approved.status == .ok)
            #expect(try approved.object["status"] as? String == "visible")
            let removed = try await browser.api(.post, path, body: ["action": "remove", "reason": "Off topic"], bearer: staff).object
            #expect(removed["status"] as? String == "removed")
            #expect(try await browser.api(.post, path, body: ["action": "remove"], bearer: staff).status == .notFound)
            let restored = try await browser.api(.post, path, body: ["action": "restore"], bearer: staff).object
            #expect(restored["status"] as? String == "visible")
            let pinned = try await browser.api(.post, "/moderation/comments/\(visible.id)", body: ["action": "pin"], bearer: staff).object
            #expect(pinned["pinned"] as? Bool == true)
            #expect(try await site.fresh(site.post).pinnedCommentID == visible.id)
            // Unpinning another comment leaves the pin where it is
            _ = try await browser.api(.post, path, body: ["action": "unpin"], bearer: staff)
            #expect(try await site.fresh(site.post).pinnedCommentID == visible.id)
            let unpinned = try await browser.api(.post, "/moderation/comments/\(visible.id)", body: ["action": "unpin"], bearer: staff)
            #expect(try unpinned.object["pinned"] as? Bool == false)
            let highlighted = try await browser.api(
                .post, "/moderation/comments/\(visible.id)", body: ["action": "highlight"], bearer: staff
            ).object
            #expect(highlighted["highlighted"] as? Bool == true)
            let rejected = try await browser.api(.post, "/moderation/comments/\(visible.id)", body: ["action": "reject"], bearer: staff)
            #expect(try rejected.object["status"] as? String == "removed")
            let unknown = try await browser.api(.post, "/moderation/comments/999999", body: ["action": "approve"], bearer: staff)
            #expect(unknown.status == .notFound)
            #expect(try unknown.problemFields == ["commentId"])
            let long = try await browser.api(
                .post, path, body: ["action": "remove", "reason": String(repeating: "x", count: 501)], bearer: staff)
            #expect(long.status == .unprocessableContent)
            #expect(try long.problemFields == ["reason"])
        }
    }

    @Test("A ban for some days, removing the member's comments; then lifted; staff cannot be banned")
    func bans() async throws {
        let site = try await TestSite()
        try await site.comment("Spam 1", by: site.reader)
        try await site.comment("Spam 2", by: site.reader)
        let moderator = try await site.member("Mo", role: .moderator)
        let staff = try await site.apiToken(for: moderator)
        let member = try await site.apiToken(for: site.reader)
        try await site.test { browser async throws in
            let path = "/moderation/members/\(site.reader.id)/ban"
            #expect(try await browser.api(.put, path, body: ["reason": "Spam"], bearer: member).status == .forbidden)
            let ban = try await browser.api(.put, path, body: ["reason": "Spam", "days": 7, "removeComments": true], bearer: staff)
            #expect(ban.status == .ok)
            #expect(try ban.object["removedComments"] as? Int == 2)
            #expect(try ban.object["until"] is String)
            #expect(try await site.fresh(site.post).commentCount == 0)
            // The banned member may not comment
            let comment = try await browser.api(.post, "/discussions/\(site.post.id)/comments", body: ["body": "Hi"], bearer: member)
            #expect(comment.status == .forbidden)
            let days = try await browser.api(.put, path, body: ["reason": "Spam", "days": 0], bearer: staff)
            #expect(try days.problemFields == ["days"])
            let staffBan = try await browser.api(.put, "/moderation/members/\(site.owner.id)/ban", body: ["reason": "No"], bearer: staff)
            #expect(staffBan.status == .forbidden)
            #expect(try staffBan.problemFields == ["memberId"])
            #expect(try await browser.api(.delete, path, bearer: staff).status == .noContent)
            #expect(try await site.store.ban(memberID: site.reader.id) == nil)
            #expect(try await browser.api(.delete, "/moderation/members/999999/ban", bearer: staff).status == .notFound)
        }
    }

    @Test("Roles: admins make moderators, only an owner makes admins, the last owner stays")
    func roles() async throws {
        let site = try await TestSite()
        let admin = try await site.member("Ada", role: .admin)
        let adminToken = try await site.apiToken(for: admin)
        let ownerToken = try await site.apiToken(for: site.owner)
        let member = try await site.apiToken(for: site.reader)
        try await site.test { browser async throws in
            let path = "/members/\(site.reader.id)/role"
            #expect(try await browser.api(.put, path, body: ["role": "moderator"], bearer: member).status == .forbidden)
            let made = try await browser.api(.put, path, body: ["role": "moderator"], bearer: adminToken)
            #expect(made.status == .ok)
            #expect(try made.object["role"] as? String == "moderator")
            let senior = try await browser.api(.put, path, body: ["role": "admin"], bearer: adminToken)
            #expect(senior.status == .forbidden)
            #expect(try senior.problemFields == ["role"])
            #expect(try await browser.api(.put, path, body: ["role": "admin"], bearer: ownerToken).status == .ok)
            let last = try await browser.api(.put, "/members/\(site.owner.id)/role", body: ["role": "member"], bearer: ownerToken)
            #expect(last.status == .unprocessableContent)
            #expect(try await site.store.member(id: site.owner.id)?.role == .owner)
            #expect(try await browser.api(.put, path, body: ["role": "king"], bearer: ownerToken).status == .unprocessableContent)
        }
    }
}
