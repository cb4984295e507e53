import Domain
import Foundation

/// The words of the writer's audience pages (the dashboard's home, subscribers, the import,
/// figures, and the subscription staff see on a member's page), for one language: a part of
/// ``PageText``, declared the same way, one line per text.
public struct AudienceText: Sendable {
    public let homeTitle: String
    public let homeNav: String
    public let subscribersNav: String
    public let figuresNav: String
    public let postsHeading: String
    public let allPosts: String
    public let writePost: String
    public let commentsHeading: String
    public let openModeration: String
    public let subscribersHeading: String
    public let manageSubscribers: String
    public let seeFigures: String
    public let subscribersTitle: String
    public let searchLabel: String
    public let statusLabel: String
    public let sourceLabel: String
    public let anyStatus: String
    public let anySource: String
    public let filterButton: String
    public let statusPending: String
    public let statusActive: String
    public let statusUnsubscribed: String
    public let statusBounced: String
    public let sourceForm: String
    public let sourceImport: String
    public let sourceImportConfirmed: String
    public let sourceAdded: String
    public let emailColumn: String
    public let subscribedColumn: String
    public let confirmedColumn: String
    public let noSubscribers: String
    public let olderSubscribers: String
    public let newestSubscribers: String
    public let exportLink: String
    public let importLink: String
    public let listCounts: String
    public let importTitle: String
    public let fileLabel: String
    public let pasteLabel: String
    public let pasteHint: String
    public let modeLegend: String
    public let modeOptIn: String
    public let modeOptInHint: String
    public let modeConfirmed: String
    public let modeConfirmedHint: String
    public let attestLabel: String
    public let noteLabel: String
    public let importButton: String
    public let backToSubscribers: String
    public let subscriberFacts: String
    public let memberAccount: String
    public let removeHeading: String
    public let removeHint: String
    public let removeButton: String
    public let subscriptionHeading: String
    public let notSubscribed: String
    public let manageSubscriber: String
    public let figuresTitle: String
    public let periodLabel: String
    public let periodMonth: String
    public let periodQuarter: String
    public let periodYear: String
    public let showButton: String
    public let growthHeading: String
    public let dateColumn: String
    public let subscribersColumn: String
    public let joinedColumn: String
    public let leftColumn: String
    public let perPostHeading: String
    public let postColumn: String
    public let commentsColumn: String
    public let likesColumn: String
    /// Likes of a post from its letter, beside the likes on its comments.
    public let postLikesColumn: String
    public let topHeading: String
    public let memberColumn: String
    public let likesReceivedColumn: String
    public let sizeHeading: String
    public let sizeColumn: String
    public let postsColumn: String
    public let sizeNone: String
    public let noData: String
    public let chartTable: String

    /// "3 drafts", "1 scheduled", "12 published": the home's post counts.
    public let draftCount: Phrase<Int>
    public let scheduledCount: Phrase<Int>
    public let publishedCount: Phrase<Int>
    /// The home's comment figures.
    public let recentComments: Phrase<Int>
    public let heldCount: Phrase<Int>
    public let reportedCount: Phrase<Int>
    /// The home's subscriber figures.
    public let activeCount: Phrase<Int>
    public let pendingCount: Phrase<Int>
    public let newSubscribers: Phrase<Int>
    /// After an import, by mode. Fixed texts: the notice is chosen by a code in the address,
    /// which anyone can write into a link, so it carries no numbers and no addresses.
    public let importedOptIn: String
    public let importedConfirmed: String
    /// After a removal.
    public let removed: String
    /// The file field's hint, with the most addresses an import takes.
    public let fileHint: Phrase<Int>
    /// Above the lines of a refused import that are not addresses: how many there are.
    public let badLines: Phrase<Int>
    public let lineNumber: Phrase<Int>
    /// A discussion size of `n` comments or more (the last range of the chart).
    public let sizeAtLeast: Phrase<Int>
    /// The charts' accessible names, for the period shown.
    public let growthChart: Phrase<String>
    public let perPostChart: Phrase<Int>
    public let topChart: Phrase<String>
    public let sizeChart: Phrase<Int>
    /// "Since DATE": when a subscription was made, on a member's page.
    public let since: Phrase<String>
}

