/// What happens to a member's comments when they delete their account (`--deleted-comments`).
public enum DeletedAccountComments: String, Sendable, CaseIterable, Codable {
    /// Each comment is deleted as its author would delete it: removed, or a "Comment deleted"
    /// placeholder where others replied to it, so threads keep their shape. The default.
    case remove
    /// Every comment stays as a "Comment deleted" placeholder, replies or not: the discussion
    /// keeps its length and shape exactly.
    case placeholders
}
