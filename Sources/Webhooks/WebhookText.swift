import Domain

/// Every text a person reads in a Slack-compatible webhook message, for one language: the
/// messages take their words from here only, as letters do from `LetterText`.
///
/// The values are plain text; ``WebhookBody`` escapes them for Slack's markup.
public struct WebhookText: Sendable {
    public let languageTag: String
    /// "AUTHOR commented on “TITLE”".
    public let commentPosted: Phrase<(String, String)>
    /// "A comment by AUTHOR on “TITLE” is held for review".
    public let commentHeld: Phrase<(String, String)>
    /// "REPORTER reported a comment by AUTHOR on “TITLE” (REASON)".
    public let commentReported: Phrase<(String, String, String, String)>
    /// "NAME joined".
    public let memberJoined: Phrase<String>
    /// "New subscriber: EMAIL".
    public let subscriberConfirmed: Phrase<String>
    /// "Published: “TITLE” by AUTHOR".
    public let postPublished: Phrase<(String, String)>
    /// The test message of the settings page's button, naming the site's address.
    public let ping: Phrase<String>
    /// An event whose subject was removed before it could be told, by its event name.
    public let gone: Phrase<String>
    /// The link to the comment, the post or the moderation queue.
    public let openLink: String
    public let reviewLink: String
    public let readLink: String

    public static let english = WebhookText(
        languageTag: "en",
        commentPosted: Phrase { author, title in "\(author) commented on “\(title)”" },
        commentHeld: Phrase { author, title in "A comment by \(author) on “\(title)” is held for review" },
        commentReported: Phrase { reporter, author, title, reason in
            "\(reporter) reported a comment by \(author) on “\(title)” (\(reason))"
        },
        memberJoined: Phrase { name in "\(name) joined" },
        subscriberConfirmed: Phrase { email in "New subscriber: \(email)" },
        postPublished: Phrase { title, author in "Published: “\(title)” by \(author)" },
        ping: Phrase { site in "A test message from Parley at \(site): this endpoint is set up." },
        gone: Phrase { event in "An event (\(event)) about something that has since been removed." },
        openLink: "Open",
        reviewLink: "Review",
        readLink: "Read"
    )
}
