import Domain
import Foundation

/// Every text a reader sees, for one language. Pages take their words from here only,
/// so a translation is one more instance of this type.
///
/// A class, not a struct: every page model and card context holds it, and copying a struct of
/// a hundred strings and closures costs a retain and a release of each, for every card.
public final class Catalogue: Sendable {
    public let languageTag: String
    public let discussionHeading: String
    public let noPosts: String
    public let readyForMore: String
    public let subscribeBlurb: String
    public let subscribeButton: String
    public let emailLabel: String
    public let emailPlaceholder: String
    public let passwordLabel: String
    public let signIn: String
    public let signOut: String
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

    /// "NAME's avatar": the alt text of a member's picture on a comment card.
    public let avatarAlt: @Sendable (String) -> String
    /// "N more comments..." under the post page's preview.
    public let moreComments: @Sendable (Int) -> String
    /// "N more replies" where a thread folds.
    public let moreReplies: @Sendable (Int) -> String
    /// The like button's count, spelled out for screen readers.
    public let likesLabel: @Sendable (Int) -> String
    public let commentCount: @Sendable (Int) -> String
    public let moreFrom: @Sendable (String) -> String
    public let relativeAge: @Sendable (RelativeAge) -> String
    public let fullDate: @Sendable (Date) -> String
    public let errorMessage: @Sendable (FieldError.Reason) -> String

    /// The name shown for a member: theirs, or "Deleted member" for an account that was deleted.
    func name(of member: Member?) -> String {
        guard let member else { return "?" }
        return member.isDeleted ? account.deletedMember : member.displayName
    }

    public init(
        languageTag: String,
        discussionHeading: String,
        noPosts: String,
        readyForMore: String,
        subscribeBlurb: String,
        subscribeButton: String,
        emailLabel: String,
        emailPlaceholder: String,
        passwordLabel: String,
        signIn: String,
        signOut: String,
        signInTitle: String,
        signInToComment: String,
        signInToLike: String,
        orSubscribe: String,
        composerLabel: String,
        composerPlaceholder: String,
        replyPlaceholder: String,
        postButton: String,
        replyButton: String,
        reply: String,
        like: String,
        unlike: String,
        edit: String,
        saveEdit: String,
        cancel: String,
        delete: String,
        deleteConfirm: String,
        permalink: String,
        commentMenu: String,
        edited: String,
        commentDeleted: String,
        authorBadge: String,
        staffBadge: String,
        sortLabel: String,
        sortTop: String,
        sortNewest: String,
        sortOldest: String,
        nextPage: String,
        firstPage: String,
        noComments: String,
        discussionClosed: String,
        backToPost: String,
        wholeDiscussion: String,
        showingComment: String,
        notFoundTitle: String,
        notFoundBody: String,
        errorTitle: String,
        serverErrorBody: String,
        home: String,
        skipToContent: String,
        viewerAvatarAlt: String,
        posts: String,
        signedInAs: String,
        editCommentTitle: String,
        accountNavigation: String,
        pagesNavigation: String,
        networkError: String,
        postFailed: String,
        account: AccountText,
        avatarAlt: @escaping @Sendable (String) -> String,
        moreComments: @escaping @Sendable (Int) -> String,
        moreReplies: @escaping @Sendable (Int) -> String,
        likesLabel: @escaping @Sendable (Int) -> String,
        commentCount: @escaping @Sendable (Int) -> String,
        moreFrom: @escaping @Sendable (String) -> String,
        relativeAge: @escaping @Sendable (RelativeAge) -> String,
        fullDate: @escaping @Sendable (Date) -> String,
        errorMessage: @escaping @Sendable (FieldError.Reason) -> String
    ) {
        self.languageTag = languageTag
        self.discussionHeading = discussionHeading
        self.noPosts = noPosts
        self.readyForMore = readyForMore
        self.subscribeBlurb = subscribeBlurb
        self.subscribeButton = subscribeButton
        self.emailLabel = emailLabel
        self.emailPlaceholder = emailPlaceholder
        self.passwordLabel = passwordLabel
        self.signIn = signIn
        self.signOut = signOut
        self.signInTitle = signInTitle
        self.signInToComment = signInToComment
        self.signInToLike = signInToLike
        self.orSubscribe = orSubscribe
        self.composerLabel = composerLabel
        self.composerPlaceholder = composerPlaceholder
        self.replyPlaceholder = replyPlaceholder
        self.postButton = postButton
        self.replyButton = replyButton
        self.reply = reply
        self.like = like
        self.unlike = unlike
        self.edit = edit
        self.saveEdit = saveEdit
        self.cancel = cancel
        self.delete = delete
        self.deleteConfirm = deleteConfirm
        self.permalink = permalink
        self.commentMenu = commentMenu
        self.edited = edited
        self.commentDeleted = commentDeleted
        self.authorBadge = authorBadge
        self.staffBadge = staffBadge
        self.sortLabel = sortLabel
        self.sortTop = sortTop
        self.sortNewest = sortNewest
        self.sortOldest = sortOldest
        self.nextPage = nextPage
        self.firstPage = firstPage
        self.noComments = noComments
        self.discussionClosed = discussionClosed
        self.backToPost = backToPost
        self.wholeDiscussion = wholeDiscussion
        self.showingComment = showingComment
        self.notFoundTitle = notFoundTitle
        self.notFoundBody = notFoundBody
        self.errorTitle = errorTitle
        self.serverErrorBody = serverErrorBody
        self.home = home
        self.skipToContent = skipToContent
        self.viewerAvatarAlt = viewerAvatarAlt
        self.posts = posts
        self.signedInAs = signedInAs
        self.editCommentTitle = editCommentTitle
        self.accountNavigation = accountNavigation
        self.pagesNavigation = pagesNavigation
        self.networkError = networkError
        self.postFailed = postFailed
        self.account = account
        self.avatarAlt = avatarAlt
        self.moreComments = moreComments
        self.moreReplies = moreReplies
        self.likesLabel = likesLabel
        self.commentCount = commentCount
        self.moreFrom = moreFrom
        self.relativeAge = relativeAge
        self.fullDate = fullDate
        self.errorMessage = errorMessage
    }
}

