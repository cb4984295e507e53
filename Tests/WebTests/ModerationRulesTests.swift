import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import UseCases

/// The rules of taking part, as readers meet them through the site: holds, bans, discussion
/// settings, blocked words, who sees a held comment.
@Suite("Moderation rules: holds, bans, discussion settings, blocked words")
struct ModerationRulesTests {
    /// The site's settings changed by its owner, through the use case.
    static func settings(_ site: TestSite, _ change: (inout ModerationSettings) -> Void) async throws {
        var settings = try await site.store.moderationSettings()
        change(&settings)
        try await site.actions.updateModerationSettings(settings, by: site.owner)
    }

    @Test("A held reply tells nobody; once approved, its notification is sent")
    func holdThenApprove() async throws {
        // Given a site that holds every comment, and Rita's comment posted by staff rules (the owner posts it)
        let site = try await TestSite()
        let bob = try await site.member("Bob")
        let mine = try await site.comment("My thoughts", by: site.reader)
        try await Self.settings(site) { $0.holdPolicy = .everything }

        // When Bob replies: the reply is held
        let reply = try await site.comment("A held reply", by: bob, replyTo: mine.id)
        #expect(reply.status == .held)
        let later = Date().addingTimeInterval(site.actions.mail.replyGroupingWindow + 5)

        // Then nothing is sent, and the reply is not counted
        #expect(try await site.actions(at: later).sendDueNotifications() == 0)
        #expect(try await site.mail(to: site.reader.email).isEmpty)
        #expect(try await site.fresh(site.post).commentCount == 1)

        // When a moderator approves it
        let approved = try await site.actions.approveComment(id: reply.id, by: site.owner)
        #expect(approved.status == .visible)
        #expect(try await site.fresh(site.post).commentCount == 2)

        // Then Rita is told, once (the grouping window counts from the approval: on a loaded
        // machine that can be seconds after `later` was taken)
        let afterApproval = Date().addingTimeInterval(site.actions.mail.replyGroupingWindow + 5)
        #expect(try await site.actions(at: afterApproval).sendDueNotifications() == 1)
        let letter = try #require(try await site.mail(to: site.reader.email).first)
        #expect(letter.text.contains("A held reply"))
    }

    @Test("An approval is announced on the event bus; the held comment was not named")
    func approvalAnnounced() async throws {
        let site = try await TestSite()
        let bob = try await site.member("Bob")
        try await Self.settings(site) { $0.holdPolicy = .everything }
        let events = site.actions.events.events()
        let held = try await site.comment("Held first", by: bob)
        _ = try await site.actions.approveComment(id: held.id, by: site.owner)
        // A last event of our own marks the end, so reading stops there and never waits.
        let end = SiteEvent.likeChanged(post: site.post.id, comment: held.id, count: 999)
        try await site.actions.events.publish(end)
        var seen: [SiteEvent] = []
        for await event in events {
            if event == end || seen.count > 10 { break }
            seen.append(event)
        }
        // The held comment rang the bell for its author's and staff's live readers, naming no comment.
        #expect(seen == [.hiddenChange(post: site.post.id), .commentPosted(post: site.post.id, comment: held.id)])
    }

