import Foundation

/// What the writer's editor changes of a post: its words and settings, not its state, times
/// or counters. Checked and rendered by the use case before it reaches the store. The
/// discussion setting is not here: it changes through the moderation port, which audits it.
public struct PostEdit: Hashable, Sendable {
    public var slug: String
    public var title: String
    public var subtitle: String
    public var bodyMarkdown: String
    /// Rendered once when saved (`PostMarkdown`), so a page view never re-renders Markdown.
    public var bodyHTML: String
    public var audience: PostAudience
    public var sendsEmail: Bool
    public var coverImage: UploadKey?

    public init(
        slug: String, title: String, subtitle: String, bodyMarkdown: String, bodyHTML: String, audience: PostAudience,
        sendsEmail: Bool, coverImage: UploadKey?
    ) {
        self.slug = slug
        self.title = title
        self.subtitle = subtitle
        self.bodyMarkdown = bodyMarkdown
        self.bodyHTML = bodyHTML
        self.audience = audience
        self.sendsEmail = sendsEmail
        self.coverImage = coverImage
    }

    /// The post's fields as they are: what an edit starts from.
    public init(_ post: Post) {
        self.init(
            slug: post.slug, title: post.title, subtitle: post.subtitle, bodyMarkdown: post.bodyMarkdown, bodyHTML: post.bodyHTML,
            audience: post.audience, sendsEmail: post.sendsEmail, coverImage: post.coverImage)
    }
}

/// One save of a post by the editor, the command line or the scheduler: its fields (when the
/// editor sent them), the state it moves to, and the revision the writer started from.
public struct PostSave: Sendable {
    public var id: PostID
    /// The new fields; nil leaves them as they are (publish, unpublish from a list or the CLI).
    public var edit: PostEdit?
    public var state: PostState
    public var publishedAt: Date?
    /// The revision the writer's copy was made from; nil saves whatever the post's revision is.
    public var revision: Int?
    /// When the post was changed after it was published: shown as "Updated". Nil keeps it as stored.
    public var updatedAt: Date?
    /// Record the post's newsletter send (unless it has one already: a post is mailed once).
    public var newsletter: Bool
    /// When this save happened: the time an old slug was retired.
    public var at: Date

    public init(
        id: PostID, edit: PostEdit?, state: PostState, publishedAt: Date?, revision: Int?, updatedAt: Date?, newsletter: Bool, at: Date
    ) {
        self.id = id
        self.edit = edit
        self.state = state
        self.publishedAt = publishedAt
        self.revision = revision
        self.updatedAt = updatedAt
        self.newsletter = newsletter
        self.at = at
    }
}

/// What came of a save.
public enum PostSaveOutcome: Hashable, Sendable {
    /// Saved; the post as it now is, its revision one higher.
    case saved(Post)
    /// Not saved: the post moved on since `revision` (another tab or writer saved); it is as stored.
    case conflict(current: Post)
}
