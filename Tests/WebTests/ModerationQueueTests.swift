import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import UseCases

/// The moderation queue, the ban pages, the members page, the audit log and the moderation
/// settings, through HTTP on the real application.
@Suite("Staff work the moderation queue in the browser")
struct ModerationQueueTests {
    /// A site that holds every comment, with a moderator.
    static func holdingSite() async throws -> (TestSite, Member) {
        let site = try await TestSite()
        let moderator = try await site.member("Maud", role: .moderator)
        var settings = ModerationSettings.defaults
        settings.holdPolicy = .everything
        settings.reportsToHold = 5
        try await site.actions.updateModerationSettings(settings, by: site.owner)
        return (site, moderator)
    }

    @Test("Each tab shows its comments: held with the hold reason, reported with the reports, then approved and removed after decisions")
    func tabs() async throws {
        let (site, moderator) = try await Self.holdingSite()
        let parent = try await site.comment("The parent comment, visible to all", by: moderator)
        let held = try await site.comment("Please hold <this> one", by: site.reader, replyTo: parent.id)
        #expect(held.status == .held)
        let critic = try await site.member("Carl")
        _ = try await site.actions.reportComment(id: parent.id, reason: .other, text: "Rude & <loud>", by: critic)
        try await site.test { browser async throws in
            try await browser.signIn(moderator.email)
            let heldTab = try await browser.get("/dashboard/moderation?tab=held")
            #expect(heldTab.status == .ok)
            #expect(heldTab.text.contains("id=\"q-\(held.id)\""))
            #expect(heldTab.text.contains("Please hold &lt;this&gt; one"))
            #expect(heldTab.text.contains("the publication holds comments like this one"))
            #expect(heldTab.text.contains("In reply to"))
            #expect(heldTab.text.contains("The parent comment, visible to all"))
            #expect(heldTab.text.contains("On First post"))
            #expect(heldTab.text.contains("href=\"/members/\(site.reader.id)\""))
            #expect(heldTab.text.contains("href=\"/dashboard/members/\(site.reader.id)/ban\""))
            let reportedTab = try await browser.get("/dashboard/moderation")
            #expect(reportedTab.text.contains("id=\"q-\(parent.id)\""))
            #expect(!reportedTab.text.contains("id=\"q-\(held.id)\""))
            #expect(reportedTab.text.contains("Rude &amp; &lt;loud&gt;"))
            #expect(reportedTab.text.contains("<strong>Other</strong>"))

            let approved = try await browser.post(
                "/dashboard/moderation/\(held.id)/approve", form: ["next": "/dashboard/moderation?tab=held"])
            #expect(approved.status == .seeOther)
            #expect(approved.location == "/dashboard/moderation?tab=held&done=approve")
            #expect(try await browser.get(approved.location ?? "").text.contains("Approved."))
            #expect(try await site.store.comment(id: held.id)?.status == .visible)
            #expect(try await browser.get("/dashboard/moderation?tab=approved").text.contains("id=\"q-\(held.id)\""))

            let removed = try await browser.post("/dashboard/moderation/\(parent.id)/remove", form: ["reason": "Off the rails"])
            #expect(removed.status == .seeOther)
            let removedTab = try await browser.get("/dashboard/moderation?tab=removed")
            #expect(removedTab.text.contains("id=\"q-\(parent.id)\""))
            #expect(removedTab.text.contains("Off the rails"))
            #expect(removedTab.text.contains("/dashboard/moderation/\(parent.id)/restore"))
        }
    }

