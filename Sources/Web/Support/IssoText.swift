import Domain

/// The words of the Isso API (`/isso/`): the name a guest without one is shown under, the
/// feed's titles and the reasons a request is refused. Part of ``PageText`` (`text.isso.…`),
/// declared as ``PageText`` is: one line per text, one value per language.
public struct IssoText: Sendable {
    /// The name of an anonymous comment's author who typed none.
    public let anonymousName: String
    /// The Atom feed of one discussion: "Comments on TITLE".
    public let feedTitle: Phrase<String>
    /// One comment in that feed: "Comment #ID".
    public let commentTitle: Phrase<Int>
    public let problemTitle: String
    public let notJSON: String
    public let badBody: String
    public let badURI: String
    /// A query parameter that must be a whole number (or one of a few words): its name.
    public let badParameter: Phrase<String>
    public let textTooShort: String
    public let anonymousOff: String
    public let notYours: String
    public let notFound: String
    public let tooManyURLs: Phrase<Int>

    /// English, the catalogue every other language starts from.
    public static let english = IssoText(
        anonymousName: "Anonymous",
        feedTitle: Phrase { "Comments on \($0)" },
        commentTitle: Phrase { "Comment #\($0)" },
        problemTitle: "Request refused",
        notJSON: "Changes through this API must be sent as JSON (Content-Type: application/json).",
        badBody: "The request's body is not the JSON this API takes.",
        badURI: "The uri parameter must name a page of a site allowed to embed discussions here.",
        badParameter: Phrase { "The \($0) parameter is not valid here." },
        textTooShort: "A comment needs at least 3 characters.",
        anonymousOff: "This site does not take anonymous comments: sign in to comment.",
        notYours: "This comment can no longer be changed from this browser.",
        notFound: "There is no such comment.",
        tooManyURLs: Phrase { "Ask about at most \($0) addresses at once." })
}
