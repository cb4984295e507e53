import Domain
import Foundation

/// The words of the staff pages (moderation queue, bans, members, audit log, moderation
/// settings, the digest's confirmation page), for one language: a part of ``PageText``,
/// declared the same way, one line per text.
public struct ModerationText: Sendable {
    public let dashboardNavigation: String
    public let queueTitle: String
    public let membersTitle: String
    public let auditTitle: String
    public let settingsTitle: String
    public let tabsLabel: String
    public let reportedTab: String
    public let heldTab: String
    public let approvedTab: String
    public let removedTab: String
    public let emptyTab: String
    public let olderPage: String
    public let newestPage: String
    public let keyboardHelp: String
    public let inReplyTo: String
    public let author: String
    public let memberPageLink: String
    public let historyVisible: String
    public let historyHeld: String
    public let historyRemoved: String
    public let historyReports: String
    public let reportsHeading: String
    public let reasonSpam: String
    public let reasonAbuse: String
    public let reasonOffTopic: String
    public let reasonOther: String
    public let holdPolicy: String
    public let holdLinks: String
    public let holdWord: String
    public let holdLikelySpam: String
    public let holdReports: String
    public let heldBecause: String
    public let spamScore: String
    public let weighedMost: String
    public let decisionApproved: String
    public let decisionRejected: String
    public let decisionRemoved: String
    public let decisionRestored: String
    public let approve: String
    public let reject: String
    public let remove: String
    public let restore: String
    public let banAuthor: String
    public let rejectReasonLabel: String
    public let selectComment: String
    public let selectAll: String
    public let bulkLabel: String
    public let bulkApply: String
    public let doneApproved: String
    public let doneRejected: String
    public let doneRemoved: String
    public let doneRestored: String
    public let nothingSelected: String
    public let banReasonLabel: String
    public let banDurationLegend: String
    public let banOneDay: String
    public let banSevenDays: String
    public let banThirtyDays: String
    public let banForGood: String
    public let banRemoveComments: String
    public let banButton: String
    public let banHeading: String
    public let bannedForGood: String
    public let banReason: String
    public let bannedBy: String
    public let notBanned: String
    public let unban: String
    public let unbanned: String
    public let banExpired: String
    public let searchLabel: String
    public let roleFilterLabel: String
    public let allRoles: String
    public let roleOwner: String
    public let roleAdmin: String
    public let roleModerator: String
    public let roleMember: String
    public let filterButton: String
    public let nameColumn: String
    public let emailColumn: String
    public let roleColumn: String
    public let actionsColumn: String
    public let setRole: String
    public let roleSaved: String
    public let noMembers: String
    public let nextMembers: String
    public let auditAction: String
    public let allActions: String
    public let auditActor: String
    public let auditSubject: String
    public let memberIDHint: String
    public let whenColumn: String
    public let whoColumn: String
    public let commentColumn: String
    public let subjectColumn: String
    public let reasonColumn: String
    public let beforeColumn: String
    public let afterColumn: String
    public let theSite: String
    public let noEntries: String
    public let olderEntries: String
    public let holdPolicyLegend: String
    public let holdNothing: String
    public let holdFirstComments: String
    public let holdEverything: String
    public let holdFirstCount: String
    public let maxLinks: String
    public let reportsToHold: String
    public let holdWords: String
    public let blockWords: String
    public let onePerLine: String
    public let autoCloseDays: String
    public let autoCloseHint: String
    public let spamThreshold: String
    public let spamThresholdHint: String
    public let saveSettings: String
    public let saved: String
    public let wholeNumber: String
    public let thresholdRange: String
    public let confirmApproveTitle: String
    public let confirmRejectTitle: String
    public let confirmHint: String
    public let linkDoneApproved: String
    public let linkDoneRejected: String
    public let openQueue: String

    /// "Ban NAME": the ban page's title.
    public let banTitle: Phrase<String>
    /// "On POST": the post a queued comment is under.
    public let onPost: Phrase<String>
    /// "By NAME": who decided, after the decision.
    public let decidedBy: Phrase<String>
    /// "Banned until DATE".
    public let bannedUntil: Phrase<Date>
    /// After a ban: how many comments it removed.
    public let bannedDone: Phrase<Int>
    /// "As NAME": whose decision a signed link takes.
    public let actingAs: Phrase<String>
    /// The name of an audit action.
    public let actionName: Phrase<AuditAction>
}

