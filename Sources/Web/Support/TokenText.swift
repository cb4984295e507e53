import Domain

/// The words of a member's API tokens in their settings: a part of ``PageText``, declared the
/// same way, one line per text.
public struct TokenText: Sendable {
    public let heading: String
    public let intro: String
    /// Shown when the member has no token: how one is made (on the server's command line).
    public let none: String
    public let revoke: String
    public let revoked: String
    public let neverUsed: String
    /// The note after a token was revoked.
    public let revokedNotice: String
    /// "Created DATE".
    public let created: Phrase<String>
    /// "Last used DATE".
    public let lastUsed: Phrase<String>
    /// "Revoked DATE".
    public let revokedOn: Phrase<String>
}

extension TokenText {
    /// English, the catalogue every other language starts from.
    public static let english = TokenText(
        heading: "API tokens",
        intro: "Scripts and apps use a token to act as you through the JSON API. Revoke one you no longer use.",
        none: "You have no API tokens. The site's operator makes one with: parley token add --email YOUR-EMAIL --name NAME",
        revoke: "Revoke",
        revoked: "Revoked",
        neverUsed: "Never used",
        revokedNotice: "Token revoked: it opens nothing any more.",
        created: Phrase { "Created \($0)" },
        lastUsed: Phrase { "Last used \($0)" },
        revokedOn: Phrase { "Revoked \($0)" }
    )
}
