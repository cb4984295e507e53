import Foundation

public typealias WebhookEndpointID = Identifier<WebhookEndpoint>
public typealias WebhookDeliveryID = Identifier<WebhookDelivery>

/// An address the owner asked Parley to tell about events, as stored.
public struct WebhookEndpoint: Sendable, Hashable, Identifiable {
    public var id: WebhookEndpointID
    public var url: String
    public var events: [WebhookEvent]
    public var format: WebhookFormat
    /// The key deliveries are signed with (`whsec_` and 64 hex digits). Shown to the owner once.
    public var secret: String
    /// Whether the secret has been shown (it is shown once, on the page after saving).
    public var secretShown: Bool
    public var createdAt: Date

    public init(
        id: WebhookEndpointID, url: String, events: [WebhookEvent], format: WebhookFormat, secret: String, secretShown: Bool,
        createdAt: Date
    ) {
        self.id = id
        self.url = url
        self.events = events
        self.format = format
        self.secret = secret
        self.secretShown = secretShown
        self.createdAt = createdAt
    }
}

/// An endpoint to add; its URL already checked (``WebhookURL``).
public struct NewWebhookEndpoint: Sendable, Hashable {
    public var url: String
    public var events: [WebhookEvent]
    public var format: WebhookFormat
    public var secret: String

    public init(url: String, events: [WebhookEvent], format: WebhookFormat, secret: String) {
        self.url = url
        self.events = events
        self.format = format
        self.secret = secret
    }
}

/// Where a delivery is in its life, like an outbox job: waiting (or being sent), delivered
/// (a 2xx answer), or given up on.
public enum WebhookDeliveryStatus: String, Sendable, Codable, Hashable, CaseIterable {
    case pending
    case delivered
    case failed
}

/// What the endpoint answered to the last attempt.
public struct WebhookResponse: Sendable, Hashable {
    /// The HTTP status; nil when no answer came (refused, timed out, address refused).
    public var status: Int?
    /// The start of the answer's body, or why there was none.
    public var excerpt: String
    public var milliseconds: Int

    public init(status: Int?, excerpt: String, milliseconds: Int) {
        self.status = status
        self.excerpt = excerpt
        self.milliseconds = milliseconds
    }
}

/// One event to tell one endpoint: a job of the webhook outbox, and a line of its log.
public struct WebhookDelivery: Sendable, Hashable, Identifiable {
    public var id: WebhookDeliveryID
    public var endpointID: WebhookEndpointID
    public var event: WebhookEvent
    /// The comment, member, subscriber or post the event is about (for `ping`, the endpoint).
    public var subjectID: Int64
    /// The body as first sent, so that every retry sends the same bytes; nil before the first attempt.
    public var body: String?
    public var status: WebhookDeliveryStatus
    /// Attempts claimed so far (counted when claimed, as the outbox does).
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastResponse: WebhookResponse?
    public var lastAttemptAt: Date?
    public var createdAt: Date

    public init(
        id: WebhookDeliveryID, endpointID: WebhookEndpointID, event: WebhookEvent, subjectID: Int64, body: String?,
        status: WebhookDeliveryStatus, attempts: Int, nextAttemptAt: Date, lastResponse: WebhookResponse?, lastAttemptAt: Date?,
        createdAt: Date
    ) {
        self.id = id
        self.endpointID = endpointID
        self.event = event
        self.subjectID = subjectID
        self.body = body
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastResponse = lastResponse
        self.lastAttemptAt = lastAttemptAt
        self.createdAt = createdAt
    }
}
