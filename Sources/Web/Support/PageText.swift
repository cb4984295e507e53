import Domain
import Foundation

/// Every text of the pages, for one language: one line per text here, and one value per
/// language (``english`` below). The compiler holds every language to every text, in order:
/// the memberwise initialiser is the only way to make one. Pages read these through
/// ``Catalogue`` (`text.noPosts`, `text.moreComments(n)`).
///
/// A text with values in it is a ``Phrase``; `CatalogueTests` tries every phrase of every
/// language with sample values and fails on an empty text or a value left out.
public struct PageText: Sendable {
    public let languageTag: String
    public let discussionHeading: String
    public let noPosts: String
    public let readyForMore: String
    public let subscribeBlurb: String
    public let subscribeButton: String
    public let emailLabel: String
    public let emailPlaceholder: String
    /// The label of the field only scripts fill in (`HumanCheck`): screen readers skip it.
    public let leaveEmpty: String
    public let passwordLabel: String
    public let signIn: String
    public let signOut: String
    /// The header link staff take to their side: the dashboard, or the moderation queue.
    public let dashboardLink: String
    public let signInTitle: String
    public let signInToComment: String
    public let signInToLike: String
    public let orSubscribe: String
    public let composerLabel: String
    public let composerPlaceholder: String
    public let replyPlaceholder: String
    public let postButton: String
    public let replyButton: String
    public let reply: String
    public let like: String
    public let unlike: String
    public let edit: String
    public let saveEdit: String
    public let cancel: String
    public let delete: String
    public let deleteConfirm: String
    public let permalink: String
    public let commentMenu: String
    public let edited: String
    public let commentDeleted: String
    public let authorBadge: String
    public let staffBadge: String
    public let sortLabel: String
    public let sortTop: String
    public let sortNewest: String
    public let sortOldest: String
    public let nextPage: String
    public let firstPage: String
    public let noComments: String
    public let discussionClosed: String
    public let backToPost: String
    public let wholeDiscussion: String
    public let showingComment: String
    public let notFoundTitle: String
    public let notFoundBody: String
    public let errorTitle: String
    /// The page of a server error (5xx): no details, they are in the log.
    public let serverErrorBody: String
    public let home: String
    public let skipToContent: String
    public let viewerAvatarAlt: String
    public let posts: String
    public let signedInAs: String
    public let editCommentTitle: String
    public let accountNavigation: String
    public let pagesNavigation: String
    /// What the page script says when the connection fails, or the server refuses without a reason.
    public let networkError: String
    public let postFailed: String
    /// Sign-in links, subscriptions, settings and member pages.
    public let account: AccountText
    /// Moderation on discussion pages: badges, markers, reports, mutes, staff buttons.
    public let rules: ReaderModerationText
    /// The staff pages: moderation queue, bans, members, audit log, moderation settings.
    public let moderation: ModerationText
    /// Publication settings, the about page, the site footer and the first-run setup.
    public let publication: PublicationText
    /// The archive and its search, feeds, the subscribers-only teaser, likes from a newsletter.
    public let readers: ReaderText
    /// The writer's pages: the posts list and the editor.
    public let editor: EditorText
    /// The writer's audience pages: dashboard home, subscribers, import, figures.
    public let audience: AudienceText
    /// A member's API tokens in their settings.
    public let tokens: TokenText
    /// The owner's webhooks page.
    public let webhooks: WebhooksText
    /// The embed: its sign-in popup, and the widget `embed.js` draws on other sites' pages.
    public let embed: EmbedText
    /// Live updates on discussion pages.
    public let live: LiveText
    /// The JSON API's problems and its reference page.
    public let api: APIText
    /// The Isso API's guest name, feed titles and refusals.
    public let isso: IssoText
    /// The dashboard's import pages.
    public let importing: ImportText

    /// "NAME's avatar": the alt text of a member's picture on a comment card.
    public let avatarAlt: Phrase<String>
    /// "N more comments..." under the post page's preview.
    public let moreComments: Phrase<Int>
    /// "N more replies" where a thread folds.
    public let moreReplies: Phrase<Int>
    /// The like button's count, spelled out for screen readers.
    public let likesLabel: Phrase<Int>
    public let commentCount: Phrase<Int>
    public let moreFrom: Phrase<String>
    public let relativeAge: Phrase<RelativeAge>
    public let fullDate: Phrase<Date>
    public let errorMessage: Phrase<RefusalReason>
}