    @Test("Bulk approve lets every ticked comment through in one form, and the post counts them")
    func bulkApprove() async throws {
        let (site, moderator) = try await Self.holdingSite()
        var held: [Domain.Comment] = []
        for n in 1...3 { held.append(try await site.comment("Held number \(n)", by: site.reader)) }
        let picked = held
        let untouched = try await site.comment("Left alone", by: site.reader)
        #expect(try await site.fresh(site.post).commentCount == 0)
        try await site.test { browser async throws in
            try await browser.signIn(moderator.email)
            let page = try await browser.get("/dashboard/moderation?tab=held")
            #expect(page.text.contains("id=\"bulk-form\""))
            #expect(occurrences(of: "form=\"bulk-form\"", in: page.text) == 4)
            var form = ["decision": "approve", "next": "/dashboard/moderation?tab=held"]
            for comment in picked { form["pick-\(comment.id)"] = "1" }
            let response = try await browser.post("/dashboard/moderation/bulk", form: form)
            #expect(response.status == .seeOther)
            let json = try await browser.post("/dashboard/moderation/bulk", form: ["decision": "approve"], json: true)
            #expect(json.status == .unprocessableContent)
        }
        for comment in held { #expect(try await site.store.comment(id: comment.id)?.status == .visible) }
        #expect(try await site.store.comment(id: untouched.id)?.status == .held)
        #expect(try await site.fresh(site.post).commentCount == 3)
        #expect(try await site.store.moderationCounts()[.held] == 1)
    }

    @Test("With JavaScript a decision answers JSON: the comment, its status and what to announce")
    func jsonDecision() async throws {
        let (site, moderator) = try await Self.holdingSite()
        let held = try await site.comment("Decide me", by: site.reader)
        try await site.test { browser async throws in
            try await browser.signIn(moderator.email)
            let response = try await browser.post("/dashboard/moderation/\(held.id)/reject", form: ["reason": ""], json: true)
            #expect(response.status == .ok)
            #expect(response.text == "{\"ids\":[\(held.id)],\"message\":\"Rejected.\",\"status\":\"removed\"}")
            let again = try await browser.post("/dashboard/moderation/\(held.id)/reject", form: [:], json: true)
            #expect(again.status == .notFound)
        }
    }

    @Test("A ban needs a reason; staff see it on the member's page with Unban, the member does not")
    func banFlow() async throws {
        let (site, moderator) = try await Self.holdingSite()
        _ = try await site.comment("Spam spam", by: site.reader)
        try await site.test { browser async throws in
            try await browser.signIn(moderator.email)
            let form = try await browser.get("/dashboard/members/\(site.reader.id)/ban")
            #expect(form.text.contains("name=\"remove_comments\""))
            for duration in ["1d", "7d", "30d", "forever"] { #expect(form.text.contains("value=\"\(duration)\"")) }
            let refused = try await browser.post("/dashboard/members/\(site.reader.id)/ban", form: ["reason": "  ", "duration": "7d"])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("id=\"ban-reason-error\""))
            #expect(try await site.store.ban(memberID: site.reader.id) == nil)
            // A duration the form never offers is refused too, and bans no one.
            let madeUp = try await browser.post("/dashboard/members/\(site.reader.id)/ban", form: ["reason": "spam", "duration": "17d"])
            #expect(madeUp.status == .unprocessableContent)
            #expect(try await site.store.ban(memberID: site.reader.id) == nil)
            let banned = try await browser.post(
                "/dashboard/members/\(site.reader.id)/ban",
                form: ["reason": "Selling <pills>", "duration": "forever", "remove_comments": "1"])
            #expect(banned.status == .seeOther)
            let page = try await browser.get(banned.location ?? "")
            #expect(page.text.contains("Banned; 1 comment removed."))
            #expect(page.text.contains("Banned for good"))
            #expect(page.text.contains("Selling &lt;pills&gt;"))
            #expect(page.text.contains("Maud"))
            #expect(page.text.contains("/dashboard/members/\(site.reader.id)/unban"))
        }
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            #expect(try await browser.post("/dashboard/members/\(site.reader.id)/unban").status == .seeOther)
            #expect(try await site.store.ban(memberID: site.reader.id)?.isActive(at: Date()) != true)
        }
        try await site.test { browser async throws in
            let page = try await browser.get("/members/\(site.reader.id)")
            #expect(!page.text.contains("ban-heading"))
        }
    }

