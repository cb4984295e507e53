import Domain
import Foundation
import Storage
import Testing
import Webhooks

@Suite("Webhook bodies")
struct WebhookBodyTests {
    let t0 = Date(timeIntervalSince1970: 1_750_000_000)
    let body = WebhookBody(baseURL: "https://news.example.com/")

    func delivery(_ event: WebhookEvent, subject: Int64 = 7) -> WebhookDelivery {
        WebhookDelivery(
            id: WebhookDeliveryID(42), endpointID: WebhookEndpointID(1), event: event, subjectID: subject, body: nil, status: .pending,
            attempts: 1, nextAttemptAt: t0, lastResponse: nil, lastAttemptAt: nil, createdAt: t0)
    }

    var endpoint: WebhookEndpoint {
        WebhookEndpoint(
            id: WebhookEndpointID(1), url: "https://hooks.example.com/in", events: [.commentPosted], format: .parley, secret: "s",
            secretShown: true, createdAt: t0)
    }

    var post: WebhookPostFacts {
        WebhookPostFacts(
            id: PostID(3), slug: "hello", title: "Hello <world>", subtitle: "", authorID: MemberID(1), authorName: "Ada",
            audience: "everyone", publishedAt: t0)
    }

    var comment: WebhookCommentFacts {
        WebhookCommentFacts(
            id: CommentID(7), parentID: nil, authorID: MemberID(2), authorName: "Bob & co", text: "Line one\nline <two>",
            status: "visible", createdAt: t0, deleted: false)
    }

    @Test("Given a posted comment, when written in Parley's format, then the body is the documented JSON, keys sorted")
    func parleyComment() throws {
        let text = body.render(delivery(.commentPosted), endpoint: endpoint, subject: .comment(comment, post), format: .parley)
        #expect(
            text == """
                {"created_at":"2025-06-15T15:06:40.000Z","data":{"comment":{"author":{"id":2,"name":"Bob & co"},"created_at":"2025-06-15T15:06:40.000Z",\
                "deleted":false,"id":7,"parent_id":null,"status":"visible","text":"Line one\\nline <two>",\
                "url":"https://news.example.com/p/hello/comment/7"},"post":{"audience":"everyone","author":{"id":1,"name":"Ada"},"id":3,\
                "published_at":"2025-06-15T15:06:40.000Z","slug":"hello","subtitle":"","title":"Hello <world>",\
                "url":"https://news.example.com/p/hello"}},"id":"42","site":"https://news.example.com","type":"comment.posted"}
                """)
    }

    @Test("Given a posted comment, when written for Slack, then it is one escaped line with a link")
    func slackComment() throws {
        let text = body.render(delivery(.commentPosted), endpoint: endpoint, subject: .comment(comment, post), format: .slack)
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
        #expect(
            decoded["text"]
                == "Bob &amp; co commented on “Hello &lt;world&gt;”: Line one line &lt;two&gt; <https://news.example.com/p/hello/comment/7|Open>"
        )
    }

    @Test("Given a ping and an event whose subject is gone, when written, then the ping names the endpoint and the other only the id")
    func pingAndGone() throws {
        let ping = body.render(delivery(.ping, subject: 1), endpoint: endpoint, subject: nil, format: .parley)
        #expect(ping.contains(#""data":{"endpoint":{"id":1,"url":"https://hooks.example.com/in"}}"#))
        #expect(ping.contains(#""type":"webhook.ping""#))
        let gone = body.render(delivery(.commentHeld), endpoint: endpoint, subject: nil, format: .parley)
        #expect(gone.contains(#""data":{"gone":{"id":7}}"#))
        let slack = body.render(delivery(.ping, subject: 1), endpoint: endpoint, subject: nil, format: .slack)
        #expect(slack.contains("https://news.example.com"))
    }
}
