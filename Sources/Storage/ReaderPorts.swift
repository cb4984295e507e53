import Domain
import Foundation

/// A post's entry in the search index: the words of each of its parts (`SearchTerms`), as of
/// one revision of the post.
public struct PostSearchEntry: Sendable, Equatable {
    public var postID: PostID
    /// The post's `revision` these words were read from: the entry is stale once the post's moves on.
    public var revision: Int
    /// The `SearchTerms.indexerVersion` that made these words: stale once it is not the current one.
    public var indexerVersion: Int
    public var title: [String]
    public var subtitle: [String]
    /// The opening readers who may not read the whole post are shown, and may find it by.
    public var teaser: [String]
    /// Every word of the body (the teaser's among them).
    public var body: [String]

    public init(
        postID: PostID, revision: Int, indexerVersion: Int = SearchTerms.indexerVersion, title: [String], subtitle: [String],
        teaser: [String], body: [String]
    ) {
        self.postID = postID
        self.revision = revision
        self.indexerVersion = indexerVersion
        self.title = title
        self.subtitle = subtitle
        self.teaser = teaser
        self.body = body
    }
}

/// A visible post's slug and when it last changed, for the sitemap.
public struct PostAddress: Sendable, Equatable {
    public var slug: String
    public var lastChanged: Date

    public init(slug: String, lastChanged: Date) {
        self.slug = slug
        self.lastChanged = lastChanged
    }
}

/// A search of the archive.
public struct PostSearch: Sendable, Equatable {
    /// The query's words (`SearchTerms.query`); each must begin a word of the post.
    public var terms: [String]
    /// Whether the reader may read subscribers-only posts: if not, such a post is found only
    /// by its title, subtitle and teaser, so search cannot reveal what the rest of it says.
    public var readsSubscriberPosts: Bool

    public init(terms: [String], readsSubscriberPosts: Bool) {
        self.terms = terms
        self.readsSubscriberPosts = readsSubscriberPosts
    }

    /// How much a word found in each part adds to a post's rank. The rank is the sum over the
    /// query's words, so it is the same number on every engine: posts with more of the words
    /// in their titles come first, then newer posts.
    public static let titleWeight = 4
    public static let subtitleWeight = 2
    public static let bodyWeight = 1
}

/// What readers use to find and follow posts: the archive and its search index, the comments
/// feed, likes from a newsletter.
public protocol ReaderStore: Sendable {
    /// Visible posts (as `recentPosts`), newest first, skipping `offset`, at most `limit`.
    func archivePosts(now: Date, limit: Int, offset: Int) async throws -> [Post]
    /// Where each visible post is and when it last changed (its edit, else its publication),
    /// newest first, at most `limit`: the sitemap, without reading any post's body.
    func postAddresses(now: Date, limit: Int) async throws -> [PostAddress]
    /// Posts (drafts too) with no search entry, or one older than their `revision`, at most `limit`.
    func postsNeedingSearchIndex(limit: Int) async throws -> [Post]
    /// Writes (or replaces) these posts' search entries, in one transaction. An entry for a
    /// post that is gone is ignored.
    func indexPostsForSearch(_ entries: [PostSearchEntry]) async throws
    /// Visible posts matching every word of `search` (a word matches any word it begins),
    /// ranked (`PostSearch` weights, then newest, then highest id), skipping `offset`, at most `limit`.
    func searchPosts(_ search: PostSearch, now: Date, limit: Int, offset: Int) async throws -> [Post]
    /// The post's visible, undeleted comments (replies too), newest first, at most `limit`.
    func recentComments(postID: PostID, limit: Int) async throws -> [Comment]
    /// Records a like of the post by a newsletter subscriber (from a signed link in the letter);
    /// false when they had already liked it. Throws `StoreError.missing` when the post or the
    /// subscriber is gone. The like goes with the subscriber's row (account deletion).
    func likePost(postID: PostID, subscriberID: SubscriberID, at: Date) async throws -> Bool
    /// How many readers like the post.
    func postLikeCount(postID: PostID) async throws -> Int
}