    @Test("Owners and admins find members, set a role, and see it in the audit log with its text escaped")
    func membersAndAudit() async throws {
        let site = try await TestSite()
        let admin = try await site.member("Ada", role: .admin)
        try await site.test { browser async throws in
            try await browser.signIn(admin.email)
            let list = try await browser.get("/dashboard/members?q=rita")
            #expect(list.text.contains("Rita Reader"))
            #expect(!list.text.contains("Olive Owner"))
            let byRole = try await browser.get("/dashboard/members?role=owner")
            #expect(byRole.text.contains("Olive Owner"))
            #expect(!byRole.text.contains("Rita Reader"))
            let set = try await browser.post("/dashboard/members/\(site.reader.id)/role", form: ["role": "moderator"])
            #expect(set.status == .seeOther)
            #expect(try await site.store.member(id: site.reader.id)?.role == .moderator)
            // A role that does not exist changes nothing.
            let madeUp = try await browser.post("/dashboard/members/\(site.reader.id)/role", form: ["role": "emperor"])
            #expect(madeUp.status == .unprocessableContent)
            #expect(try await site.store.member(id: site.reader.id)?.role == .moderator)
            let owner = try await browser.post("/dashboard/members/\(site.reader.id)/role", form: ["role": "owner"])
            #expect(owner.status == .forbidden)
            #expect(try await site.store.member(id: site.reader.id)?.role == .moderator)
            let audit = try await browser.get("/dashboard/audit?action=set_role")
            #expect(audit.status == .ok)
            #expect(audit.text.contains("set role"))
            #expect(audit.text.contains("Rita Reader"))
            #expect(try await browser.get("/dashboard/audit?action=ban").text.contains("No entries."))
        }
        _ = try await site.actions.removeComment(
            id: try await site.comment("<script>alert(1)</script>", by: site.owner).id, reason: "<b>why</b>", by: site.owner)
        try await site.test { browser async throws in
            try await browser.signIn(admin.email)
            let audit = try await browser.get("/dashboard/audit?action=remove")
            #expect(audit.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(audit.text.contains("&lt;b&gt;why&lt;/b&gt;"))
            #expect(!audit.text.contains("<script>alert"))
        }
    }

    @Test("Moderation settings save; a bad number is refused next to its field and nothing changes")
    func settings() async throws {
        let site = try await TestSite()
        let good = [
            "hold_policy": "first", "hold_count": "2", "max_links": "1", "reports_to_hold": "4",
            "hold_words": "Casino\nfree money\n\ncasino", "block_words": "viagra", "auto_close_days": "14", "spam_threshold": "0.8",
        ]
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let saved = try await browser.post("/dashboard/settings/moderation", form: good)
            #expect(saved.status == .seeOther)
            let expected = ModerationSettings(
                holdPolicy: .firstComments(count: 2), maxLinks: 1, reportsToHold: 4, holdWords: ["casino", "free money"],
                blockWords: ["viagra"], autoCloseDays: 14, spamThreshold: 0.8)
            #expect(try await site.store.moderationSettings() == expected)
            let page = try await browser.get(saved.location ?? "")
            #expect(page.text.contains("Saved."))
            #expect(page.text.contains("value=\"first\" checked"))
            for (field, bad) in [("max_links", "-1"), ("reports_to_hold", "lots"), ("spam_threshold", "1.5"), ("hold_policy", "maybe")] {
                var form = good
                form[field] = bad
                let refused = try await browser.post("/dashboard/settings/moderation", form: form)
                #expect(refused.status == .unprocessableContent, "\(field)")
                #expect(refused.text.contains("id=\"modset-\(field)-error\""), "\(field)")
                if field != "hold_policy" { #expect(refused.text.contains("value=\"\(bad)\""), "\(field) keeps what was typed") }
                #expect(try await site.store.moderationSettings() == expected)
            }
        }
    }
}
