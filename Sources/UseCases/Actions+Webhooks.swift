import Domain
import Foundation
import Storage
import Webhooks

/// What the owner typed to add a webhook endpoint.
public struct WebhookEndpointInput: Sendable {
    public var url: String
    /// Event names as the form sends them; unknown ones are refused.
    public var events: [String]
    public var format: String

    public init(url: String, events: [String], format: String) {
        self.url = url
        self.events = events
        self.format = format
    }
}

extension Actions {
    /// Adds a webhook endpoint for the site's owner, with a new secret (shown once by the page
    /// after saving, see `WebhookStore.revealWebhookSecret`).
    ///
    /// Refuses, naming the field: a viewer who is not an owner (`dashboard`, `.notAllowed`); a
    /// URL that is not `https://` (or `http://` where private addresses are allowed), whose host
    /// has no address (`url`, `.notFound`) or resolves to one that is not public (`url`,
    /// `.notAllowed`); no event or an unknown one (`events`); an unknown format (`format`); and a
    /// site that already has `Limits.webhookEndpoints` (`url`, `.outOfRange`). Nothing is written
    /// then.
    public func addWebhookEndpoint(_ input: WebhookEndpointInput, by viewer: Member, allowPrivate: Bool) async throws -> WebhookEndpoint {
        guard viewer.role == .owner else { throw FieldError("dashboard", .notAllowed) }
        let destination = WebhookDestination(allowPrivate: allowPrivate)
        let url = try destination.url(input.url)
        guard input.events.count <= WebhookEvent.subscribable.count * 2 else { throw FieldError("events", .invalidChoice) }
        let events = try input.events.map { name throws(FieldError) -> WebhookEvent in
            guard let event = WebhookEvent(rawValue: name), event != .ping else { throw FieldError("events", .invalidChoice) }
            return event
        }
        guard !events.isEmpty else { throw FieldError("events", .required) }
        guard let format = WebhookFormat(rawValue: input.format) else { throw FieldError("format", .invalidChoice) }
        do {
            _ = try await destination.address(for: url)
        } catch {
            switch error {
            case .unresolved: throw FieldError("url", .notFound)
            case .notPublic: throw FieldError("url", .notAllowed)
            }
        }
        let endpoint = NewWebhookEndpoint(url: url.text, events: events, format: format, secret: WebhookSignature.newSecret())
        guard let added = try await store.addWebhookEndpoint(endpoint, limit: Limits.webhookEndpoints, now: now) else {
            throw FieldError("url", .outOfRange(min: 0, max: Limits.webhookEndpoints))
        }
        return added
    }

    /// Removes an endpoint and its log; pending deliveries to it are never sent. Owners only.
    public func removeWebhookEndpoint(_ id: WebhookEndpointID, by viewer: Member) async throws {
        guard viewer.role == .owner else { throw FieldError("dashboard", .notAllowed) }
        guard try await store.removeWebhookEndpoint(id) else { throw FieldError("endpoint", .notFound) }
    }

    /// Queues a `webhook.ping` to the endpoint, so the owner can see it arrive. Owners only.
    @discardableResult
    public func sendWebhookTest(_ id: WebhookEndpointID, by viewer: Member) async throws -> WebhookDeliveryID {
        guard viewer.role == .owner else { throw FieldError("dashboard", .notAllowed) }
        guard let delivery = try await store.enqueueWebhookPing(id, now: now) else { throw FieldError("endpoint", .notFound) }
        return delivery
    }
}
