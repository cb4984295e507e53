/// The shape of a webhook's body.
public enum WebhookFormat: String, CaseIterable, Sendable, Codable, Hashable {
    /// Parley's own JSON (docs/WEBHOOKS.md): the event's type, id, time and data.
    case parley
    /// A Slack-compatible incoming-webhook body: `{"text": "..."}` (Slack, Mattermost,
    /// Rocket.Chat, Discord's `/slack` endpoint).
    case slack
}
