import Domain
import Foundation
import Storage

/// Writes the body of a delivery, once, from the event and the facts of its subject; the
/// worker keeps it, so every retry sends the same bytes (docs/WEBHOOKS.md shows each shape).
public struct WebhookBody: Sendable {
    /// The site's public address (`--public-url`), which links in bodies start with.
    public let baseURL: String
    public let text: WebhookText

    public init(baseURL: String, text: WebhookText = .english) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.text = text
    }

    /// The body for `format`. `subject` is nil for a ping, or when the subject is gone.
    public func render(
        _ delivery: WebhookDelivery, endpoint: WebhookEndpoint, subject: WebhookSubject?, format: WebhookFormat
    ) -> String {
        switch format {
        case .parley: parley(delivery, endpoint: endpoint, subject: subject)
        case .slack: slack(delivery, subject: subject)
        }
    }

    // MARK: Parley's own JSON

    func parley(_ delivery: WebhookDelivery, endpoint: WebhookEndpoint, subject: WebhookSubject?) -> String {
        var data = EventData()
        switch subject {
        case .comment(let comment, let post):
            data.comment = commentJSON(comment, post)
            data.post = postJSON(post)
        case .report(let report, let comment, let post):
            data.report = ReportJSON(
                id: report.id, reason: report.reason, text: report.text,
                reporter: PersonJSON(id: report.reporterID.rawValue, name: report.reporterName),
                createdAt: Self.time(report.createdAt))
            data.comment = commentJSON(comment, post)
            data.post = postJSON(post)
        case .member(let member):
            data.member = MemberJSON(
                id: member.id.rawValue, name: member.name, email: member.email, role: member.role,
                createdAt: Self.time(member.createdAt), url: baseURL + "/members/\(member.id)")
        case .subscriber(let subscriber):
            data.subscriber = SubscriberJSON(
                id: subscriber.id, email: subscriber.email, source: subscriber.source,
                confirmedAt: subscriber.confirmedAt.map(Self.time))
        case .post(let post):
            data.post = postJSON(post)
        case nil:
            if delivery.event == .ping {
                data.endpoint = EndpointJSON(id: endpoint.id.rawValue, url: endpoint.url)
            } else {
                data.gone = GoneJSON(id: delivery.subjectID)
            }
        }
        let envelope = Envelope(
            id: String(delivery.id.rawValue), type: delivery.event.rawValue, createdAt: Self.time(delivery.createdAt), site: baseURL,
            data: data)
        return Self.json(envelope)
    }

    private func commentJSON(_ comment: WebhookCommentFacts, _ post: WebhookPostFacts) -> CommentJSON {
        CommentJSON(
            id: comment.id.rawValue, parentID: comment.parentID?.rawValue,
            author: PersonJSON(id: comment.authorID.rawValue, name: comment.authorName), text: comment.text,
            status: comment.status, deleted: comment.deleted, createdAt: Self.time(comment.createdAt),
            url: commentURL(comment.id, post))
    }

    /// The comment's permalink; on an embedded page's discussion, that page.
    func commentURL(_ id: CommentID, _ post: WebhookPostFacts) -> String {
        post.pageURL ?? baseURL + "/p/\(post.slug)/comment/\(id)"
    }

    /// The post's page; for an embedded page's discussion, that page.
    func postURL(_ post: WebhookPostFacts) -> String {
        post.pageURL ?? baseURL + "/p/\(post.slug)"
    }

    private func postJSON(_ post: WebhookPostFacts) -> PostJSON {
        PostJSON(
            id: post.id.rawValue, slug: post.slug, title: post.title, subtitle: post.subtitle,
            author: PersonJSON(id: post.authorID.rawValue, name: post.authorName), audience: post.audience,
            publishedAt: post.publishedAt.map(Self.time), url: postURL(post))
    }

    // MARK: Slack-compatible

    func slack(_ delivery: WebhookDelivery, subject: WebhookSubject?) -> String {
        let line: String
        switch subject {
        case .comment(let comment, let post):
            let commentURL = commentURL(comment.id, post)
            if delivery.event == .commentHeld {
                line =
                    Self.escaped(text.commentHeld(comment.authorName, post.title)) + ": " + Self.quoted(comment.text)
                    + " " + Self.link(baseURL + "/dashboard/moderation", text.reviewLink)
            } else {
                line =
                    Self.escaped(text.commentPosted(comment.authorName, post.title)) + ": " + Self.quoted(comment.text)
                    + " " + Self.link(commentURL, text.openLink)
            }
        case .report(let report, let comment, let post):
            line =
                Self.escaped(text.commentReported((report.reporterName, comment.authorName, post.title, report.reason))) + ": "
                + Self.quoted(comment.text) + " " + Self.link(baseURL + "/dashboard/moderation", text.reviewLink)
        case .member(let member):
            line = Self.escaped(text.memberJoined(member.name)) + " " + Self.link(baseURL + "/members/\(member.id)", text.openLink)
        case .subscriber(let subscriber):
            line = Self.escaped(text.subscriberConfirmed(subscriber.email))
        case .post(let post):
            line =
                Self.escaped(text.postPublished(post.title, post.authorName)) + " " + Self.link(postURL(post), text.readLink)
        case nil:
            line = Self.escaped(delivery.event == .ping ? text.ping(baseURL) : text.gone(delivery.event.rawValue))
        }
        return Self.json(SlackMessage(text: line))
    }

    /// Slack's markup gives `&`, `<` and `>` meaning; everything else is literal.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// A comment's text on one line, at most 300 characters.
    static func quoted(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        let short = line.count > 300 ? String(line.prefix(299)) + "…" : line
        return escaped(short)
    }

    /// `<URL|label>`; the URL's own `|` and `>` are percent-encoded.
    static func link(_ url: String, _ label: String) -> String {
        let safe = url.replacingOccurrences(of: "|", with: "%7C").replacingOccurrences(of: ">", with: "%3E")
            .replacingOccurrences(of: "<", with: "%3C")
        return "<\(safe)|\(escaped(label))>"
    }

    // MARK: Encoding

    /// UTC, milliseconds: `2026-12-06T10:00:00.000Z`.
    static func time(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every value is a string, number, bool or nested struct of them: encoding cannot fail.
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    struct Envelope: Encodable {
        var id: String
        var type: String
        var createdAt: String
        var site: String
        var data: EventData

        enum CodingKeys: String, CodingKey {
            case id, type, site, data
            case createdAt = "created_at"
        }
    }

    struct EventData: Encodable {
        var comment: CommentJSON?
        var post: PostJSON?
        var report: ReportJSON?
        var member: MemberJSON?
        var subscriber: SubscriberJSON?
        var endpoint: EndpointJSON?
        var gone: GoneJSON?
    }

    struct PersonJSON: Encodable {
        var id: Int64
        var name: String
    }

    struct CommentJSON: Encodable {
        var id: Int64
        var parentID: Int64?
        var author: PersonJSON
        var text: String
        var status: String
        var deleted: Bool
        var createdAt: String
        var url: String

        enum CodingKeys: String, CodingKey {
            case id, author, text, status, deleted, url
            case parentID = "parent_id"
            case createdAt = "created_at"
        }

        // The parent is written as null for a root comment, not left out.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(parentID, forKey: .parentID)
            try container.encode(author, forKey: .author)
            try container.encode(text, forKey: .text)
            try container.encode(status, forKey: .status)
            try container.encode(deleted, forKey: .deleted)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(url, forKey: .url)
        }
    }

    struct PostJSON: Encodable {
        var id: Int64
        var slug: String
        var title: String
        var subtitle: String
        var author: PersonJSON
        var audience: String
        var publishedAt: String?
        var url: String

        enum CodingKeys: String, CodingKey {
            case id, slug, title, subtitle, author, audience, url
            case publishedAt = "published_at"
        }
    }

    struct ReportJSON: Encodable {
        var id: Int64
        var reason: String
        var text: String
        var reporter: PersonJSON
        var createdAt: String

        enum CodingKeys: String, CodingKey {
            case id, reason, text, reporter
            case createdAt = "created_at"
        }
    }

    struct MemberJSON: Encodable {
        var id: Int64
        var name: String
        var email: String
        var role: String
        var createdAt: String
        var url: String

        enum CodingKeys: String, CodingKey {
            case id, name, email, role, url
            case createdAt = "created_at"
        }
    }

    struct SubscriberJSON: Encodable {
        var id: Int64
        var email: String
        var source: String
        var confirmedAt: String?

        enum CodingKeys: String, CodingKey {
            case id, email, source
            case confirmedAt = "confirmed_at"
        }
    }

    struct EndpointJSON: Encodable {
        var id: Int64
        var url: String
    }

    /// The subject was removed before the first attempt: only its id is left to tell.
    struct GoneJSON: Encodable {
        var id: Int64
    }

    struct SlackMessage: Encodable {
        var text: String
    }
}
