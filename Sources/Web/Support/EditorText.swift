import Domain
import Foundation

/// The words of the writer's pages (the posts list, the editor, its script's status line and
/// the delete confirmation), for one language: a part of ``PageText``, declared the same way,
/// one line per text.
public struct EditorText: Sendable {
    public let postsTitle: String
    public let newPost: String
    public let editPost: String
    public let postTabs: String
    public let draftsTab: String
    public let scheduledTab: String
    public let publishedTab: String
    public let searchLabel: String
    public let searchButton: String
    public let titleColumn: String
    public let dateColumn: String
    public let commentsColumn: String
    public let actionsColumn: String
    public let noPosts: String
    public let noMatches: String
    public let edit: String
    public let view: String
    public let morePosts: String
    public let titleLabel: String
    public let subtitleLabel: String
    public let slugLabel: String
    public let slugHint: String
    public let bodyLabel: String
    public let bodyHint: String
    public let previewHeading: String
    public let previewButton: String
    public let previewEmpty: String
    public let coverLabel: String
    public let coverNone: String
    public let coverAlt: String
    public let removeCover: String
    public let imagesHeading: String
    public let imageLabel: String
    public let imagePurpose: String
    public let imageIntoBody: String
    public let imageAsCover: String
    public let uploadButton: String
    public let uploadFirstSave: String
    public let imageAlt: String
    public let settingsLegend: String
    public let audienceLabel: String
    public let audienceEveryone: String
    public let audienceSubscribers: String
    public let discussionLabel: String
    public let discussionOpen: String
    public let discussionSubscribers: String
    public let discussionStaff: String
    public let discussionClosed: String
    public let sendsEmailLabel: String
    public let sendsEmailSent: String
    public let scheduleLabel: String
    public let scheduleHintUTC: String
    public let scheduleNeeded: String
    public let scheduleInPast: String
    public let scheduleTooFar: String
    public let saveDraft: String
    public let publishNow: String
    public let schedule: String
    public let update: String
    public let unpublish: String
    public let delete: String
    public let viewPost: String
    public let doneSaved: String
    public let donePublished: String
    public let doneScheduled: String
    public let doneUpdated: String
    public let doneUnpublished: String
    public let doneDeleted: String
    public let doneUploaded: String
    public let conflict: String
    public let conflictOverwrite: String
    public let signedOutNotSaved: String
    public let signInInNewTab: String
    public let uploadedNotSaved: String
    public let coverChosenNotSaved: String
    public let autosaveSaving: String
    public let autosaveSaved: String
    public let autosaveOffline: String
    public let autosaveSignedOut: String
    public let autosaveConflict: String
    public let autosaveRestored: String
    public let autosaveDiscard: String
    public let autosaveOtherCopy: String
    public let uploading: String
    public let uploadFailed: String
    public let deleteWarning: String
    public let deleteConfirm: String
    public let keepPost: String
    public let statusLabel: String
    public let stateName: Phrase<PostState>
    public let scheduledFor: Phrase<Date>
    public let publishedOn: Phrase<Date>
    public let createdOn: Phrase<Date>
    public let updatedOn: Phrase<Date>
    public let deleteTitle: Phrase<String>
    public let deleteComments: Phrase<Int>
    public let uploadHint: Phrase<Int>
    public let scheduleHintLocal: Phrase<String>
}

