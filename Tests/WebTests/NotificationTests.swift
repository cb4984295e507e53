import Domain
import Foundation
import Mail
import Testing
import UseCases

@Suite("Reply, mention and follow emails")
struct NotificationTests {
    @Test("A burst of replies becomes one email, sent once the grouping window has passed")
    func repliesGrouped() async throws {
        let site = try await TestSite()
        let bob = try await site.member("Bob")
        let cat = try await site.member("Cat")
        let mine = try await site.comment("My thoughts", by: site.reader)
        try await site.comment("First reply", by: bob, replyTo: mine.id)
        try await site.comment("Second reply", by: cat, replyTo: mine.id)
        try await site.comment("Replying to myself", by: site.reader, replyTo: mine.id)

        #expect(try await site.actions.sendDueNotifications() == 0)
        let later = Date().addingTimeInterval(site.actions.mail.replyGroupingWindow + 5)
        #expect(try await site.actions(at: later).sendDueNotifications() == 1)
        #expect(try await site.actions(at: later).sendDueNotifications() == 0)

        let mail = try await site.mail(to: site.reader.email)
        #expect(mail.count == 1)
        let letter = try #require(mail.first)
        #expect(letter.text.contains("First reply") && letter.text.contains("Second reply"))
        #expect(!letter.text.contains("Replying to myself"))
        #expect(letter.headers.contains { $0.name == "List-Unsubscribe" })
        #expect(letter.headers.contains(MailHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")))
        #expect(try await site.mail(to: bob.email).isEmpty)
    }

    @Test("An @mention emails the member named, and only them")
    func mention() async throws {
        let site = try await TestSite()
        let ada = try await site.actions.addMember(AddMemberInput(email: "ada@example.com", displayName: "Ada Lovelace"))
        let byron = try await site.actions.addMember(AddMemberInput(email: "byron@example.com", displayName: "Ada Byron"))
        try await site.comment("As @Ada Lovelace said, and @nobody, and mail@Ada Lovelace.example", by: site.owner)
        let later = Date().addingTimeInterval(600)
        #expect(try await site.actions(at: later).sendDueNotifications() == 1)
        let letter = try #require(try await site.mail(to: ada.email).first)
        #expect(letter.text.contains("As @Ada Lovelace said"))
        #expect(try await site.mail(to: byron.email).isEmpty)
    }

    @Test("A member who turned replies off gets no email; turning it off from the email's link works too")
    func switches() async throws {
        let site = try await TestSite()
        let bob = try await site.member("Bob")
        try await site.actions.setNotificationSwitches(replies: false, mentions: true, by: site.reader)
        let mine = try await site.comment("Mine", by: site.reader)
        try await site.comment("A reply", by: bob, replyTo: mine.id)
        let later = Date().addingTimeInterval(600)
        #expect(try await site.actions(at: later).sendDueNotifications() == 0)

        let bobs = try await site.comment("Bob's", by: bob)
        try await site.comment("Reply to Bob", by: site.reader, replyTo: bobs.id)
        #expect(try await site.actions(at: later).sendDueNotifications() == 1)
        let letter = try #require(try await site.mail(to: bob.email).first)
        let header = try #require(letter.headers.first { $0.name == "List-Unsubscribe" }?.value)
        let path = String(header.dropFirst("<http://127.0.0.1:8080".count).dropLast())
        try await site.test { browser async throws in
            #expect(try await browser.client.execute(uri: path, method: .post) { $0 }.status == .ok)
        }
        let after = try #require(try await site.store.member(id: bob.id))
        #expect(after.notifyReplies == false && after.notifyMentions == true)
    }

    @Test("Following a discussion sends its new comments as one digest after the interval")
    func followDigest() async throws {
        let site = try await TestSite()
        let bob = try await site.member("Bob")
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let page = try await browser.get("/p/\(site.post.slug)")
            #expect(page.text.contains("Follow this discussion"))
            #expect(try await browser.post("/p/\(site.post.slug)/follow", form: ["follow": "1"]).status == .seeOther)
            #expect(try await browser.get("/p/\(site.post.slug)").text.contains("Following this discussion"))
        }
        #expect(try await site.store.isFollowing(memberID: site.reader.id, postID: site.post.id))
        try await site.comment("One", by: bob)
        try await site.comment("Two", by: bob)
        let soon = Date().addingTimeInterval(site.actions.mail.replyGroupingWindow + 5)
        #expect(try await site.actions(at: soon).sendDueNotifications() == 0)
        let later = Date().addingTimeInterval(site.actions.mail.followDigestInterval + 5)
        #expect(try await site.actions(at: later).sendDueNotifications() == 1)
        let letter = try #require(try await site.mail(to: site.reader.email).first)
        #expect(letter.text.contains("One") && letter.text.contains("Two"))
        #expect(letter.subject.contains("First post"))
    }

    @Test("A digest of many followed discussions offers one link that unfollows them all")
    func manyFollows() async throws {
        let site = try await TestSite()
        let bob = try await site.member("Bob")
        var posts: [Post] = []
        for index in 1...5 {
            let post = try await site.actions.addPost(
                AddPostInput(
                    title: "Post \(index)", authorEmail: site.owner.email,
                    publishedAt: Date().addingTimeInterval(-60), emailSubscribers: false))
            try await site.actions.setFollowing(true, postID: post.id, by: site.reader)
            posts.append(post)
        }
        for post in posts { try await site.comment("On \(post.title)", by: bob, on: post) }
        let later = Date().addingTimeInterval(site.actions.mail.followDigestInterval + 5)
        #expect(try await site.actions(at: later).sendDueNotifications() == 1)
        let letter = try #require(try await site.mail(to: site.reader.email).first)
        let header = try #require(letter.headers.first { $0.name == "List-Unsubscribe" }?.value)
        #expect(header.contains("topics=F\(site.reader.id)&"))
        let path = String(header.dropFirst("<http://127.0.0.1:8080".count).dropLast())
        try await site.test { browser async throws in
            #expect(try await browser.get(path).text.contains("every discussion you follow"))
            #expect(try await browser.client.execute(uri: path, method: .post) { $0 }.status == .ok)
        }
        #expect(try await site.store.followedPostIDs(memberID: site.reader.id).isEmpty)
    }

    @Test("A comment deleted before its email goes is left out")
    func deletedBeforeSending() async throws {
        let site = try await TestSite()
        let bob = try await site.member("Bob")
        let mine = try await site.comment("Mine", by: site.reader)
        let reply = try await site.comment("Oops", by: bob, replyTo: mine.id)
        _ = try await site.actions.deleteComment(id: reply.id, by: bob)
        #expect(try await site.actions(at: Date().addingTimeInterval(600)).sendDueNotifications() == 0)
        #expect(try await site.mail(to: site.reader.email).isEmpty)
    }
}
