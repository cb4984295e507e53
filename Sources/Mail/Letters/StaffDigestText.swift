import Domain

/// The words of the staff digest ("what waits in the moderation queue"), for one language:
/// a part of ``LetterText``, declared the same way, one line per text.
public struct StaffDigestText: Sendable {
    /// The subject: how many comments wait.
    public let subject: Phrase<Int>
    public let intro: Phrase<String>
    /// "N held for approval".
    public let heldCount: Phrase<Int>
    /// "N reported".
    public let reportedCount: Phrase<Int>
    /// Above each comment: "By NAME", then "On POST".
    public let itemAuthor: Phrase<String>
    public let itemPost: Phrase<String>
    /// Why the comment waits, e.g. "Held: likely spam (0.97)" or "Reported 3 times".
    public let reportedTimes: Phrase<Int>
    public let heldItem: String
    public let approve: String
    public let reject: String
    /// Why the links are safe to follow: they open a page with a button, they do nothing alone.
    public let linksHint: Phrase<Int>
    public let openQueue: String
    /// Why staff get this email.
    public let reason: Phrase<String>
}

extension StaffDigestText {
    public static let english = StaffDigestText(
        subject: Phrase { $0 == 1 ? "1 comment waits for moderation" : "\($0) comments wait for moderation" },
        intro: Phrase { "Here is what waits in the moderation queue of \($0)." },
        heldCount: Phrase { $0 == 1 ? "1 held for approval" : "\($0) held for approval" },
        reportedCount: Phrase { $0 == 1 ? "1 reported" : "\($0) reported" },
        itemAuthor: Phrase { "By \($0)" },
        itemPost: Phrase { "On \($0)" },
        reportedTimes: Phrase { $0 == 1 ? "Reported once" : "Reported \($0) times" },
        heldItem: "Held for approval",
        approve: "Approve",
        reject: "Reject",
        linksHint: Phrase { "Approve and Reject open a page where you confirm; they work for \($0) days and only for you." },
        openQueue: "Open the moderation queue",
        reason: Phrase { "You are getting this email because you moderate \($0)." }
    )
}
