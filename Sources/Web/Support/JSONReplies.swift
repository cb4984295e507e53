/// The JSON bodies the page script reads, one type each: their keys are the contract.

/// `POST /p/{slug}/comments` with `Accept: application/json`: the new comment and its card.
struct CreatedComment: Encodable {
    let id: Int
    /// Null (not absent) for a root comment: the script tells roots from replies by it.
    let parentId: Int?
    let url: String
    let html: String

    private enum CodingKeys: String, CodingKey { case id, parentId, url, html }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(parentId, forKey: .parentId)
        try container.encode(url, forKey: .url)
        try container.encode(html, forKey: .html)
    }
}

/// An edited comment's new card.
struct EditedComment: Encodable {
    let id: Int
    let html: String
}

/// A like toggled: the viewer's state and the new count.
struct LikeState: Encodable {
    let liked: Bool
    let count: Int
}

/// A deleted comment: `placeholder` (it had replies) or `removed`.
struct DeletedComment: Encodable {
    let outcome: String
}

/// A sign-in link sent.
struct LinkSent: Encodable {
    let sent = true
}

/// A password sign-in: the member's display name.
struct SignedIn: Encodable {
    let member: String
}

/// A subscription started: always `pending` (double opt-in).
struct SubscriptionStarted: Encodable {
    let subscribed = "pending"
}

/// A one-click unsubscribe done.
struct Unsubscribed: Encodable {
    let unsubscribed = true
}

/// A settings section saved.
struct SettingsSaved: Encodable {
    let saved: String
}

/// An account deleted.
struct AccountDeleted: Encodable {
    let deleted = true
}

/// A discussion followed or unfollowed.
struct FollowState: Encodable {
    let following: Bool
}

/// RFC 9457 problem details: what scripts get when a request is refused.
struct Problem: Encodable {
    var type = "about:blank"
    let status: Int
    let title: String
    let detail: String
    /// The refused field; absent when the refusal is not about one.
    let field: String?
}