extension ModerationText {
    public static let english = ModerationText(
        dashboardNavigation: "Dashboard",
        queueTitle: "Moderation",
        membersTitle: "Members",
        auditTitle: "Audit log",
        settingsTitle: "Moderation settings",
        tabsLabel: "Queue",
        reportedTab: "Reported",
        heldTab: "Held",
        approvedTab: "Approved",
        removedTab: "Removed",
        emptyTab: "Nothing here.",
        olderPage: "Older comments",
        newestPage: "Back to the newest",
        keyboardHelp: "Keys: j next, k previous, a approve, r reject.",
        inReplyTo: "In reply to",
        author: "Author",
        memberPageLink: "Member page",
        historyVisible: "Visible",
        historyHeld: "Held",
        historyRemoved: "Removed",
        historyReports: "Reports against",
        reportsHeading: "Reports",
        reasonSpam: "Spam",
        reasonAbuse: "Abuse",
        reasonOffTopic: "Off-topic",
        reasonOther: "Other",
        holdPolicy: "the publication holds comments like this one",
        holdLinks: "too many links",
        holdWord: "a word from the hold list",
        holdLikelySpam: "likely spam",
        holdReports: "reported by several members",
        heldBecause: "Held:",
        spamScore: "Spam score",
        weighedMost: "Weighed most",
        decisionApproved: "Approved",
        decisionRejected: "Rejected",
        decisionRemoved: "Removed",
        decisionRestored: "Restored",
        approve: "Approve",
        reject: "Reject",
        remove: "Delete",
        restore: "Restore",
        banAuthor: "Ban author",
        rejectReasonLabel: "Reason, mailed to the author (optional)",
        selectComment: "Select this comment",
        selectAll: "Select all",
        bulkLabel: "With the selected comments",
        bulkApply: "Apply",
        doneApproved: "Approved.",
        doneRejected: "Rejected.",
        doneRemoved: "Deleted.",
        doneRestored: "Restored.",
        nothingSelected: "Select at least one comment.",
        banReasonLabel: "Reason (shown to the member)",
        banDurationLegend: "For how long",
        banOneDay: "1 day",
        banSevenDays: "7 days",
        banThirtyDays: "30 days",
        banForGood: "For good",
        banRemoveComments: "Also remove all their comments",
        banButton: "Ban",
        banHeading: "Ban",
        bannedForGood: "Banned for good",
        banReason: "Reason",
        bannedBy: "Banned by",
        notBanned: "Not banned.",
        unban: "Unban",
        unbanned: "The ban was lifted.",
        banExpired: "An earlier ban has ended.",
        searchLabel: "Name or email",
        roleFilterLabel: "Role",
        allRoles: "All roles",
        roleOwner: "Owner",
        roleAdmin: "Admin",
        roleModerator: "Moderator",
        roleMember: "Member",
        filterButton: "Filter",
        nameColumn: "Name",
        emailColumn: "Email",
        roleColumn: "Role",
        actionsColumn: "Actions",
        setRole: "Set role",
        roleSaved: "Role saved.",
        noMembers: "No members match.",
        nextMembers: "More members",
        auditAction: "Action",
        allActions: "All actions",
        auditActor: "Who acted (member number)",
        auditSubject: "On whom (member number)",
        memberIDHint: "The number in the member page's address.",
        whenColumn: "When",
        whoColumn: "Who",
        commentColumn: "Comment",
        subjectColumn: "Member",
        reasonColumn: "Reason",
        beforeColumn: "Before",
        afterColumn: "After",
        theSite: "The site",
        noEntries: "No entries.",
        olderEntries: "Older entries",
        holdPolicyLegend: "Hold comments for approval",
        holdNothing: "None (the rules below still hold)",
        holdFirstComments: "The first comments of each new member",
        holdEverything: "Every comment",
        holdFirstCount: "How many first comments",
        maxLinks: "Most links a comment may have",
        reportsToHold: "Reports that hold a comment",
        holdWords: "Words that hold a comment",
        blockWords: "Words that refuse a comment",
        onePerLine: "One word or phrase per line.",
        autoCloseDays: "Close discussions after (days)",
        autoCloseHint: "Leave empty to keep discussions open.",
        spamThreshold: "Spam score that holds a comment",
        spamThresholdHint: "Above 0 and at most 1; lower holds more.",
        saveSettings: "Save",
        saved: "Saved.",
        wholeNumber: "Enter a whole number, 0 or more.",
        thresholdRange: "Enter a number above 0 and at most 1.",
        confirmApproveTitle: "Approve this comment?",
        confirmRejectTitle: "Reject this comment?",
        confirmHint: "Nothing happens until you press the button.",
        linkDoneApproved: "The comment is approved.",
        linkDoneRejected: "The comment is rejected.",
        openQueue: "Open the moderation queue",
        banTitle: Phrase { "Ban \($0)" },
        onPost: Phrase { "On \($0)" },
        decidedBy: Phrase { "by \($0)" },
        bannedUntil: Phrase {
            let d = UTCDate($0)
            return
                "Banned until \(d.year)-\(UTCDate.two(d.month))-\(UTCDate.two(d.day)) \(UTCDate.two(d.hour)):\(UTCDate.two(d.minute)) UTC"
        },
        bannedDone: Phrase { $0 == 1 ? "Banned; 1 comment removed." : "Banned; \($0) comments removed." },
        actingAs: Phrase { "You act as \($0)." },
        actionName: Phrase { action in
            switch action {
            case .approve: "approve"
            case .reject: "reject"
            case .remove: "delete"
            case .restore: "restore"
            case .hold: "hold"
            case .pin: "pin"
            case .unpin: "unpin"
            case .feature: "feature"
            case .unfeature: "unfeature"
            case .ban: "ban"
            case .unban: "unban"
            case .setRole: "set role"
            case .discussionSettings: "discussion settings"
            case .moderationSettings: "moderation settings"
            case .importSubscribers: "import subscribers (double opt-in)"
            case .importConfirmedSubscribers: "import subscribers (confirmed elsewhere, attested)"
            case .removeSubscriber: "remove subscriber"
            }
        }
    )
}
