import Domain

/// The words of moderation as readers and staff meet it on discussion pages: badges, markers,
/// reports, mutes, staff buttons on cards, and a post's discussion settings. Part of
/// ``PageText`` (`text.rules.…`), declared as ``PageText`` is: one line per text, one value
/// per language.
public struct ReaderModerationText: Sendable {
    public let subscriberBadge: String
    public let pinnedBadge: String
    public let highlightedBadge: String
    /// On a held comment, for its author and for staff.
    public let awaitingApproval: String
    /// On a removed comment, for staff.
    public let removedMarker: String
    /// The placeholder of a held or removed comment that still has visible replies.
    public let commentHidden: String
    /// The summary of a muted member's comment, collapsed for the member who muted them.
    public let mutedComment: String
    public let pin: String
    public let unpin: String
    public let feature: String
    public let unfeature: String
    public let remove: String
    public let removeConfirm: String
    public let restore: String
    public let report: String
    public let reportTitle: String
    public let reportIntro: String
    public let reportReasonLegend: String
    public let reportSpam: String
    public let reportAbuse: String
    public let reportOffTopic: String
    public let reportOther: String
    public let reportTextLabel: String
    public let reportTextHint: Phrase<Int>
    public let reportSubmit: String
    public let reportThanksTitle: String
    public let reportThanks: String
    public let reportAlready: String
    public let mute: String
    public let unmute: String
    public let muteHint: String
    public let discussionSettings: String
    public let discussionSettingsTitle: String
    public let discussionWho: String
    public let discussionEveryone: String
    public let discussionSubscribers: String
    public let discussionStaff: String
    public let discussionClosedChoice: String
    public let autoCloseLabel: String
    public let autoCloseHint: Phrase<Int>
    public let autoCloseNever: String
    public let saveSettings: String
    public let settingsSaved: String
}

extension ReaderModerationText {
    /// English, the catalogue every other language starts from.
    public static let english = ReaderModerationText(
        subscriberBadge: "Subscriber",
        pinnedBadge: "Pinned",
        highlightedBadge: "Highlighted",
        awaitingApproval: "Awaiting approval",
        removedMarker: "Removed by moderators",
        commentHidden: "This comment is hidden.",
        mutedComment: "Comment by a muted member",
        pin: "Pin to the top",
        unpin: "Unpin",
        feature: "Highlight",
        unfeature: "Remove highlight",
        remove: "Remove",
        removeConfirm: "Remove this comment? Staff can restore it later.",
        restore: "Restore",
        report: "Report",
        reportTitle: "Report a comment",
        reportIntro: "Tell the moderators what is wrong with this comment. They will look at it; the author is not told who reported it.",
        reportReasonLegend: "Reason",
        reportSpam: "Spam",
        reportAbuse: "Abuse or harassment",
        reportOffTopic: "Off-topic",
        reportOther: "Something else",
        reportTextLabel: "Details",
        reportTextHint: Phrase { "Required for \"Something else\". At most \($0) characters." },
        reportSubmit: "Send report",
        reportThanksTitle: "Report received",
        reportThanks: "Thanks, we received your report. The moderators will look at it.",
        reportAlready: "You already reported this comment: we received your report.",
        mute: "Mute",
        unmute: "Unmute",
        muteHint: "Their comments are collapsed for you only; they are not told.",
        discussionSettings: "Discussion settings",
        discussionSettingsTitle: "Who can join this discussion",
        discussionWho: "Who can comment",
        discussionEveryone: "Everyone signed in",
        discussionSubscribers: "Subscribers only",
        discussionStaff: "Staff only",
        discussionClosedChoice: "Nobody (closed, read-only)",
        autoCloseLabel: "Close after this many days (empty: the publication's default)",
        autoCloseHint: Phrase {
            $0 == 1 ? "The publication's default: close after 1 day." : "The publication's default: close after \($0) days."
        },
        autoCloseNever: "The publication's default: never close.",
        saveSettings: "Save",
        settingsSaved: "Saved."
    )
}
