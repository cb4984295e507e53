import Domain
import Foundation

/// The words of the webhooks settings page (`/dashboard/settings/webhooks`), for one
/// language: a part of ``PageText``, declared the same way.
public struct WebhooksText: Sendable {
    public let title: String
    public let intro: String
    public let secretHeading: String
    /// Above the new secret, which is shown this once.
    public let secretOnce: String
    public let noEndpoints: String
    public let endpointsHeading: String
    public let eventsLabel: String
    public let formatLabel: String
    public let lastResponseLabel: String
    public let noDeliveries: String
    /// "200 in 35 ms": the status, and the milliseconds the answer took.
    public let responseSummary: Phrase<(String, Int)>
    /// When no answer came: the milliseconds waited.
    public let noAnswer: Phrase<Int>
    public let logCaption: Phrase<String>
    public let whenColumn: String
    public let eventColumn: String
    public let statusColumn: String
    public let attemptsColumn: String
    public let responseColumn: String
    public let sendTest: String
    public let testQueued: String
    public let remove: String
    public let removed: String
    public let addHeading: String
    public let urlLabel: String
    public let urlHint: String
    public let urlHintPrivate: String
    public let addButton: String
    public let added: String
    public let urlInvalid: String
    public let urlInvalidPrivate: String
    public let urlUnresolved: String
    public let urlNotPublic: String
    public let tooMany: Phrase<Int>
    public let eventsRequired: String
    public let formatParley: String
    public let formatSlack: String
    public let ownersOnly: String
    /// The name of each event, as the form and the log show it.
    public let events: WebhookEventNames
    /// The name of each delivery state.
    public let statuses: WebhookStatusNames

    public static let english = WebhooksText(
        title: "Webhooks",
        intro:
            "Parley posts a signed JSON message to each address below when one of its events happens. A delivery that is not answered with a 2xx status is tried again, less and less often, for up to about a day.",
        secretHeading: "Signing secret",
        secretOnce: "Copy this secret now: it will not be shown again. Check each delivery's Parley-Webhook-Signature header with it.",
        noEndpoints: "No webhooks yet.",
        endpointsHeading: "Endpoints",
        eventsLabel: "Events",
        formatLabel: "Format",
        lastResponseLabel: "Last response",
        noDeliveries: "Nothing sent yet.",
        responseSummary: Phrase { status, milliseconds in "\(status) in \(milliseconds) ms" },
        noAnswer: Phrase { "No answer after \($0) ms" },
        logCaption: Phrase { url in "Recent deliveries to \(url)" },
        whenColumn: "When",
        eventColumn: "Event",
        statusColumn: "Status",
        attemptsColumn: "Attempts",
        responseColumn: "Response",
        sendTest: "Send a test",
        testQueued: "A test message is on its way.",
        remove: "Remove",
        removed: "Webhook removed.",
        addHeading: "Add a webhook",
        urlLabel: "Address (URL)",
        urlHint: "An https:// address on the public internet.",
        urlHintPrivate: "An https:// or http:// address; this server allows private and loopback addresses.",
        addButton: "Add webhook",
        added: "Webhook added.",
        urlInvalid: "Enter an https:// address with a host, without a user name, password or #fragment.",
        urlInvalidPrivate: "Enter an http:// or https:// address with a host, without a user name, password or #fragment.",
        urlUnresolved: "That host name has no address.",
        urlNotPublic: "That address is on a loopback or private network, which webhooks may not reach.",
        tooMany: Phrase { "A site can have at most \($0) webhooks." },
        eventsRequired: "Choose at least one event.",
        formatParley: "Parley JSON (signed; see docs/WEBHOOKS.md)",
        formatSlack: "Slack-compatible message ({\"text\": ...}, for Slack, Mattermost or Rocket.Chat)",
        ownersOnly: "Only the site's owners can manage webhooks.",
        events: WebhookEventNames(
            commentPosted: "Comment posted", commentHeld: "Comment held for review", commentReported: "Comment reported",
            memberJoined: "Member joined", subscriberConfirmed: "Subscriber confirmed", postPublished: "Post published", ping: "Test"),
        statuses: WebhookStatusNames(pending: "Waiting", delivered: "Delivered", failed: "Failed")
    )
}

/// The name of each webhook event, one text each (so the catalogue check reads every one).
public struct WebhookEventNames: Sendable {
    public let commentPosted: String
    public let commentHeld: String
    public let commentReported: String
    public let memberJoined: String
    public let subscriberConfirmed: String
    public let postPublished: String
    public let ping: String

    public func name(_ event: WebhookEvent) -> String {
        switch event {
        case .commentPosted: commentPosted
        case .commentHeld: commentHeld
        case .commentReported: commentReported
        case .memberJoined: memberJoined
        case .subscriberConfirmed: subscriberConfirmed
        case .postPublished: postPublished
        case .ping: ping
        }
    }
}

/// The name of each state of a delivery.
public struct WebhookStatusNames: Sendable {
    public let pending: String
    public let delivered: String
    public let failed: String

    public func name(_ status: WebhookDeliveryStatus) -> String {
        switch status {
        case .pending: pending
        case .delivered: delivered
        case .failed: failed
        }
    }
}
