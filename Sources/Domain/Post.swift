import Foundation

/// Where a post is in its life.
public enum PostState: String, CaseIterable, Sendable, Codable {
    case draft, published, scheduled
    /// The discussion of a page on another site (the embed), made by its first comment: it has
    /// a `pageURL`, no body, and is never listed among the publication's posts.
    case page

    /// The states whose posts readers find on the home page, archive, feeds, sitemap and search
    /// once their time has come.
    public static let listed: [PostState] = [.published, .scheduled]
}

/// Who may read a post.
public enum PostAudience: String, CaseIterable, Sendable, Codable {
    case everyone, subscribers
}

/// Who may join a post's discussion.
public enum DiscussionSetting: String, CaseIterable, Sendable, Codable {
    /// Every signed-in member.
    case open
    /// Members with an active newsletter subscription under their email, and staff.
    case subscribers
    /// Staff only.
    case staff
    /// Nobody: read-only, with a notice.
    case closed
}

/// A published (or draft) article of the publication.
public struct Post: Hashable, Sendable {
    public let id: PostID
    public var slug: String
    public var title: String
    public var subtitle: String
    public var bodyMarkdown: String
    /// Rendered once when the post is written, so a page view never re-renders Markdown.
    public var bodyHTML: String
    public var authorID: MemberID
    public var state: PostState
    public var audience: PostAudience
    public var discussion: DiscussionSetting
    public var publishedAt: Date?
    public var createdAt: Date
    /// Comments that are visible and not deleted, replies included; kept exact by the store.
    public var commentCount: Int
    /// The comment staff pinned to the top of the discussion.
    public var pinnedCommentID: CommentID?
    /// The discussion closes this many days after publication; nil: the publication's default.
    public var autoCloseDays: Int?
    /// The uploaded image shown above the post and in link previews.
    public var coverImage: UploadKey?
    /// The writer's "send by email" switch: when the post is published (now or at its scheduled
    /// time) it is mailed to the active subscribers, once.
    public var sendsEmail: Bool
    /// When the post was last changed after it was first published: shown as "Updated".
    public var updatedAt: Date?
    /// Goes up by one on every save: the editor saves with the revision it started from, so a
    /// second tab (or writer) working on an older copy is told instead of overwriting.
    public var revision: Int
    /// The page on another site this discussion belongs to; set exactly when `state` is `.page`.
    public var pageURL: PageURL?

    public init(
        id: PostID, slug: String, title: String, subtitle: String, bodyMarkdown: String, bodyHTML: String,
        authorID: MemberID, state: PostState, audience: PostAudience, discussion: DiscussionSetting,
        publishedAt: Date?, createdAt: Date, commentCount: Int, pinnedCommentID: CommentID? = nil, autoCloseDays: Int? = nil,
        coverImage: UploadKey? = nil, sendsEmail: Bool = false, updatedAt: Date? = nil, revision: Int = 1,
        pageURL: PageURL? = nil
    ) {
        self.id = id
        self.slug = slug
        self.title = title
        self.subtitle = subtitle
        self.bodyMarkdown = bodyMarkdown
        self.bodyHTML = bodyHTML
        self.authorID = authorID
        self.state = state
        self.audience = audience
        self.discussion = discussion
        self.publishedAt = publishedAt
        self.createdAt = createdAt
        self.commentCount = commentCount
        self.pinnedCommentID = pinnedCommentID
        self.autoCloseDays = autoCloseDays
        self.coverImage = coverImage
        self.sendsEmail = sendsEmail
        self.updatedAt = updatedAt
        self.revision = revision
        self.pageURL = pageURL
    }

    /// A post is public once published and its publication time has come.
    public func isVisible(at now: Date) -> Bool {
        guard let publishedAt else { return false }
        return state != .draft && publishedAt <= now
    }
}

/// A post as stored before it has an id.
public struct NewPost: Sendable {
    public var slug: String
    public var title: String
    public var subtitle: String
    public var bodyMarkdown: String
    public var bodyHTML: String
    public var authorID: MemberID
    public var state: PostState
    public var audience: PostAudience
    public var discussion: DiscussionSetting
    public var publishedAt: Date?
    public var createdAt: Date
    public var coverImage: UploadKey?
    public var sendsEmail: Bool

    public init(
        slug: String, title: String, subtitle: String, bodyMarkdown: String, bodyHTML: String,
        authorID: MemberID, state: PostState, audience: PostAudience = .everyone,
        discussion: DiscussionSetting = .open, publishedAt: Date?, createdAt: Date, coverImage: UploadKey? = nil,
        sendsEmail: Bool = false
    ) {
        self.slug = slug
        self.title = title
        self.subtitle = subtitle
        self.bodyMarkdown = bodyMarkdown
        self.bodyHTML = bodyHTML
        self.authorID = authorID
        self.state = state
        self.audience = audience
        self.discussion = discussion
        self.publishedAt = publishedAt
        self.createdAt = createdAt
        self.coverImage = coverImage
        self.sendsEmail = sendsEmail
    }
}
