import Domain
import Foundation
import Testing

@testable import Markup

/// @mentions in comments link to the member's page, with the escape-first promise kept.
@Suite("Comment mentions")
struct CommentMentionTests {
    private let targets = MentionTargets(members: [
        Self.member(7, "Ada Lovelace"), Self.member(8, "O'Brien"), Self.member(9, "Sam"), Self.member(10, "sam"),
    ])

    private static func member(_ id: Int64, _ name: String) -> Member {
        Member(id: MemberID(id), email: "m\(id)@example.com", displayName: name, role: .member, createdAt: Date(timeIntervalSince1970: 0))
    }

    /// Renders with the targets; everything but the mention links must pass the comment allow-list.
    private func render(_ text: String) -> String {
        let html = CommentFormatter.render(text, mentions: targets)
        let mention = #/<a class="mention" href="/members/\d+">([^<>]*)</a>/#
        let rest = html.replacing(mention) { $0.output.1 }
        #expect(HTMLAllowList.comment.violations(in: String(rest)) == [], "for input \(text.debugDescription)")
        return html
    }

    @Test("A mention of a member links their page with the name as typed")
    func linksMember() {
        // Given a comment naming a member in other case, followed by more words
        let html = render("Thanks @ada lovelace for this")
        // Then the two words of the name are the link, the rest is text
        #expect(html == "<p>Thanks <a class=\"mention\" href=\"/members/7\">@ada lovelace</a> for this</p>")
    }

    @Test("A name with an apostrophe is escaped inside its link")
    func escapedName() {
        #expect(render("@O'Brien, hi") == "<p><a class=\"mention\" href=\"/members/8\">@O&#39;Brien</a>, hi</p>")
    }

    @Test("Unknown names, shared names, email addresses and code stay text")
    func notLinked() {
        // Given mentions that name no one, two people, an address, and a mention in code
        let html = render("@Nobody and @Sam, mail ada@lovelace.org or `@Ada Lovelace`")
        // Then nothing is linked
        #expect(!html.contains("mention"))
        #expect(html.contains("<code>@Ada Lovelace</code>"))
    }

    @Test("A mention inside emphasis or a quote is linked, the formatting kept")
    func insideFormatting() {
        let html = render("> **@Ada Lovelace** said so")
        #expect(
            html == "<blockquote><p><strong><a class=\"mention\" href=\"/members/7\">@Ada Lovelace</a></strong> said so</p></blockquote>")
    }

    @Test("Markup around a mention is escaped, never made into tags")
    func hostile() {
        let html = render("<script>@Ada Lovelace</script> \"@Ada Lovelace\" onmouseover=x")
        #expect(!html.contains("<script"))
        #expect(html.components(separatedBy: "class=\"mention\"").count == 3)
    }

    @Test("Without targets, nothing is linked")
    func noTargets() {
        #expect(CommentFormatter.render("@Ada Lovelace") == "<p>@Ada Lovelace</p>")
    }
}