extension PageText {
    /// English, the catalogue every other language starts from.
    public static let english = PageText(
        languageTag: "en",
        discussionHeading: "Discussion about this post",
        noPosts: "No posts",
        readyForMore: "Ready for more?",
        subscribeBlurb: "Get new posts in your inbox. No spam, unsubscribe any time.",
        subscribeButton: "Subscribe",
        emailLabel: "Email",
        emailPlaceholder: "Type your email…",
        leaveEmpty: "Leave this field empty",
        passwordLabel: "Password",
        signIn: "Sign in",
        signOut: "Sign out",
        dashboardLink: "Dashboard",
        signInTitle: "Sign in",
        signInToComment: "Sign in to join the discussion",
        signInToLike: "Sign in to like comments.",
        orSubscribe: "or subscribe",
        composerLabel: "Write a comment",
        composerPlaceholder: "Write a comment…",
        replyPlaceholder: "Write a reply…",
        postButton: "Post",
        replyButton: "Reply",
        reply: "Reply",
        like: "Like",
        unlike: "Unlike",
        edit: "Edit",
        saveEdit: "Save",
        cancel: "Cancel",
        delete: "Delete",
        deleteConfirm: "Delete this comment?",
        permalink: "Link",
        commentMenu: "More actions",
        edited: "edited",
        commentDeleted: "Comment deleted",
        authorBadge: "Author",
        staffBadge: "Staff",
        sortLabel: "Sort by",
        sortTop: "Top",
        sortNewest: "Newest",
        sortOldest: "Oldest",
        nextPage: "More comments",
        firstPage: "Back to the first comments",
        noComments: "No comments yet. Start the discussion.",
        discussionClosed: "The discussion of this post is closed.",
        backToPost: "Back to the post",
        wholeDiscussion: "See the whole discussion",
        showingComment: "Showing one conversation",
        notFoundTitle: "Not found",
        notFoundBody: "There is nothing at this address.",
        errorTitle: "Something went wrong",
        serverErrorBody: "The site could not answer just now. Please try again in a moment.",
        home: "Home",
        skipToContent: "Skip to content",
        viewerAvatarAlt: "User's avatar",
        posts: "Posts",
        signedInAs: "Signed in as",
        editCommentTitle: "Edit your comment",
        accountNavigation: "Account",
        pagesNavigation: "Pages",
        networkError: "The connection failed. Your text is still here; please try again.",
        postFailed: "Your comment could not be posted. Please try again.",
        account: .english,
        rules: .english,
        moderation: .english,
        publication: .english,
        readers: .english,
        editor: .english,
        audience: .english,
        tokens: .english,
        webhooks: .english,
        embed: .english,
        live: .english,
        api: .english,
        isso: .english,
        importing: .english,
        avatarAlt: Phrase { "\($0)'s avatar" },
        moreComments: Phrase { $0 == 1 ? "1 more comment..." : "\($0) more comments..." },
        moreReplies: Phrase { $0 == 1 ? "1 more reply" : "\($0) more replies" },
        likesLabel: Phrase { $0 == 1 ? "1 like" : "\($0) likes" },
        commentCount: Phrase { $0 == 1 ? "1 comment" : "\($0) comments" },
        moreFrom: Phrase { "More from \($0)" },
        relativeAge: Phrase { age in
            switch age {
            case .justNow: "now"
            case .minutes(let n): "\(n)m"
            case .hours(let n): "\(n)h"
            case .days(let n): "\(n)d"
            case .weeks(let n): "\(n)w"
            case .date(let date): englishDay(UTCDate(date))
            }
        },
        fullDate: Phrase {
            let d = UTCDate($0); return "\(englishDay(d)) at \(UTCDate.two(d.hour)):\(UTCDate.two(d.minute)) UTC"
        },
        errorMessage: Phrase { refusal in
            switch refusal {
            case .csrf: "This form expired. Please submit it again."
            case .invalidUTF8: "This text could not be read (it is not valid UTF-8)."
            case .rateLimited(let seconds) where seconds <= 90:
                "Too many attempts in a short time. Please wait \(seconds) seconds and try again."
            case .rateLimited(let seconds): "Too many attempts in a short time. Please wait \((seconds + 59) / 60) minutes and try again."
            case .automatedForm: "This form could not be accepted. Please wait a few seconds and send it again."
            case .field(let reason):
                switch reason {
                case .required: "This field is required."
                case .tooLong(let max): "This is too long: at most \(max) characters."
                case .tooShort(let min): "This is too short: at least \(min) characters."
                case .invalidEmail: "Enter a valid email address, like name@example.com."
                case .invalidSlug: "Use lowercase letters, digits and single hyphens."
                case .taken: "This is already taken."
                case .wrongCredentials: "That email and password do not match an account."
                case .notFound: "That no longer exists."
                case .notAllowed: "You are not allowed to do that."
                case .discussionClosed: "The discussion of this post is closed."
                case .replyToOtherPost: "You can only reply to a comment of this post."
                case .signInRequired: "Sign in to do that."
                case .invalidChoice: "Choose one of the options."
                case .linkUsed: "This link was already used."
                case .linkExpired: "This link has expired."
                case .unsupportedImage: "Upload a PNG, JPEG, WebP or GIF image."
                case .fileTooLarge(let max): "This file is too large: at most \(max / 1024) KB."
                case .imageTooLarge(let max): "This image is too large: at most \(max) pixels on each side."
                case .mismatch: "This does not match."
                case .banned(let until):
                    until.map {
                        let d = UTCDate($0)
                        return
                            "You are banned from the discussions until \(englishDay(d)) at \(UTCDate.two(d.hour)):\(UTCDate.two(d.minute)) UTC."
                    }
                        ?? "You are banned from the discussions."
                case .subscribersOnly: "Only subscribers can join this discussion. Subscribe with your account's email to take part."
                case .staffOnly: "Only the publication's staff can comment on this post."
                case .blockedWord(let word):
                    "Your comment contains “\(word)”, which this publication does not allow. Edit it and try again."
                case .lastOwner: "The site needs an owner: make someone else an owner first."
                case .outOfRange(let min, let max): "Enter a whole number from \(min) to \(max)."
                case .tooManyAddresses(let max): "This list is too long: import at most \(max) addresses at a time."
                }
            }
        }
    )

    private static let englishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "Nov 16, 2026".
    private static func englishDay(_ date: UTCDate) -> String {
        "\(englishMonths[date.month - 1]) \(date.day), \(date.year)"
    }
}
