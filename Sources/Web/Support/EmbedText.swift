import Domain
import Foundation

/// The words of the embed, for one language: the sign-in popup's pages, and every text
/// `embed.js` shows on a host page (served to it with the script, `EmbedScript`). A part of
/// ``PageText`` (`text.embed.…`), declared the same way, one line per text.
public struct EmbedText: Sendable {
    /// The popup's title: "Sign in on blog.example".
    public let signInTitle: Phrase<String>
    /// What continuing does, for the member NAME on the site SITE.
    public let signInIntro: Phrase<(String, String)>
    public let originRefused: String
    public let handoffTitle: String
    public let handoffBody: String
    /// On the hand-off page in a tab the popup did not open (an emailed link opened elsewhere).
    public let handoffNoOpener: String

    // The widget on the host page (`embed.js`).
    public let heading: String
    public let loading: String
    public let loadFailed: String
    public let signInToComment: String
    public let signInButton: String
    public let signOutButton: String
    public let popupBlocked: String
    public let composerLabel: String
    public let replyLabel: String
    public let postButton: String
    public let replyButton: String
    public let cancelButton: String
    public let like: String
    public let unlike: String
    public let report: String
    public let reportReasonLabel: String
    public let reportSpam: String
    public let reportAbuse: String
    public let reportOff: String
    public let reportSend: String
    public let reported: String
    public let heldNotice: String
    public let edited: String
    public let commentDeleted: String
    /// A held or removed comment's place, for readers who may not read it, while replies keep it.
    public let commentHidden: String
    public let sortLabel: String
    public let sortTop: String
    public let sortNewest: String
    public let sortOldest: String
    public let noComments: String
    public let closed: String
    /// Counted texts for the script: "{n}" is replaced by the number.
    public let newComment: String
    public let newComments: String
    public let moreReply: String
    public let moreReplies: String
    public let moreComment: String
    public let moreComments: String
    public let posted: String
    public let justNow: String
    public let authorBadge: String
    public let staffBadge: String
    public let subscriberBadge: String
    public let permalink: String
    public let signedInAs: String
    public let poweredBy: String
}

extension EmbedText {
    public static let english = EmbedText(
        signInTitle: Phrase { "Sign in on \($0)" },
        signInIntro: Phrase { "Continue as \($0.0) to comment and like under the pages of \($0.1). You can sign out there at any time." },
        originRefused: "This site may not embed the discussions of this publication.",
        handoffTitle: "Signed in",
        handoffBody: "You are signed in. This window closes by itself; if it does not, close it and go back to the page.",
        handoffNoOpener: "You are signed in here. Go back to the page with the discussion and press Sign in again to finish.",
        heading: "Discussion",
        loading: "Loading the discussion…",
        loadFailed: "The discussion could not be loaded.",
        signInToComment: "Sign in to comment, reply and like.",
        signInButton: "Sign in",
        signOutButton: "Sign out",
        popupBlocked: "Your browser blocked the sign-in window. Allow pop-ups for this page and try again.",
        composerLabel: "Your comment",
        replyLabel: "Your reply",
        postButton: "Post",
        replyButton: "Reply",
        cancelButton: "Cancel",
        like: "Like",
        unlike: "Unlike",
        report: "Report",
        reportReasonLabel: "Why should staff look at this comment?",
        reportSpam: "Spam",
        reportAbuse: "Abusive or harmful",
        reportOff: "Off topic",
        reportSend: "Send report",
        reported: "Thank you, staff will look at it.",
        heldNotice: "Your comment is waiting for approval; only you and staff can see it for now.",
        edited: "edited",
        commentDeleted: "Comment deleted",
        commentHidden: "This comment is hidden.",
        sortLabel: "Sort by",
        sortTop: "Top",
        sortNewest: "Newest",
        sortOldest: "Oldest",
        noComments: "No comments yet. Be the first to say something.",
        closed: "This discussion is closed.",
        newComment: "1 new comment",
        newComments: "{n} new comments",
        moreReply: "1 more reply",
        moreReplies: "{n} more replies",
        moreComment: "1 more comment…",
        moreComments: "{n} more comments…",
        posted: "Your comment is posted.",
        justNow: "now",
        authorBadge: "Author",
        staffBadge: "Staff",
        subscriberBadge: "Subscriber",
        permalink: "Link",
        signedInAs: "Signed in as",
        poweredBy: "Discussion by"
    )
}
