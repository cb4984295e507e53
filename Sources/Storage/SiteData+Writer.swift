import Domain
import Foundation

extension SiteData {
    /// The rows of the writer's own tables (issue 10), each list in key order.
    public struct WriterRows: Sendable, Equatable {
        /// By key.
        public var uploads: [Upload]
        /// By slug.
        public var formerSlugs: [FormerSlug]
        /// Likes of posts from newsletters, by post and subscriber.
        public var postLikes: [PostLike]

        public init(uploads: [Upload] = [], formerSlugs: [FormerSlug] = [], postLikes: [PostLike] = []) {
            self.uploads = uploads
            self.formerSlugs = formerSlugs
            self.postLikes = postLikes
        }
    }
}

/// A slug a post had before it was renamed: `/p/{slug}` answers 301 to the post's slug now.
public struct FormerSlug: Sendable, Hashable {
    public var slug: String
    public var postID: PostID
    public var createdAt: Date

    public init(slug: String, postID: PostID, createdAt: Date) {
        self.slug = slug
        self.postID = postID
        self.createdAt = createdAt
    }
}

/// A like of a post from a newsletter's signed link (`ReaderStore.likePost`).
public struct PostLike: Sendable, Hashable {
    public var postID: PostID
    public var subscriberID: SubscriberID
    public var createdAt: Date

    public init(postID: PostID, subscriberID: SubscriberID, createdAt: Date) {
        self.postID = postID
        self.subscriberID = subscriberID
        self.createdAt = createdAt
    }
}
