import Domain

/// The words of sign-in links, subscriptions, settings, member pages and unsubscribing: part
/// of ``PageText`` (`text.account.…`), kept in a type of its own so neither grows unreadable.
/// Declared as ``PageText`` is: one line per text, one value per language.
public struct AccountText: Sendable {
    public let signInBlurb: String
    public let sendLink: String
    public let orPassword: String
    public let passwordSignIn: String
    public let checkEmailTitle: String
    /// "We sent a sign-in link to ADDRESS. It works once, for N minutes...": (address, minutes).
    public let checkEmailBody: Phrase<(String, Int)>
    public let linkTitle: String
    public let continueAs: Phrase<String>
    public let newMemberIntro: Phrase<String>
    public let nameLabel: String
    public let createAccount: String
    public let linkUsedTitle: String
    public let linkExpiredTitle: String
    public let linkUnknownTitle: String
    public let linkProblemBody: Phrase<Int>
    public let askNewLink: String
    public let confirmEmailTitle: String
    public let confirmEmailBody: Phrase<String>
    public let confirmTitle: String
    public let confirmIntro: Phrase<String>
    public let confirmButton: String
    public let confirmedTitle: String
    public let confirmedBody: String
    public let confirmFailedTitle: String
    public let confirmFailedBody: String
    public let unsubscribeTitle: String
    public let unsubscribeIntro: String
    public let unsubscribeButton: String
    public let unsubscribedTitle: String
    public let unsubscribedBody: String
    public let badLinkTitle: String
    public let badLinkBody: String
    public let topicNewsletter: String
    public let topicReplies: String
    public let topicMentions: String
    public let topicFollow: Phrase<String>
    public let topicAllFollows: String
    public let settingsTitle: String
    public let settingsLink: String
    public let profileHeading: String
    public let bioLabel: String
    public let saveProfile: String
    public let avatarHeading: String
    public let avatarHint: String
    public let avatarLabel: String
    public let uploadAvatar: String
    public let removeAvatar: String
    public let notificationsHeading: String
    public let notifyRepliesLabel: String
    public let notifyMentionsLabel: String
    public let saveNotifications: String
    public let followingHeading: String
    public let followingNone: String
    public let unfollow: String
    public let follow: String
    public let following: String
    public let followHint: String
    public let passwordHeading: String
    public let passwordHint: String
    public let newPasswordLabel: String
    public let repeatPasswordLabel: String
    public let savePassword: String
    public let removePassword: String
    public let hasPassword: String
    public let dataHeading: String
    public let dataHint: String
    public let downloadData: String
    public let deleteHeading: String
    public let deleteHint: Phrase<DeletedAccountComments>
    public let deleteConfirmLabel: String
    public let deleteButton: String
    public let deletedTitle: String
    public let deletedBody: String
    public let saved: String
    public let deletedMember: String
    public let memberSince: Phrase<String>
    public let recentComments: String
    public let noMemberComments: String
    public let onPost: Phrase<String>
    public let olderComments: String
    public let ownerCannotDelete: String
}