extension EditorText {
    /// English.
    public static let english = EditorText(
        postsTitle: "Posts",
        newPost: "New post",
        editPost: "Edit post",
        postTabs: "Posts by status",
        draftsTab: "Drafts",
        scheduledTab: "Scheduled",
        publishedTab: "Published",
        searchLabel: "Search titles",
        searchButton: "Search",
        titleColumn: "Title",
        dateColumn: "Date",
        commentsColumn: "Comments",
        actionsColumn: "Actions",
        noPosts: "No posts here yet.",
        noMatches: "No post title matches that search.",
        edit: "Edit",
        view: "View",
        morePosts: "More posts",
        titleLabel: "Title",
        subtitleLabel: "Subtitle",
        slugLabel: "Address (slug)",
        slugHint: "Lowercase letters, digits and hyphens. Left empty, it is made from the title. Old addresses keep working.",
        bodyLabel: "Body",
        bodyHint: "Markdown: # headings, **bold**, _italic_, [links](https://example.com), lists, > quotes and ``` code.",
        previewHeading: "Preview",
        previewButton: "Preview",
        previewEmpty: "Nothing to preview yet.",
        coverLabel: "Cover image",
        coverNone: "No cover image.",
        coverAlt: "The post's cover image",
        removeCover: "Remove the cover image",
        imagesHeading: "Images",
        imageLabel: "Image file",
        imagePurpose: "Use it",
        imageIntoBody: "In the body, at the end",
        imageAsCover: "As the cover image",
        uploadButton: "Upload",
        uploadFirstSave: "Save the draft once to upload images here (with JavaScript you can upload at any time).",
        imageAlt: "Image",
        settingsLegend: "Publishing",
        audienceLabel: "Who can read it",
        audienceEveryone: "Everyone",
        audienceSubscribers: "Subscribers only",
        discussionLabel: "Who can comment",
        discussionOpen: "Every signed-in member",
        discussionSubscribers: "Subscribers",
        discussionStaff: "Staff only",
        discussionClosed: "Nobody (closed)",
        sendsEmailLabel: "Email it to subscribers when it is published",
        sendsEmailSent: "It was emailed when it was published; it is never emailed twice.",
        scheduleLabel: "Publish at",
        scheduleHintUTC: "Date and time in UTC.",
        scheduleNeeded: "Enter the date and time to publish at.",
        scheduleInPast: "Pick a time in the future, or publish now.",
        scheduleTooFar: "Pick a time within the next five years.",
        saveDraft: "Save draft",
        publishNow: "Publish now",
        schedule: "Schedule",
        update: "Update",
        unpublish: "Unpublish",
        delete: "Delete",
        viewPost: "View the post",
        doneSaved: "Draft saved.",
        donePublished: "Published.",
        doneScheduled: "Scheduled.",
        doneUpdated: "Updated.",
        doneUnpublished: "Unpublished: it is a draft again.",
        doneDeleted: "The post is deleted.",
        doneUploaded: "Image uploaded.",
        conflict: "This post was changed in another tab or window since you opened it. Your text is below, not saved yet.",
        conflictOverwrite: "Saving again replaces the other version with yours.",
        signedOutNotSaved: "You were signed out, so nothing was saved. Your text is below.",
        signInInNewTab: "Sign in again in a new tab, then come back and save.",
        uploadedNotSaved: "Image uploaded, not yet in the post: readers see it only after you put this line in the body and press Update:",
        coverChosenNotSaved: "Cover image uploaded, not yet on the post: readers see it after you press Update.",
        autosaveSaving: "Saving…",
        autosaveSaved: "All changes saved.",
        autosaveOffline: "Offline: your changes are kept in this browser and saved when the connection is back.",
        autosaveSignedOut: "You are signed out: your changes are kept in this browser. Sign in again in another tab, then reload this one.",
        autosaveConflict: "This post was changed in another tab or window. Reload to see it; your text is kept in this browser.",
        autosaveRestored: "Unsaved changes from this browser were put back.",
        autosaveDiscard: "Discard them",
        autosaveOtherCopy: "Use the other unsaved copy from TIME",
        uploading: "Uploading…",
        uploadFailed: "The image could not be uploaded.",
        deleteWarning: "It cannot be undone.",
        deleteConfirm: "Delete for good",
        keepPost: "Keep it",
        statusLabel: "Status",
        stateName: Phrase { state in
            switch state {
            case .draft: "Draft"
            case .scheduled: "Scheduled"
            case .published: "Published"
            case .page: "Discussion of a page on another site"
            }
        },
        scheduledFor: Phrase { "Scheduled for \(EditorText.englishTime($0))" },
        publishedOn: Phrase { "Published \(EditorText.englishTime($0))" },
        createdOn: Phrase { "Started \(EditorText.englishTime($0))" },
        updatedOn: Phrase { "Updated \(EditorText.englishTime($0))" },
        deleteTitle: Phrase { "Delete “\($0)”?" },
        deleteComments: Phrase { $0 == 1 ? "Its 1 comment goes with it." : "Its \($0) comments go with it." },
        uploadHint: Phrase { "PNG, JPEG, WebP or GIF, at most \($0) MB." },
        scheduleHintLocal: Phrase { "Date and time in your time zone (\($0))." }
    )

    /// "2026-12-06 14:05 UTC": one unambiguous form for the writer's lists.
    static func englishTime(_ date: Date) -> String {
        let d = UTCDate(date)
        return "\(d.year)-\(UTCDate.two(d.month))-\(UTCDate.two(d.day)) \(UTCDate.two(d.hour)):\(UTCDate.two(d.minute)) UTC"
    }
}
