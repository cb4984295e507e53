import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import UseCases
import Web

/// Moderation as readers and staff use it on discussion pages: reports, mutes, badges, and
/// the staff's buttons on cards, with who may use each.
@Suite("Reports, mutes, badges and staff buttons on discussion pages")
struct ReaderModerationTests {
    @Test("A member reports a comment once without JavaScript; a second report is told it was already received")
    func reportOnce() async throws {
        let site = try await TestSite()
        let bob = try await site.member("Bob")
        let bobs = try await site.comment("Something rude", by: bob)
        let path = "/p/\(site.post.slug)/comment/\(bobs.id)/report"
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            // The card offers Report, which opens the form
            #expect(try await browser.get("/p/\(site.post.slug)").text.contains("href=\"\(path)\""))
            let form = try await browser.get(path)
            #expect(form.status == .ok && form.text.contains("name=\"reason\"") && form.text.contains("Something rude"))
            // "Something else" needs words: the form comes back with the choice kept
            let refused = try await browser.post(path, form: ["reason": "other", "text": " "])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("value=\"other\" required checked"))
            // When sent with a reason
            let sent = try await browser.post(path, form: ["reason": "abuse", "text": "Insults"])
            #expect(sent.status == .seeOther)
            let thanks = try await browser.get(try #require(sent.location)).text
            #expect(thanks.contains("Thanks, we received your report."))
            // A second report changes nothing and says so
            let again = try await browser.post(path, form: ["reason": "spam"])
            #expect(try await browser.get(try #require(again.location)).text.contains("You already reported this comment"))
            // Members do not report their own comments
            let mine = try await site.comment("Mine", by: site.reader)
            #expect(try await browser.post("/p/\(site.post.slug)/comment/\(mine.id)/report", form: ["reason": "spam"]).status == .forbidden)
        }
        let reports = try await site.store.reports(commentID: bobs.id)
        #expect(reports.count == 1 && reports.first?.reason == .abuse && reports.first?.text == "Insults")
    }

    @Test("A new member reporting comment after comment is stopped at the report limit with 429, and the report is not recorded")
    func reportsLimited() async throws {
        let site = try await TestSite()
        let limit = try #require(RateLimits.standard[.report].perNewMember.map(\.count).min())
        var written: [Domain.Comment] = []
        for index in 0...limit { written.append(try await site.comment("Comment \(index)", by: site.owner)) }
        let comments = written
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            for comment in comments.prefix(limit) {
                let sent = try await browser.post("/p/\(site.post.slug)/comment/\(comment.id)/report", form: ["reason": "spam"], json: true)
                #expect(sent.status == .ok)
            }
            let refused = try await browser.post("/p/\(site.post.slug)/comment/\(comments[limit].id)/report", form: ["reason": "spam"])
            #expect(refused.status == .tooManyRequests && refused.headers[.retryAfter] != nil)
        }
        #expect(try await site.store.reports(commentID: comments[limit].id).isEmpty)
    }

    @Test("A comment reported by K distinct members is held, and leaves the page")
    func reportsHold() async throws {
        let site = try await TestSite()
        var settings = try await site.store.moderationSettings()
        settings.reportsToHold = 2
        try await site.actions.updateModerationSettings(settings, by: site.owner)
        let bob = try await site.member("Bob")
        let bobs = try await site.comment("Buy followers here", by: bob)
        #expect(try await site.actions.reportComment(id: bobs.id, reason: .spam, text: "", by: site.reader) == .recorded(openReports: 1))
        #expect(try await site.actions.reportComment(id: bobs.id, reason: .spam, text: "", by: site.reader) == .alreadyReported)
        let cat = try await site.member("Cat")
        #expect(try await site.actions.reportComment(id: bobs.id, reason: .spam, text: "", by: cat) == .held(openReports: 2))
        #expect(try await site.store.comment(id: bobs.id)?.status == .held)
        #expect(try await site.fresh(site.post).commentCount == 0)
        try await site.test { browser async throws in
            #expect(!(try await browser.get("/p/\(site.post.slug)").text.contains("Buy followers here")))
        }
    }

    @Test("Muting a member collapses their comments for the muter only")
    func muteCollapses() async throws {
        let site = try await TestSite()
        let bob = try await site.member("Bob")
        let cat = try await site.member("Cat")
        try await site.comment("Bob speaking", by: bob)
        try await site.test { browser async throws in
            try await browser.signIn(cat.email)
            let memberPage = try await browser.get("/members/\(bob.id)").text
            #expect(memberPage.contains("action=\"/members/\(bob.id)/mute\"") && memberPage.contains(">Mute</button>"))
            #expect(try await browser.post("/members/\(bob.id)/mute", form: ["mute": "1"]).status == .seeOther)
            #expect(try await browser.get("/members/\(bob.id)").text.contains(">Unmute</button>"))
            let page = try await browser.get("/p/\(site.post.slug)").text
            #expect(page.contains("<details class=\"muted-comment\"><summary>Comment by a muted member</summary>"))
            #expect(page.contains("Bob speaking"))
        }
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let page = try await browser.get("/p/\(site.post.slug)").text
            #expect(!page.contains("muted-comment") && page.contains("Bob speaking"))
        }
        try await site.actions.setMuted(false, target: bob.id, by: cat)
        #expect(try await site.store.mutedMemberIDs(memberID: cat.id).isEmpty)
    }

    @Test("Cards carry Author, Staff and Subscriber badges, and Pinned and Highlighted marks")
    func badges() async throws {
        let site = try await TestSite()
        let mo = try await site.member("Mo", role: .moderator)
        let sub = try await site.member("Sue")
        #expect(try await site.store.insertSubscriber(email: sub.email, createdAt: Date().truncatedToMilliseconds))
        let byAuthor = try await site.comment("From the author", by: site.owner)
        try await site.comment("From staff", by: mo)
        let bySubscriber = try await site.comment("From a subscriber", by: sub)
        try await site.comment("From a reader", by: site.reader)
        try await site.actions.setPinned(bySubscriber.id, postID: site.post.id, by: mo)
        try await site.actions.setFeatured(true, commentID: byAuthor.id, by: mo)
        try await site.test { browser async throws in
            let page = try await browser.get("/p/\(site.post.slug)/comments").text
            func card(_ id: CommentID) -> String {
                let start = page.range(of: "id=\"comment-\(id)\"")!.lowerBound
                return String(page[start...].prefix(1500))
            }
            #expect(card(byAuthor.id).contains("<span class=\"badge\">Author</span>"))
            #expect(card(byAuthor.id).contains("<span class=\"badge highlighted\">Highlighted</span>"))
            #expect(page.contains("<span class=\"badge staff\">Staff</span>"))
            #expect(card(bySubscriber.id).contains("<span class=\"badge subscriber\">Subscriber</span>"))
            #expect(card(bySubscriber.id).contains("<span class=\"badge pinned\">Pinned</span>"))
            #expect(occurrences(of: "badge subscriber", in: page) == 1)
            // The pinned comment comes first, whatever the sort
            let first = try #require(DiscussionTests.cardIDs(page).first)
            #expect(first == bySubscriber.id.rawValue)
            let newest = try await browser.get("/p/\(site.post.slug)/comments?sort=new").text
            #expect(DiscussionTests.cardIDs(newest).first == bySubscriber.id.rawValue)
        }
    }

    @Test("Staff remove a comment (a placeholder keeps its replies' place for others) and restore it")
    func removeAndRestore() async throws {
        let site = try await TestSite()
        let bob = try await site.member("Bob")
        let bobs = try await site.comment("Out of line", by: bob)
        try await site.comment("A reply to it", by: site.reader, replyTo: bobs.id)
        let base = "/p/\(site.post.slug)/comment/\(bobs.id)"
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            #expect(try await browser.get("/p/\(site.post.slug)").text.contains("action=\"\(base)/remove\""))
            #expect(try await browser.post(base + "/remove").status == .seeOther)
            let staffPage = try await browser.get(base).text
            #expect(staffPage.contains("Out of line") && staffPage.contains("Removed by moderators"))
            #expect(staffPage.contains("action=\"\(base)/restore\""))
        }
        #expect(try await site.fresh(site.post).commentCount == 1)
        try await site.test { browser async throws in
            let page = try await browser.get("/p/\(site.post.slug)").text
            #expect(!page.contains("Out of line") && page.contains("This comment is hidden.") && page.contains("A reply to it"))
        }
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            #expect(try await browser.post(base + "/restore").status == .seeOther)
        }
        #expect(try await site.fresh(site.post).commentCount == 2)
        #expect(try await site.store.comment(id: bobs.id)?.status == .visible)
    }

    @Test("A member cannot pin, highlight, remove, restore or change discussion settings; nothing changes")
    func membersMayNot() async throws {
        let site = try await TestSite()
        let bob = try await site.member("Bob")
        let bobs = try await site.comment("Bob's", by: bob)
        let removed = try await site.comment("Removed one", by: bob)
        _ = try await site.actions.removeComment(id: removed.id, reason: "", by: site.owner)
        let base = "/p/\(site.post.slug)/comment"
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let page = try await browser.get("/p/\(site.post.slug)").text
            #expect(!page.contains("/pin\"") && !page.contains("/feature\"") && !page.contains("/remove\""))
            #expect(!page.contains("Discussion settings"))
            let before = try await site.store.exportSite()
            for (path, form) in [
                ("\(base)/\(bobs.id)/pin", ["pin": "1"]), ("\(base)/\(bobs.id)/feature", ["feature": "1"]),
                ("\(base)/\(bobs.id)/remove", [:]), ("\(base)/\(removed.id)/restore", [:]),
                ("/p/\(site.post.slug)/discussion", ["setting": "closed"]),
            ] {
                for json in [false, true] {
                    let response = try await browser.post(path, form: form, json: json)
                    // A removed comment does not exist for a member: 404, so its id tells nothing.
                    let refused: HTTPResponse.Status = path.hasSuffix("\(removed.id)/restore") ? .notFound : .forbidden
                    #expect(response.status == refused, "\(path) answered \(response.status)")
                }
            }
            #expect(try await browser.get("/p/\(site.post.slug)/discussion").status == .forbidden)
            var after = try await site.store.exportSite()
            after.sessions = before.sessions
            #expect(after == before)
        }
        // Signed out, the settings page sends to sign in
        try await site.test { browser async throws in
            let response = try await browser.get("/p/\(site.post.slug)/discussion")
            #expect(response.status == .seeOther && response.location?.hasPrefix("/sign-in") == true)
        }
    }

    @Test("Staff set a post's discussion from its settings page without JavaScript; a bad number is refused with the choice kept")
    func discussionSettingsPage() async throws {
        let site = try await TestSite()
        let mo = try await site.member("Mo", role: .moderator)
        let path = "/p/\(site.post.slug)/discussion"
        try await site.test { browser async throws in
            try await browser.signIn(mo.email)
            #expect(try await browser.get("/p/\(site.post.slug)").text.contains("href=\"\(path)\""))
            let form = try await browser.get(path)
            #expect(form.status == .ok && form.text.contains("value=\"open\" checked"))
            let refused = try await browser.post(path, form: ["setting": "subscribers", "auto_close_days": "0"])
            #expect(refused.status == .unprocessableContent && refused.text.contains("value=\"subscribers\" checked"))
            #expect(refused.text.contains("Enter a whole number from 1 to 3650."))
            let saved = try await browser.post(path, form: ["setting": "subscribers", "auto_close_days": "14"])
            #expect(saved.status == .seeOther)
            #expect(try await browser.get(try #require(saved.location)).text.contains("Saved."))
        }
        let post = try await site.fresh(site.post)
        #expect(post.discussion == .subscribers && post.autoCloseDays == 14)
        let audit = try await site.store.auditLog(filter: AuditFilter(action: .discussionSettings), before: nil, limit: 5)
        #expect(audit.count == 1 && audit.first?.actorID == mo.id)
    }

    @Test("A rejection with a reason is mailed to the author")
    func rejectionMailed() async throws {
        let site = try await TestSite()
        var settings = try await site.store.moderationSettings()
        settings.holdPolicy = .everything
        try await site.actions.updateModerationSettings(settings, by: site.owner)
        let held = try await site.comment("Held words", by: site.reader)
        _ = try await site.actions.rejectComment(id: held.id, reason: "Please stay on topic.", by: site.owner)
        let letter = try #require(try await site.mail(to: site.reader.email).first)
        #expect(letter.subject.contains("was not published"))
        #expect(letter.text.contains("Please stay on topic.") && letter.text.contains("Held words"))
        #expect(try await site.store.comment(id: held.id)?.status == .removed)
        // Without a reason, nothing is mailed
        let other = try await site.comment("More words", by: site.reader)
        _ = try await site.actions.rejectComment(id: other.id, reason: "", by: site.owner)
        #expect(try await site.mail(to: site.reader.email).count == 1)
    }
}
