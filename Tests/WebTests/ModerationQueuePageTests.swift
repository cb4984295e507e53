import Domain
import Foundation
import Testing

@testable import Web

/// The queue page's rendering of what the spam filter said, without a store.
@Suite("The queue page shows why a comment waits")
struct ModerationQueuePageTests {
    @Test("A comment held as likely spam shows its score and the features that weighed most, escaped")
    func spamScore() throws {
        let now = Date(timeIntervalSince1970: 1_781_234_567)
        let author = Member(
            id: MemberID(7), email: "sam@example.com", displayName: "Sam <Spammer>", bio: "", role: .member, createdAt: now,
            notifyReplies: true, notifyMentions: true, avatarVersion: nil, deletedAt: nil)
        let post = Post(
            id: PostID(1), slug: "first", title: "First & best", subtitle: "", bodyMarkdown: "", bodyHTML: "", authorID: MemberID(1),
            state: .published, audience: .everyone, discussion: .open, publishedAt: now, createdAt: now, commentCount: 0)
        let comment = Domain.Comment(
            id: CommentID(42), postID: post.id, parentID: nil, rootID: CommentID(42), depth: 0, path: "42", authorID: author.id,
            bodyText: "Cheap pills", bodyHTML: "<p>Cheap pills</p>", createdAt: now, editedAt: nil, deletedAt: nil, likeCount: 0,
            descendantCount: 0, status: .held)
        let queued = QueuedComment(
            comment: comment, hold: HoldNote(reason: .likelySpam, spamScore: 0.973, spamFeatures: ["word:pills", "domain:<evil>.example"]),
            reports: [], decision: nil)
        let model = ModerationQueueModel(
            viewer: author, tab: .held, counts: [.held: 1], items: [queued], posts: [post.id: post], parents: [:],
            histories: [author.id: AuthorHistory(visible: 2, held: 1, removed: 4, reportsAgainst: 5)], members: [author.id: author],
            before: nil, older: nil, done: nil, now: now)
        let chrome = PageChrome(
            publication: Publication(name: "Field Notes", description: ""), viewer: author, csrf: "token", text: .english,
            currentPath: "/dashboard/moderation")
        let html = ModerationQueuePage.render(chrome: chrome, model: model).rendered
        #expect(html.contains("likely spam"))
        #expect(html.contains("Spam score</span> 0.97"))
        #expect(html.contains("<code>word:pills</code>"))
        #expect(html.contains("<code>domain:&lt;evil&gt;.example</code>"))
        #expect(html.contains("Sam &lt;Spammer&gt;"))
        #expect(html.contains("On First &amp; best"))
        #expect(html.contains("Removed: 4"))
        #expect(html.contains("Reports against: 5"))
        #expect(html.contains("data-key=\"a\" data-decision=\"approve\""))
        #expect(html.contains("data-key=\"r\" data-decision=\"reject\""))
        #expect(html.contains(StaticAssets.path("moderation.js")))
    }
}