extension AudienceText {
    public static let english = AudienceText(
        homeTitle: "Dashboard",
        homeNav: "Home",
        subscribersNav: "Subscribers",
        figuresNav: "Figures",
        postsHeading: "Posts",
        allPosts: "All posts",
        writePost: "Write a post",
        commentsHeading: "Comments",
        openModeration: "Open moderation",
        subscribersHeading: "Subscribers",
        manageSubscribers: "Manage subscribers",
        seeFigures: "See figures",
        subscribersTitle: "Subscribers",
        searchLabel: "Search addresses",
        statusLabel: "Status",
        sourceLabel: "Source",
        anyStatus: "Any status",
        anySource: "Any source",
        filterButton: "Filter",
        statusPending: "Pending",
        statusActive: "Active",
        statusUnsubscribed: "Unsubscribed",
        statusBounced: "Bounced",
        sourceForm: "Subscribe form",
        sourceImport: "Import (double opt-in)",
        sourceImportConfirmed: "Import (confirmed elsewhere)",
        sourceAdded: "Added by an operator",
        emailColumn: "Email",
        subscribedColumn: "Since",
        confirmedColumn: "Confirmed",
        noSubscribers: "No subscribers match.",
        olderSubscribers: "Older subscribers",
        newestSubscribers: "Back to the newest",
        exportLink: "Export CSV",
        importLink: "Import addresses",
        listCounts: "On the list",
        importTitle: "Import subscribers",
        fileLabel: "CSV file",
        pasteLabel: "Or paste addresses",
        pasteHint: "One per line, or separated by commas.",
        modeLegend: "How they join",
        modeOptIn: "Send each address a confirmation email (double opt-in)",
        modeOptInHint: "They get new posts once they confirm. Addresses already on the list are left as they are.",
        modeConfirmed: "They already confirmed elsewhere",
        modeConfirmedHint: "They get new posts at once. Only for people who confirmed their subscription with another service.",
        attestLabel:
            "I confirm that every address on this list agreed to receive this publication by email, and that I can show when and how.",
        noteLabel: "Where the list comes from (kept in the audit log)",
        importButton: "Import",
        backToSubscribers: "Back to subscribers",
        subscriberFacts: "Subscription",
        memberAccount: "Member account",
        removeHeading: "Remove from the list",
        removeHint:
            "The address is marked unsubscribed and gets no more letters; the audit log keeps it. To come back, they subscribe again.",
        removeButton: "Remove",
        subscriptionHeading: "Newsletter",
        notSubscribed: "Not on the newsletter list.",
        manageSubscriber: "Manage subscription",
        figuresTitle: "Figures",
        periodLabel: "Period",
        periodMonth: "Last 30 days",
        periodQuarter: "Last 12 weeks",
        periodYear: "Last 12 months",
        showButton: "Show",
        growthHeading: "Subscribers over time",
        dateColumn: "Up to",
        subscribersColumn: "Subscribers",
        joinedColumn: "Joined",
        leftColumn: "Left",
        perPostHeading: "Comments and likes per post",
        postColumn: "Post",
        commentsColumn: "Comments",
        likesColumn: "Likes on comments",
        postLikesColumn: "Likes of the post (from letters)",
        topHeading: "Top commenters",
        memberColumn: "Member",
        likesReceivedColumn: "Likes received",
        sizeHeading: "Posts by discussion size",
        sizeColumn: "Comments on the post",
        postsColumn: "Posts",
        sizeNone: "None",
        noData: "Nothing yet.",
        chartTable: "The numbers",
        draftCount: Phrase { $0 == 1 ? "1 draft" : "\($0) drafts" },
        scheduledCount: Phrase { "\($0) scheduled" },
        publishedCount: Phrase { "\($0) published" },
        recentComments: Phrase { $0 == 1 ? "1 comment in the last 7 days" : "\($0) comments in the last 7 days" },
        heldCount: Phrase { "\($0) held for review" },
        reportedCount: Phrase { "\($0) reported" },
        activeCount: Phrase { $0 == 1 ? "1 active subscriber" : "\($0) active subscribers" },
        pendingCount: Phrase { "\($0) waiting to confirm" },
        newSubscribers: Phrase { "\($0) new in the last 30 days" },
        importedOptIn:
            "Import done: each new address was sent a confirmation email; addresses already on the list were left as they were. The audit log names the addresses added.",
        importedConfirmed:
            "Import done: the new addresses are active subscribers; addresses already on the list were left as they were. The audit log names the addresses added.",
        removed: "The subscriber was taken off the list: it is now unsubscribed, and the audit log keeps its address.",
        fileHint: Phrase { "A column headed “email”, or addresses in the first column. At most \($0) addresses at a time." },
        badLines: Phrase { $0 == 1 ? "This line is not an email address:" : "These \($0) lines are not email addresses:" },
        lineNumber: Phrase { "Line \($0)" },
        sizeAtLeast: Phrase { "\($0) or more" },
        growthChart: Phrase { "Subscribers over time (\($0))" },
        perPostChart: Phrase { "Comments and likes on the last \($0) published posts" },
        topChart: Phrase { "Members with the most comments (\($0))" },
        sizeChart: Phrase { "Published posts by the number of comments, \($0) posts in all" },
        since: Phrase { "since \($0)" }
    )
}