extension Catalogue {
    /// English, the catalogue every other language starts from.
    public static let english = Catalogue(
        languageTag: "en",
        discussionHeading: "Discussion about this post",
        noPosts: "No posts",
        readyForMore: "Ready for more?",
        subscribeBlurb: "Get new posts in your inbox. No spam, unsubscribe any time.",
        subscribeButton: "Subscribe",
        emailLabel: "Email",
        emailPlaceholder: "Type your email…",
        passwordLabel: "Password",
        signIn: "Sign in",
        signOut: "Sign out",
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
        avatarAlt: { "\($0)'s avatar" },
        moreComments: { $0 == 1 ? "1 more comment..." : "\($0) more comments..." },
        moreReplies: { $0 == 1 ? "1 more reply" : "\($0) more replies" },
        likesLabel: { $0 == 1 ? "1 like" : "\($0) likes" },
        commentCount: { $0 == 1 ? "1 comment" : "\($0) comments" },
        moreFrom: { "More from \($0)" },
        relativeAge: { age in
            switch age {
            case .justNow: "now"
            case .minutes(let n): "\(n)m"
            case .hours(let n): "\(n)h"
            case .days(let n): "\(n)d"
            case .weeks(let n): "\(n)w"
            case .date(let date): englishDay(UTCDate(date))
            }
        },
        fullDate: { let d = UTCDate($0); return "\(englishDay(d)) at \(UTCDate.two(d.hour)):\(UTCDate.two(d.minute)) UTC" },
        errorMessage: { reason in
            switch reason {
            case .required: "This field is required."
            case .tooLong(let max): "This is too long: at most \(max) characters."
            case .tooShort(let min): "This is too short: at least \(min) characters."
            case .invalidEmail: "Enter a valid email address, like name@example.com."
            case .invalidUTF8: "This text could not be read (it is not valid UTF-8)."
            case .invalidSlug: "Use lowercase letters, digits and single hyphens."
            case .taken: "This is already taken."
            case .wrongCredentials: "That email and password do not match an account."
            case .notFound: "That no longer exists."
            case .notAllowed: "You are not allowed to do that."
            case .discussionClosed: "The discussion of this post is closed."
            case .replyToOtherPost: "You can only reply to a comment of this post."
            case .signInRequired: "Sign in to do that."
            case .csrf: "This form expired. Please submit it again."
            case .invalidChoice: "Choose one of the options."
            case .rateLimited: "Too many attempts. Please wait a few minutes and try again."
            case .linkUsed: "This link was already used."
            case .linkExpired: "This link has expired."
            case .unsupportedImage: "Upload a PNG, JPEG, WebP or GIF image."
            case .fileTooLarge(let max): "This file is too large: at most \(max / 1024) KB."
            case .imageTooLarge(let max): "This image is too large: at most \(max) pixels on each side."
            case .mismatch: "This does not match."
            }
        }
    )

    private static let englishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "Nov 16, 2026".
    private static func englishDay(_ date: UTCDate) -> String {
        "\(englishMonths[date.month - 1]) \(date.day), \(date.year)"
    }
}
