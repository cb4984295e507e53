import Domain
import Foundation
import Testing
import UseCases

@Suite("Mentions link to members")
struct MentionLinkTests {
    @Test("A comment's @mention links the member's page, which answers")
    func mentionLinks() async throws {
        // Given a member called Ada Lovelace, and a site that sends no notifications at all
        var mail = MailSettings.local()
        mail.notifiesOnComments = false
        let site = try await TestSite(mail: mail)
        let ada = try await site.actions.addMember(AddMemberInput(email: "ada@example.com", displayName: "Ada Lovelace"))
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            // When the reader posts a comment naming her, and someone nobody is called
            let posted = try await browser.post(
                "/p/\(site.post.slug)/comments", form: ["body": "As @ada lovelace said, and @nobody <b>x</b>"])
            #expect(posted.status == .seeOther)
            // Then the post page links her name, as typed, to her page
            let page = try await browser.get("/p/\(site.post.slug)").text
            let link = "<a class=\"mention\" href=\"/members/\(ada.id)\">@ada lovelace</a>"
            #expect(page.contains(link))
            #expect(page.contains("@nobody &lt;b&gt;x&lt;/b&gt;"))
            // And that page is hers
            let member = try await browser.get("/members/\(ada.id)")
            #expect(member.status == .ok && member.text.contains("Ada Lovelace"))
        }
    }

    @Test("An edit renders its mentions again")
    func editRelinks() async throws {
        // Given a comment without a mention
        let site = try await TestSite()
        let ada = try await site.actions.addMember(AddMemberInput(email: "ada@example.com", displayName: "Ada Lovelace"))
        let comment = try await site.comment("Plain words", by: site.reader)
        // When its author edits it to name Ada and the owner
        let edited = try await site.actions.editComment(id: comment.id, text: "Over to @Ada Lovelace and @Olive Owner", by: site.reader)
        // Then both names link to their members
        #expect(edited.bodyHTML.contains("<a class=\"mention\" href=\"/members/\(ada.id)\">@Ada Lovelace</a>"))
        #expect(edited.bodyHTML.contains("<a class=\"mention\" href=\"/members/\(site.owner.id)\">@Olive Owner</a>"))
        let stored = try #require(try await site.store.comment(id: comment.id))
        #expect(stored.bodyHTML == edited.bodyHTML)
    }
}
