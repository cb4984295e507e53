/// What a webhook endpoint can be told about. The raw value is the event's name on the wire
/// (`Parley-Webhook-Event`, the body's `type`) and in the database; keep them.
public enum WebhookEvent: String, CaseIterable, Sendable, Codable, Hashable {
    /// A comment became visible: posted, or approved after being held.
    case commentPosted = "comment.posted"
    /// A comment was held for review: when written, or later (reports, an edit).
    case commentHeld = "comment.held"
    /// A reader reported a comment.
    case commentReported = "comment.reported"
    /// A member account was created.
    case memberJoined = "member.joined"
    /// A newsletter subscriber became active (confirmed the link, or added by staff).
    case subscriberConfirmed = "subscriber.confirmed"
    /// A post was published (now, or when its scheduled time came).
    case postPublished = "post.published"
    /// The owner's "Send a test" button: sent to one endpoint, whatever its events.
    case ping = "webhook.ping"

    /// The events an owner can choose for an endpoint (all but ``ping``).
    public static let subscribable: [WebhookEvent] = allCases.filter { $0 != .ping }

    /// The events of a stored list (names separated by spaces); unknown names are skipped.
    public static func list(_ stored: String) -> [WebhookEvent] {
        let names = Set(stored.split(separator: " ").map(String.init))
        return subscribable.filter { names.contains($0.rawValue) }
    }

    /// How a list is stored: names in a fixed order, separated (and surrounded) by spaces, so a
    /// database trigger finds an event with `LIKE '% comment.posted %'`.
    public static func stored(_ events: [WebhookEvent]) -> String {
        let chosen = Set(events)
        return " " + subscribable.filter { chosen.contains($0) }.map(\.rawValue).joined(separator: " ") + " "
    }
}
