import Domain
import Foundation

/// A post as the writer's list shows it: no body, so a list of every post stays small.
public struct PostSummary: Hashable, Sendable {
    public let id: PostID
    public var slug: String
    public var title: String
    public var state: PostState
    public var publishedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date?
    public var commentCount: Int

    public init(
        id: PostID, slug: String, title: String, state: PostState, publishedAt: Date?, createdAt: Date, updatedAt: Date?,
        commentCount: Int
    ) {
        self.id = id
        self.slug = slug
        self.title = title
        self.state = state
        self.publishedAt = publishedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.commentCount = commentCount
    }
}

/// The writer's side of posts: saving with compare-and-set, publishing, scheduling, deleting,
/// the lists of the dashboard, and the slugs a post had before.
public protocol PostEditorStore: Sendable {
    /// Saves a post in one transaction, if its revision is still `save.revision` (or
    /// whatever it is, for nil): writes `save.edit` (when given), the state and publication
    /// time, `updated_at` (when given), and adds one to the revision. When the slug changes,
    /// the old one goes to `post_slugs` (its address redirects) if the post was ever published
    /// or scheduled (it has a publication time), and the new one leaves it.
    /// With `save.newsletter`, records the post's newsletter send unless it has one (a post
    /// is mailed once, whatever happens to it after). Returns `.conflict` with the post as
    /// stored when the revision moved on; throws `StoreError.duplicate(field: "slug")` when
    /// another post has the slug (now or before), `StoreError.missing("post")` when it is gone.
    func savePost(_ save: PostSave) async throws -> PostSaveOutcome
    /// Inserts a post as `insertPost` does, refusing a slug another post had before
    /// (`StoreError.duplicate(field: "slug")`), since that address redirects to it.
    func insertEditedPost(_ post: NewPost, newsletter: Bool) async throws -> Post
    /// Deletes a post and what hangs on it (comments, likes, follows, its newsletter send,
    /// its old slugs), in one transaction; false when there was no such post.
    func deletePost(id: PostID) async throws -> Bool
    /// The posts in `state`, without bodies: drafts by creation, scheduled by their time
    /// (soonest first), published newest first; ties by id.
    func postSummaries(state: PostState) async throws -> [PostSummary]
    /// How many posts are in each state (a state with none is absent).
    func postCountsByState() async throws -> [PostState: Int]
    /// Publishes scheduled posts whose time has come (`published_at <= now`), at most
    /// `limit`, each in its own conditional change: of several instances calling at once,
    /// exactly one moves each post, and records its newsletter send (if it sends email and
    /// has none) in the same transaction. Returns the posts this call published.
    func publishDuePosts(now: Date, limit: Int) async throws -> [Post]
    /// The post whose old slug is `slug` (its address redirects there), or nil.
    func postID(formerSlug slug: String) async throws -> PostID?
    /// True when the post has a newsletter send: it was (or is being) mailed, and never will be again.
    func hasNewsletterSend(postID: PostID) async throws -> Bool
}
