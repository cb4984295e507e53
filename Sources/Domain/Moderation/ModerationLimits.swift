import Foundation

extension Limits {
    /// A report's own words, in characters.
    public static let reportTextLength = 500
    /// A moderator's reason (reject, remove, ban), in characters.
    public static let moderationReasonLength = 500
    /// Entries of each word list ("hold", "block") of the moderation settings.
    public static let wordListEntries = 500
    /// Characters of one word-list entry.
    public static let wordListEntryLength = 100
    /// The largest "first N comments", links per comment and reports to hold.
    public static let moderationCountMax = 100
    /// The longest auto-close age of a discussion, in days (ten years).
    public static let autoCloseDaysMax = 3650
}
