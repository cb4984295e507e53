import Domain
import Foundation

/// One transaction of an import: what the sink asks the store to write, in order. Every record
/// is named by its key in `import_keys` (`source`, kind, external id), so a step can refer to what
/// an earlier step, an earlier batch or an earlier run made, and a record already there is left
/// alone: running the same import twice adds nothing.
public struct ImportBatch: Sendable, Equatable {
    /// The importer (`disqus`, ...): `import_keys.source`.
    public var source: String
    /// When the import ran: `import_keys.imported_at`, and when an imported deleted comment
    /// became a placeholder.
    public var at: Date
    public var steps: [ImportStep]

    public init(source: String, at: Date, steps: [ImportStep] = []) {
        self.source = source
        self.at = at
        self.steps = steps
    }
}

/// The kinds of record `import_keys` names.
public enum ImportKeyKind: String, Sendable, Equatable {
    case author, thread, comment
}

/// One step of an `ImportBatch`.
public enum ImportStep: Sendable, Equatable {
    /// The author keyed `key`: the member already keyed so, else the member (not deleted) with
    /// `email`, else a new guest (`MemberKind.guest`) with `email`, or a placeholder address
    /// (`GuestAddress`) when there is none.
    case author(key: String, email: String?, name: String, website: String?, at: Date)
    /// The discussion keyed `key` (a thread of the export).
    case discussion(key: String, target: ImportDiscussionTarget)
    /// One comment. Its thread and author were keyed by earlier steps.
    case comment(ImportCommentRow)
}

/// Where an imported thread's comments go.
public enum ImportDiscussionTarget: Sendable, Equatable {
    /// One of this site's posts (the thread's URL is the post's `/p/SLUG`).
    case post(PostID)
    /// The discussion of another site's page: the one kept for `url`, else a new one (state
    /// `.page`) with the first of `slugs` that is free, by `authorID`, published at `at`.
    case page(url: PageURL, title: String, slugs: [String], authorID: MemberID, at: Date)
}

/// What becomes of an imported comment.
public enum ImportedCommentFate: String, Sendable, Equatable {
    /// Shown to everyone, counted.
    case visible
    /// Held in the moderation queue (it waited for a moderator in the old system).
    case held
    /// A "Comment deleted" placeholder without text, kept only while it has replies
    /// (`pruneImportedPlaceholders`).
    case placeholder
}

/// A comment as the store inserts it.
public struct ImportCommentRow: Sendable, Equatable {
    public var key: String
    public var threadKey: String
    /// The parent's key; nil for a top-level comment. A parent the store cannot find (never
    /// imported, or a placeholder pruned since) makes it a top-level comment, counted as an orphan.
    public var parentKey: String?
    public var authorKey: String
    public var text: String
    public var html: String
    public var createdAt: Date
    public var likes: Int
    public var dislikes: Int
    public var fate: ImportedCommentFate

    public init(
        key: String, threadKey: String, parentKey: String?, authorKey: String, text: String, html: String, createdAt: Date,
        likes: Int, dislikes: Int, fate: ImportedCommentFate
    ) {
        self.key = key
        self.threadKey = threadKey
        self.parentKey = parentKey
        self.authorKey = authorKey
        self.text = text
        self.html = html
        self.createdAt = createdAt
        self.likes = likes
        self.dislikes = dislikes
        self.fate = fate
    }
}

/// What a batch did.
public struct ImportBatchOutcome: Sendable, Equatable {
    /// Keys of the comments inserted, in order.
    public var insertedComments: [String] = []
    /// Keys of the comments already there (an earlier run or batch).
    public var alreadyImported: [String] = []
    /// Keys of comments whose parent could not be found: inserted at the top level.
    public var orphans: [String] = []
    /// Keys of replies deeper than `Limits.maxDepth`, attached to an ancestor instead.
    public var flattened: [String] = []
    public var guestsMade = 0
    public var authorsMatched = 0
    /// Keys of authors whose address is a staff member's: added as guests under a placeholder,
    /// since an export's addresses are not proven.
    public var staffAddresses: [String] = []
    public var discussionsMade = 0
    public var discussionsJoined = 0

    public init() {}
}