    @Test("A banned member cannot edit, comment, reply, like or report, and is told until when")
    func banThenEdit() async throws {
        let site = try await TestSite()
        let bob = try await site.member("Bob")
        let mine = try await site.comment("Before the ban", by: site.reader)
        let bobs = try await site.comment("Bob's", by: bob)
        let until = Date().addingTimeInterval(86_400 * 3)
        #expect(
            try await site.actions.banMember(id: site.reader.id, reason: "spam", until: until, removeComments: false, by: site.owner) == 0)
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let edit = try await browser.post("/p/\(site.post.slug)/comment/\(mine.id)/edit", form: ["body": "After the ban"])
            #expect(edit.status == .forbidden)
            #expect(edit.text.contains("You are banned from the discussions until"))
            #expect(edit.text.contains("After the ban"))
            let comment = try await browser.post("/p/\(site.post.slug)/comments", form: ["body": "New words"])
            #expect(comment.status == .forbidden && comment.text.contains("banned"))
            let reply = try await browser.post("/p/\(site.post.slug)/comments", form: ["body": "Reply", "parent_id": "\(bobs.id)"])
            #expect(reply.status == .forbidden)
            let like = try await browser.post("/p/\(site.post.slug)/comment/\(bobs.id)/like")
            #expect(like.status == .forbidden)
            let report = try await browser.post("/p/\(site.post.slug)/comment/\(bobs.id)/report", form: ["reason": "spam"])
            #expect(report.status == .forbidden)
            // The page says so in place of the composer
            let page = try await browser.get("/p/\(site.post.slug)").text
            #expect(page.contains("You are banned from the discussions until"))
        }
        #expect(try await site.store.comment(id: mine.id)?.bodyText == "Before the ban")
        #expect(try await site.fresh(site.post).commentCount == 2)
        #expect(try await site.store.comment(id: bobs.id)?.likeCount == 0)
        // After an unban, the member takes part again
        try await site.actions.unbanMember(id: site.reader.id, by: site.owner)
        _ = try await site.actions.editComment(id: mine.id, text: "After the unban", by: site.reader)
    }

    @Test("A closed discussion refuses a comment and says it is closed, to members and signed-out readers")
    func closedRefuses() async throws {
        let site = try await TestSite()
        let earlier = try await site.comment("Said before closing", by: site.owner)
        try await site.actions.setDiscussion(postID: site.post.id, setting: .closed, autoCloseDays: nil, by: site.owner)
        try await site.test { browser async throws in
            let signedOut = try await browser.get("/p/\(site.post.slug)").text
            #expect(signedOut.contains("The discussion of this post is closed.") && signedOut.contains("Said before closing"))
            try await browser.signIn(site.reader.email)
            let page = try await browser.get("/p/\(site.post.slug)").text
            #expect(page.contains("The discussion of this post is closed.") && !page.contains("class=\"reply-link\""))
            let response = try await browser.post("/p/\(site.post.slug)/comments", form: ["body": "Let me in"])
            #expect(response.status == .forbidden)
            #expect(response.text.contains("The discussion of this post is closed."))
            #expect(response.text.contains(">Let me in</textarea>"))
            let reply = try await browser.post(
                "/p/\(site.post.slug)/comments", form: ["body": "A late reply", "parent_id": "\(earlier.id)"])
            #expect(reply.status == .forbidden && reply.text.contains(">A late reply</textarea>"))
        }
        #expect(try await site.fresh(site.post).commentCount == 1)
    }

    @Test("A discussion closes by itself after the post's auto-close days")
    func autoCloses() async throws {
        let site = try await TestSite()
        // The post was published an hour ago; closing after one day leaves it open...
        try await site.actions.setDiscussion(postID: site.post.id, setting: .open, autoCloseDays: 1, by: site.owner)
        try await site.comment("Still open", by: site.reader)
        // ...and two days later it is closed
        let later = site.actions(at: Date().addingTimeInterval(2 * 86_400))
        await #expect(throws: FieldError("body", .discussionClosed)) {
            try await later.postComment(postID: site.post.id, replyTo: nil, text: "Too late", by: site.reader)
        }
    }

    @Test("A subscribers-only discussion refuses a member without a subscription and accepts a subscriber")
    func subscribersOnly() async throws {
        let site = try await TestSite()
        try await site.actions.setDiscussion(postID: site.post.id, setting: .subscribers, autoCloseDays: nil, by: site.owner)
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let refused = try await browser.post("/p/\(site.post.slug)/comments", form: ["body": "Not yet"])
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("Only subscribers can join this discussion."))
            // Given Rita's email is an active subscriber
            #expect(try await site.store.insertSubscriber(email: site.reader.email, createdAt: Date().truncatedToMilliseconds))
            let accepted = try await browser.post("/p/\(site.post.slug)/comments", form: ["body": "Now I may"])
            #expect(accepted.status == .seeOther)
        }
        // Staff always may
        try await site.comment("Staff note", by: site.owner)
        #expect(try await site.fresh(site.post).commentCount == 2)
    }

    @Test("A staff-only discussion refuses members and accepts staff")
    func staffOnly() async throws {
        let site = try await TestSite()
        try await site.actions.setDiscussion(postID: site.post.id, setting: .staff, autoCloseDays: nil, by: site.owner)
        await #expect(throws: FieldError("body", .staffOnly)) { try await site.comment("Me too", by: site.reader) }
        try await site.comment("Staff only here", by: try await site.member("Mo", role: .moderator))
    }

    @Test("A blocked word refuses the comment with a clear message, and the form keeps the text")
    func blockedWordKeepsText() async throws {
        let site = try await TestSite()
        try await Self.settings(site) { $0.blockWords = ["Casino"] }
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let response = try await browser.post("/p/\(site.post.slug)/comments", form: ["body": "Try my casino tonight"])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("Your comment contains “casino”, which this publication does not allow."))
            #expect(response.text.contains(">Try my casino tonight</textarea>"))
        }
        #expect(try await site.fresh(site.post).commentCount == 0)
    }

    @Test("A held comment is seen by its author and staff, marked; not by another member or a signed-out reader, and not counted")
    func heldVisibility() async throws {
        let site = try await TestSite()
        let bob = try await site.member("Bob")
        let cat = try await site.member("Cat")
        try await Self.settings(site) { $0.holdWords = ["bargain"] }
        let held = try await site.comment("A bargain for you", by: bob)
        #expect(held.status == .held)
        #expect(try await site.fresh(site.post).commentCount == 0)
        let pages = ["/p/\(site.post.slug)", "/p/\(site.post.slug)/comments"]
        try await site.test { browser async throws in
            for page in pages { #expect(!(try await browser.get(page).text.contains("A bargain for you"))) }
            #expect(try await browser.get("/p/\(site.post.slug)/comment/\(held.id)").status == .notFound)
            try await browser.signIn(cat.email)
            // Cat can neither reply to it, like it nor report it: for her it is not there
            let reply = try await browser.post("/p/\(site.post.slug)/comments", form: ["body": "Hi", "parent_id": "\(held.id)"])
            #expect(reply.status == .notFound)
            #expect(try await browser.post("/p/\(site.post.slug)/comment/\(held.id)/like").status == .notFound)
            #expect(try await browser.post("/p/\(site.post.slug)/comment/\(held.id)/report", form: ["reason": "spam"]).status == .notFound)
            for page in pages { #expect(!(try await browser.get(page).text.contains("A bargain for you"))) }
            #expect(try await browser.get("/members/\(bob.id)").text.contains("A bargain for you") == false)
        }
        for viewer in [bob, site.owner] {
            try await site.test { browser async throws in
                try await browser.signIn(viewer.email)
                for page in pages {
                    let text = try await browser.get(page).text
                    #expect(text.contains("A bargain for you") && text.contains("Awaiting approval"), "\(viewer.displayName) on \(page)")
                }
                #expect(try await browser.get("/p/\(site.post.slug)/comment/\(held.id)").status == .ok)
            }
        }
    }

    @Test("An edit that trips a rule holds a visible comment again")
    func editHolds() async throws {
        let site = try await TestSite()
        let mine = try await site.comment("Plain words", by: site.reader)
        try await Self.settings(site) { $0.holdWords = ["bargain"] }
        let edited = try await site.actions.editComment(id: mine.id, text: "Now a bargain", by: site.reader)
        #expect(edited.status == .held)
        #expect(try await site.fresh(site.post).commentCount == 0)
        // A blocked word in an edit is refused and changes nothing
        try await Self.settings(site) { $0.blockWords = ["scam"] }
        await #expect(throws: FieldError("body", .blockedWord("scam"))) {
            try await site.actions.editComment(id: mine.id, text: "a scam", by: site.reader)
        }
        #expect(try await site.store.comment(id: mine.id)?.bodyText == "Now a bargain")
    }

    @Test("The first N comments of a member are held until N are visible; staff are never held")
    func firstComments() async throws {
        let site = try await TestSite()
        try await Self.settings(site) { $0.holdPolicy = .firstComments(count: 1) }
        let first = try await site.comment("My first", by: site.reader)
        #expect(first.status == .held)
        #expect(try await site.comment("Staff words", by: site.owner).status == .visible)
        _ = try await site.actions.approveComment(id: first.id, by: site.owner)
        #expect(try await site.comment("My second", by: site.reader).status == .visible)
    }

    @Test("A spam assessment over the threshold holds the comment with its score")
    func spamHolds() async throws {
        let site = try await TestSite()
        let scored = Actions(
            store: site.store, passwords: site.actions.passwords, events: site.actions.events, mail: site.actions.mail,
            spam: SpamCheck { text, _ in SpamScore(score: text.contains("pills") ? 0.99 : 0.01, features: ["pills"]) })
        let held = try await scored.postComment(postID: site.post.id, replyTo: nil, text: "cheap pills", by: site.reader)
        #expect(held.status == .held)
        let note = try await site.store.moderation(commentID: held.id)?.hold
        #expect(note?.reason == .likelySpam && note?.spamScore == 0.99)
        #expect(try await scored.postComment(postID: site.post.id, replyTo: nil, text: "kind words", by: site.reader).status == .visible)
    }

    @Test("Settings out of their limits are refused")
    func settingsLimits() async throws {
        let site = try await TestSite()
        var settings = ModerationSettings.defaults
        settings.reportsToHold = 0
        await #expect(throws: FieldError("reportsToHold", .outOfRange(min: 1, max: Limits.moderationCountMax))) {
            try await site.actions.updateModerationSettings(settings, by: site.owner)
        }
        settings = .defaults
        settings.blockWords = [String(repeating: "x", count: Limits.wordListEntryLength + 1)]
        await #expect(throws: FieldError("blockWords", .tooLong(max: Limits.wordListEntryLength))) {
            try await site.actions.updateModerationSettings(settings, by: site.owner)
        }
        settings = .defaults
        settings.holdWords = ["  Free   Money ", "free money", ""]
        try await site.actions.updateModerationSettings(settings, by: site.owner)
        #expect(try await site.store.moderationSettings().holdWords == ["free money"])
        await #expect(throws: FieldError("settings", .notAllowed)) {
            try await site.actions.updateModerationSettings(.defaults, by: try await site.member("Mo", role: .moderator))
        }
    }

    @Test("Roles: only an owner makes an admin, and the last owner stays an owner")
    func roles() async throws {
        let site = try await TestSite()
        let admin = try await site.member("Ada", role: .admin)
        await #expect(throws: FieldError("role", .notAllowed)) {
            try await site.actions.setRole(.admin, memberID: site.reader.id, by: admin)
        }
        try await site.actions.setRole(.moderator, memberID: site.reader.id, by: admin)
        #expect(try await site.store.member(id: site.reader.id)?.role == .moderator)
        await #expect(throws: FieldError("role", .lastOwner)) {
            try await site.actions.setRole(.member, memberID: site.owner.id, by: site.owner)
        }
        await #expect(throws: FieldError("role", .notAllowed)) {
            try await site.actions.setRole(.member, memberID: admin.id, by: try await site.member("Mo", role: .moderator))
        }
    }
}
