import Domain
import Foundation

/// Every text a reader sees in Parley's emails, for one language. Letters take their words
/// from here only, so a translation is one more instance of this type.
///
/// Declared as the pages' `PageText` is: one line per text, one value per language, and a
/// text with values in it is a ``Phrase``. The values (names, titles, the publication's name)
/// are plain text; ``Letters`` flattens them to one line and escapes them for the HTML part.
public struct LetterText: Sendable {
    public let languageTag: String

    // Sign-in link.
    /// "Sign in to PUBLICATION".
    public let signInSubject: Phrase<String>
    public let signInIntro: Phrase<String>
    public let signInButton: String
    /// How long the link works, and that it works once.
    public let signInValidity: Phrase<Int>
    public let signInIgnore: String

    // Double opt-in.
    /// "Confirm your subscription to PUBLICATION".
    public let confirmSubject: Phrase<String>
    public let confirmIntro: Phrase<String>
    public let confirmButton: String
    public let confirmIgnore: String

    // Shared by the letters with a button.
    /// Above the bare link, for readers whose mail program hides or breaks the button.
    public let linkFallback: String

    // A new post.
    /// "By AUTHOR".
    public let byline: Phrase<String>
    public let readOnline: String
    /// Why the reader gets the newsletter.
    public let newsletterReason: Phrase<String>
    /// The newsletter's buttons into the post's discussion, and their lines in the text part.
    public let likeButton: String
    public let leaveComment: String
    public let likePost: String
    /// Above the addresses of the post's links in the text part.
    public let linksHeading: String

    // Comment notifications.
    /// The subject of a digest: (what it holds, the publication's name).
    public let digestSubject: Phrase<(DigestSubject, String)>
    public let greeting: Phrase<String>
    public let digestIntro: Phrase<String>
    /// The heading over one kind of notification.
    public let digestHeading: Phrase<NotificationKind>
    /// "NAME replied on POST" and the like, above each excerpt: (kind, commenter, post title).
    public let digestItemTitle: Phrase<(NotificationKind, String, String)>
    public let readAndReply: String
    /// Why the reader gets notification emails.
    public let digestReason: Phrase<String>
    public let notificationSettings: String

    // A comment moderators did not publish.
    /// "Your comment on POST was not published".
    public let rejectedSubject: Phrase<String>
    public let rejectedIntro: Phrase<String>
    public let rejectedReason: String
    public let rejectedComment: String
    public let rejectedPostLink: String

    /// The visible unsubscribe link, in every letter a reader can stop.
    public let unsubscribe: String

    /// The digest of the moderation queue, for staff.
    public let staffDigest: StaffDigestText
}

extension LetterText {
    /// Every language Parley's emails speak; `LetterTextTests` checks each of them.
    public static let all: [LetterText] = [english]

    /// English, the catalogue every other language starts from.
    public static let english = LetterText(
        languageTag: "en",
        signInSubject: Phrase { "Sign in to \($0)" },
        signInIntro: Phrase { "Use the button below to sign in to \($0)." },
        signInButton: "Sign in",
        signInValidity: Phrase { minutes in
            minutes == 1 ? "The link works once, for the next minute." : "The link works once, for the next \(minutes) minutes."
        },
        signInIgnore: "If you did not ask to sign in, ignore this email: nobody can sign in without the link.",
        confirmSubject: Phrase { "Confirm your subscription to \($0)" },
        confirmIntro: Phrase { "Please confirm that you want to get new posts from \($0) by email." },
        confirmButton: "Confirm subscription",
        confirmIgnore: "If you did not ask to subscribe, ignore this email and you will not get anything more.",
        linkFallback: "If the button does not work, copy this address into your browser:",
        byline: Phrase { "By \($0)" },
        readOnline: "Read it on the web",
        newsletterReason: Phrase { "You are getting this email because you subscribed to \($0)." },
        likeButton: "♥ Like",
        leaveComment: "Leave a comment",
        likePost: "Like this post",
        linksHeading: "Links",
        digestSubject: Phrase { subject, publication in
            switch subject {
            case .oneReply(let commenter): "\(commenter) replied to your comment"
            case .oneMention(let commenter): "\(commenter) mentioned you"
            case .oneComment(let commenter, let postTitle): "\(commenter) commented on \(postTitle)"
            case .replies(let count): "\(count) new replies on \(publication)"
            case .mentions(let count): "\(count) new mentions on \(publication)"
            case .repliesAndMentions(let count): "\(count) new replies and mentions on \(publication)"
            case .commentsOnPost(_, let postTitle): "New comments on \(postTitle)"
            case .commentsOnPublication(let count): "\(count) new comments on \(publication)"
            case .mixed(let count): "\(count) new replies and comments on \(publication)"
            case .activity: "New activity on \(publication)"
            }
        },
        greeting: Phrase { "Hi \($0)," },
        digestIntro: Phrase { "Here is what is new for you on \($0)." },
        digestHeading: Phrase { kind in
            switch kind {
            case .reply: "Replies to your comments"
            case .mention: "Mentions of you"
            case .follow: "New comments in discussions you follow"
            }
        },
        digestItemTitle: Phrase { kind, commenter, postTitle in
            switch kind {
            case .reply: "\(commenter) replied on \(postTitle)"
            case .mention: "\(commenter) mentioned you on \(postTitle)"
            case .follow: "\(commenter) commented on \(postTitle)"
            }
        },
        readAndReply: "Read and reply",
        digestReason: Phrase { "You are getting this email because comment notifications are on for your account at \($0)." },
        notificationSettings: "Choose which emails you get",
        rejectedSubject: Phrase { "Your comment on \($0) was not published" },
        rejectedIntro: Phrase { "The moderators did not publish your comment on \($0)." },
        rejectedReason: "Their reason:",
        rejectedComment: "Your comment:",
        rejectedPostLink: "Go to the post",
        unsubscribe: "Unsubscribe",
        staffDigest: .english
    )
}
