import Domain
import Foundation
import Markup
import Storage

extension Actions {
    /// Whether `viewer` may read subscribers-only posts: staff, and members whose email has an
    /// active newsletter subscription. Everyone else (signed out too) gets the teaser.
    public func readsSubscriberPosts(_ viewer: Member?) async throws -> Bool {
        guard let viewer else { return false }
        if viewer.role.isStaff { return true }
        return try await store.subscriber(email: viewer.email)?.status == .active
    }

    /// Whether `viewer` may read the whole of `post` (see `readsSubscriberPosts`).
    public func readsWhole(_ post: Post, viewer: Member?) async throws -> Bool {
        post.audience == .everyone ? true : try await readsSubscriberPosts(viewer)
    }

    /// The archive's search: visible posts matching every word of `query` (each word a prefix),
    /// ranked the same on every engine. Only reads: the index is kept up to date by a save
    /// (`indexForSearch`) and in the background (`refreshSearchIndex`), never by a reader's
    /// request, so a slow or failing index does not slow or fail searches. An empty query finds nothing.
    public func searchPosts(query: String, viewer: Member?, limit: Int, offset: Int) async throws -> [Post] {
        let terms = SearchTerms.query(query)
        guard !terms.isEmpty else { return [] }
        let search = PostSearch(terms: terms, readsSubscriberPosts: try await readsSubscriberPosts(viewer))
        return try await store.searchPosts(search, now: now, limit: limit, offset: max(0, min(offset, Limits.maxSearchOffset)))
    }

    /// Indexes every post whose entry is missing or older than the post, at most `limit`
    /// (in batches). Two instances doing it at once write the same entry twice: harmless.
    @discardableResult
    public func refreshSearchIndex(limit: Int = 2_000) async throws -> Int {
        var done = 0
        while done < limit {
            let posts = try await store.postsNeedingSearchIndex(limit: min(100, limit - done))
            // One transaction per batch: on SQLite each commit waits for the disk.
            try await store.indexPostsForSearch(posts.map(Self.searchEntry))
            done += posts.count
            if posts.count < 100 { break }
        }
        return done
    }

    /// Indexes one post just saved, so the editor's change is searched at once. Best effort:
    /// if it fails the entry stays stale and the background refresher indexes it.
    func indexForSearch(_ post: Post) async {
        try? await store.indexPostsForSearch([Self.searchEntry(for: post)])
    }

    /// A post's words for the index: its title, subtitle, teaser and whole body as plain text
    /// (the body's link addresses are not words of the post).
    static func searchEntry(for post: Post) -> PostSearchEntry {
        PostSearchEntry(
            postID: post.id, revision: post.revision, title: SearchTerms.words(in: post.title),
            subtitle: SearchTerms.words(in: post.subtitle),
            teaser: SearchTerms.words(in: PostPlainText.teaser(html: post.bodyHTML)),
            body: SearchTerms.words(in: PostPlainText.make(html: post.bodyHTML).body))
    }
}