extension AccountText {
    static let english = AccountText(
        signInBlurb: "Enter your email and we will send you a link to sign in. No password needed.",
        sendLink: "Email me a sign-in link",
        orPassword: "Or sign in with a password",
        passwordSignIn: "Sign in with password",
        checkEmailTitle: "Check your email",
        checkEmailBody: Phrase {
            "We sent a sign-in link to \($0). It works once, for \($1) minutes. If it does not arrive, check your spam folder or ask again."
        },
        linkTitle: "Sign in",
        continueAs: Phrase { "Continue as \($0)" },
        newMemberIntro: Phrase { "Welcome! You are joining with \($0). What name should we show with your comments?" },
        nameLabel: "Your name",
        createAccount: "Join and sign in",
        linkUsedTitle: "This sign-in link was already used",
        linkExpiredTitle: "This sign-in link has expired",
        linkUnknownTitle: "This sign-in link is not valid",
        linkProblemBody: Phrase { "Sign-in links work once, for \($0) minutes. Ask for a new one and use the newest email." },
        askNewLink: "Get a new sign-in link",
        confirmEmailTitle: "Check your email to confirm",
        confirmEmailBody: Phrase { "We sent a confirmation link to \($0). Your subscription starts once you click it." },
        confirmTitle: "Confirm your subscription",
        confirmIntro: Phrase { "One click and new posts from \($0) will reach your inbox." },
        confirmButton: "Confirm my subscription",
        confirmedTitle: "You're subscribed",
        confirmedBody: "Thanks for confirming. New posts will reach your inbox.",
        confirmFailedTitle: "This confirmation link does not work",
        confirmFailedBody: "It was already used, or it is too old. Subscribe again to get a new one.",
        unsubscribeTitle: "Unsubscribe",
        unsubscribeIntro: "Stop these emails:",
        unsubscribeButton: "Unsubscribe",
        unsubscribedTitle: "You're unsubscribed",
        unsubscribedBody: "You will not get these emails any more. You can change this at any time.",
        badLinkTitle: "This link is not valid",
        badLinkBody: "Copy the whole link from the email, or manage your emails in your settings.",
        topicNewsletter: "New posts by email (the newsletter)",
        topicReplies: "Emails when someone replies to you",
        topicMentions: "Emails when someone mentions you",
        topicFollow: Phrase { "New comments on “\($0)”" },
        topicAllFollows: "New comments on every discussion you follow",
        settingsTitle: "Settings",
        settingsLink: "Settings",
        profileHeading: "Profile",
        bioLabel: "Short bio",
        saveProfile: "Save profile",
        avatarHeading: "Avatar",
        avatarHint: "PNG, JPEG, WebP or GIF, up to 1 MB. Without one, your initials are shown.",
        avatarLabel: "Choose an image",
        uploadAvatar: "Upload",
        removeAvatar: "Use my initials instead",
        notificationsHeading: "Email notifications",
        notifyRepliesLabel: "When someone replies to my comment",
        notifyMentionsLabel: "When someone mentions me",
        saveNotifications: "Save notifications",
        followingHeading: "Discussions you follow",
        followingNone: "You do not follow any discussion. Use “Follow this discussion” under a post.",
        unfollow: "Unfollow",
        follow: "Follow this discussion",
        following: "Following this discussion",
        followHint: "New comments by email, at most one digest every little while.",
        passwordHeading: "Password",
        passwordHint: "Optional: sign in with a password as well as by email link.",
        newPasswordLabel: "New password",
        repeatPasswordLabel: "Repeat the password",
        savePassword: "Save password",
        removePassword: "Remove my password",
        hasPassword: "You have a password.",
        dataHeading: "Your data",
        dataHint: "Everything we keep about you, as a JSON file: profile, comments, likes, follows and newsletter status.",
        downloadData: "Download my data",
        deleteHeading: "Delete your account",
        deleteHint: Phrase { mode in
            switch mode {
            case .remove:
                "Your profile, likes, follows and emails go at once. Your comments are deleted; where others replied, “Comment deleted” stays so their replies keep their place. This cannot be undone."
            case .placeholders:
                "Your profile, likes, follows and emails go at once. Each of your comments becomes “Comment deleted”, so discussions keep their shape. This cannot be undone."
            }
        },
        deleteConfirmLabel: "Type your email to confirm",
        deleteButton: "Delete my account",
        deletedTitle: "Your account is deleted",
        deletedBody: "Everything of yours is gone from this site. Thank you for taking part.",
        saved: "Saved.",
        deletedMember: "Deleted member",
        memberSince: Phrase { "Member since \($0)" },
        recentComments: "Recent comments",
        noMemberComments: "No comments yet.",
        onPost: Phrase { "on “\($0)”" },
        olderComments: "Older comments",
        ownerCannotDelete: "The owner of the publication cannot delete their account."
    )
}
