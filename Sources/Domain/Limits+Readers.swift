extension Limits {
    /// Posts on one page of the archive and of its search results.
    public static let archivePageSize = 20
    /// The deepest page of the archive or of search results a reader can ask for (as an
    /// offset): far beyond any real reader, and it keeps a made-up `?page=` cheap.
    public static let maxSearchOffset = 20_000
    /// Posts in the feed, as most publications' feeds carry.
    public static let feedPosts = 20
    /// Comments in a post's comments feed.
    public static let feedComments = 50
    /// Posts listed in `sitemap.xml` (the sitemap protocol allows 50,000 addresses per file).
    public static let sitemapPosts = 49_000
}
