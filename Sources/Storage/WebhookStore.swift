import Domain
import Foundation

// The webhooks' port (issue 11): the owner's endpoints, and the webhook outbox. Both engines
// implement it; the in-memory reference does not (it is in `SiteStore`, not `CoreStore`).

/// What an event is about, read when its delivery is first sent: the facts its body carries.
public enum WebhookSubject: Sendable, Hashable {
    case comment(WebhookCommentFacts, WebhookPostFacts)
    case report(WebhookReportFacts, WebhookCommentFacts, WebhookPostFacts)
    case member(WebhookMemberFacts)
    case subscriber(WebhookSubscriberFacts)
    case post(WebhookPostFacts)
}

public struct WebhookPostFacts: Sendable, Hashable {
    public var id: PostID
    public var slug: String
    public var title: String
    public var subtitle: String
    public var authorID: MemberID
    public var authorName: String
    public var audience: String
    public var publishedAt: Date?
    /// For the discussion of a page of another site (an embed), that page's address.
    public var pageURL: String?

    public init(
        id: PostID, slug: String, title: String, subtitle: String, authorID: MemberID, authorName: String, audience: String,
        publishedAt: Date?, pageURL: String? = nil
    ) {
        self.id = id
        self.slug = slug
        self.title = title
        self.subtitle = subtitle
        self.authorID = authorID
        self.authorName = authorName
        self.audience = audience
        self.publishedAt = publishedAt
        self.pageURL = pageURL
    }
}

public struct WebhookCommentFacts: Sendable, Hashable {
    public var id: CommentID
    public var parentID: CommentID?
    public var authorID: MemberID
    public var authorName: String
    /// The text as written; empty once the comment was deleted.
    public var text: String
    public var status: String
    public var createdAt: Date
    public var deleted: Bool

    public init(
        id: CommentID, parentID: CommentID?, authorID: MemberID, authorName: String, text: String, status: String, createdAt: Date,
        deleted: Bool
    ) {
        self.id = id
        self.parentID = parentID
        self.authorID = authorID
        self.authorName = authorName
        self.text = text
        self.status = status
        self.createdAt = createdAt
        self.deleted = deleted
    }
}

public struct WebhookReportFacts: Sendable, Hashable {
    public var id: Int64
    public var reason: String
    public var text: String
    public var reporterID: MemberID
    public var reporterName: String
    public var createdAt: Date

    public init(id: Int64, reason: String, text: String, reporterID: MemberID, reporterName: String, createdAt: Date) {
        self.id = id
        self.reason = reason
        self.text = text
        self.reporterID = reporterID
        self.reporterName = reporterName
        self.createdAt = createdAt
    }
}

public struct WebhookMemberFacts: Sendable, Hashable {
    public var id: MemberID
    public var name: String
    public var email: String
    public var role: String
    public var createdAt: Date

    public init(id: MemberID, name: String, email: String, role: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.email = email
        self.role = role
        self.createdAt = createdAt
    }
}

public struct WebhookSubscriberFacts: Sendable, Hashable {
    public var id: Int64
    public var email: String
    public var source: String
    public var confirmedAt: Date?

    public init(id: Int64, email: String, source: String, confirmedAt: Date?) {
        self.id = id
        self.email = email
        self.source = source
        self.confirmedAt = confirmedAt
    }
}

/// A claimed delivery with what sending it needs: its endpoint.
public struct WebhookJob: Sendable, Hashable {
    public var delivery: WebhookDelivery
    public var endpoint: WebhookEndpoint

    public init(delivery: WebhookDelivery, endpoint: WebhookEndpoint) {
        self.delivery = delivery
        self.endpoint = endpoint
    }
}

/// The owner's webhook endpoints and their deliveries.
///
/// **Deliveries are written by the database.** Triggers of migration `0015_webhooks` add one
/// pending delivery per endpoint that asked for the event, in the transaction of the change
/// (a comment, a report, a member, a subscriber, a post): nothing in Swift enqueues them but
/// ``enqueueWebhookPing(_:now:)``.
///
/// **Sending is the outbox's design** (see ``OutboxStore``): a worker claims due deliveries with
/// a lease (`FOR UPDATE SKIP LOCKED` on PostgreSQL, the single writer on SQLite), so several
/// instances never hold one delivery at once; each claim counts an attempt; a delivery whose
/// worker died comes due again when its lease ends. At least once, then: a receiver that must
/// not act twice keys on the delivery id (`Parley-Webhook-Id`).
public protocol WebhookStore: Sendable {
    /// Every endpoint, oldest first.
    func webhookEndpoints() async throws -> [WebhookEndpoint]

    /// Adds an endpoint, unless the site already has `limit`: then nil and nothing written.
    func addWebhookEndpoint(_ endpoint: NewWebhookEndpoint, limit: Int, now: Date) async throws -> WebhookEndpoint?

    /// The endpoint's secret the first time it is asked for, then nil: the page after saving
    /// shows it once. Nil for an unknown endpoint.
    func revealWebhookSecret(_ id: WebhookEndpointID) async throws -> String?

    /// Removes the endpoint and its deliveries (pending ones are never sent); false when unknown.
    func removeWebhookEndpoint(_ id: WebhookEndpointID) async throws -> Bool

    /// Adds a `webhook.ping` delivery for the endpoint, due at `now`; nil when unknown.
    func enqueueWebhookPing(_ id: WebhookEndpointID, now: Date) async throws -> WebhookDeliveryID?

    /// Claims up to `limit` due deliveries for `worker`, oldest due first, in one transaction,
    /// exactly as ``OutboxStore/claimDue(now:limit:lease:worker:)`` claims mail.
    func claimDueWebhooks(now: Date, limit: Int, lease: TimeInterval, worker: String) async throws -> [WebhookJob]

    /// The facts of the delivery's subject as they are now; nil when it is gone (a comment
    /// erased before its first attempt) or for a ping.
    func webhookSubject(_ event: WebhookEvent, subjectID: Int64) async throws -> WebhookSubject?

    /// Keeps the body of the first attempt, so later attempts send the same bytes; a body
    /// already kept stays.
    func keepWebhookBody(_ id: WebhookDeliveryID, body: String) async throws

    /// Records an attempt's answer: with `delivered`, the delivery is done; otherwise with
    /// `retryAt` it stays pending and comes due then, and with nil it is given up. The lease is
    /// cleared. A delivery no longer pending is left as it is; settled deliveries of the endpoint
    /// beyond the newest ``Limits/webhookLogLength`` times five are deleted.
    func recordWebhookAttempt(
        _ id: WebhookDeliveryID, at: Date, response: WebhookResponse, delivered: Bool, retryAt: Date?
    ) async throws

    /// The endpoint's newest deliveries, newest first.
    func webhookDeliveries(endpoint: WebhookEndpointID, limit: Int) async throws -> [WebhookDelivery]

    /// The delivery with this id, or nil.
    func webhookDelivery(id: WebhookDeliveryID) async throws -> WebhookDelivery?
}
