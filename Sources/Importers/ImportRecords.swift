import Domain
import Foundation

/// One discussion of a foreign export: a page, keyed by its URL.
public struct ImportedThread: Sendable, Equatable {
    /// The export's own id of the thread (Disqus `dsq:id`, a WordPress post id, Isso's thread
    /// id, remark42's URL); never empty: a reader makes one from the URL when the file has none.
    public var externalID: String
    /// The page's address as the export has it, before `URLMapping` and `PageURL` normalisation.
    public var url: String
    public var title: String?
    public var createdAt: Date?

    public init(externalID: String, url: String, title: String? = nil, createdAt: Date? = nil) {
        self.externalID = externalID
        self.url = url
        self.title = title
        self.createdAt = createdAt
    }
}

/// Who wrote an imported comment, as the export names them. Authors are merged by email.
public struct ImportedAuthor: Sendable, Equatable {
    public var name: String
    public var email: String?
    public var website: String?
    /// The export's own id or user name of the author, when it has one (Disqus username,
    /// remark42 user id): the key of an author without an email.
    public var externalID: String?

    public init(name: String, email: String? = nil, website: String? = nil, externalID: String? = nil) {
        self.name = name
        self.email = email
        self.website = website
        self.externalID = externalID
    }
}

/// What an export says became of a comment.
public enum ImportedCommentState: String, Sendable, Equatable, CaseIterable {
    /// Shown to everyone.
    case visible
    /// Waiting for a moderator in the old system: held in Parley's queue.
    case pending
    /// Marked spam: not imported.
    case spam
    /// Deleted: not shown; kept as a placeholder only when it has replies.
    case deleted
}

/// An imported comment's text, in the form the export keeps it.
public enum ImportedBody: Sendable, Equatable {
    /// HTML (Disqus, WordPress, remark42): reduced to the comment formatter's safe set.
    case html(String)
    /// Markdown or plain text as typed (Isso keeps what the commenter typed).
    case markdown(String)
}

/// One comment of a foreign export.
public struct ImportedComment: Sendable, Equatable {
    /// The export's own id; may be empty in a damaged file (the sink then keys the comment by
    /// its thread, author, time and text, so a second run still adds nothing).
    public var externalID: String
    public var threadExternalID: String
    /// The comment it replies to, nil for a top-level comment. May come later in the file than
    /// the reply, or never (an orphan: imported at the top level and reported).
    public var parentExternalID: String?
    public var author: ImportedAuthor
    public var body: ImportedBody
    /// In UTC.
    public var createdAt: Date
    public var likes: Int
    public var dislikes: Int
    public var state: ImportedCommentState

    public init(
        externalID: String, threadExternalID: String, parentExternalID: String? = nil, author: ImportedAuthor,
        body: ImportedBody, createdAt: Date, likes: Int = 0, dislikes: Int = 0, state: ImportedCommentState = .visible
    ) {
        self.externalID = externalID
        self.threadExternalID = threadExternalID
        self.parentExternalID = parentExternalID
        self.author = author
        self.body = body
        self.createdAt = createdAt
        self.likes = likes
        self.dislikes = dislikes
        self.state = state
    }
}

/// What a reader hands the sink, in file order.
public enum ImportRecord: Sendable, Equatable {
    case thread(ImportedThread)
    case comment(ImportedComment)
    /// Something the reader could not use (a record without a thread, a date it cannot read):
    /// counted in the summary under `reason`, never fatal.
    case skipped(reason: String, id: String)
}

/// Reads one export format from start to end without holding the file in memory.
///
/// Synchronous on purpose: the XML readers are driven by a push parser, and the sink, on the
/// reader's own thread, waits for each batch to be written before reading on, so memory stays
/// bounded by one batch whatever the file's size.
public protocol CommentExportReader: Sendable {
    /// The importer's name, as `import_keys.source` and the summary say it (`disqus`, ...).
    var source: String { get }
    /// Hands every record of `file` to `emit` in file order; `progress` gets the bytes read so
    /// far now and then. Throws `ImportError.unreadable` for a file that is not this format.
    func read(_ file: URL, emit: (ImportRecord) throws -> Void, progress: (Int64) -> Void) throws
}
