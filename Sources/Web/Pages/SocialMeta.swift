import Domain
import Foundation

/// What a page tells search engines, feed readers and link previews (Open Graph, Twitter
/// cards) about itself, beyond its title and description. Every page gets a canonical link
/// and the site's feed; an article says more.
struct SocialMeta: Sendable {
    /// `og:type`.
    var type = "website"
    /// An image for previews, absolute; nil when the page has none.
    var image: String?
    var published: Date?
    var modified: Date?
    /// Feeds of this page besides the site's own: (title, path).
    var feeds: [(title: String, path: String)] = []

    /// The `<head>` lines: canonical link, feeds, Open Graph and Twitter card tags. The
    /// canonical address is the page's path on the public URL, without its query, so the
    /// sorts and pages of one discussion count as one page.
    static func head(title: String, description: String?, chrome: PageChrome, meta: SocialMeta?) -> HTML {
        let meta = meta ?? SocialMeta()
        let base = chrome.baseURL
        var lines: [HTML] = []
        lines.append("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"\(chrome.publication.name)\" href=\"\(Paths.feed)\">")
        for feed in meta.feeds {
            lines.append("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"\(feed.title)\" href=\"\(feed.path)\">")
        }
        if !base.isEmpty {
            let url = base + chrome.currentPath
            lines.append("<link rel=\"canonical\" href=\"\(url)\"><meta property=\"og:url\" content=\"\(url)\">")
        }
        lines.append("<meta property=\"og:type\" content=\"\(meta.type)\">")
        lines.append("<meta property=\"og:site_name\" content=\"\(chrome.publication.name)\">")
        lines.append("<meta property=\"og:title\" content=\"\(title)\"><meta name=\"twitter:title\" content=\"\(title)\">")
        if let description, !description.isEmpty {
            lines.append(
                "<meta property=\"og:description\" content=\"\(description)\"><meta name=\"twitter:description\" content=\"\(description)\">"
            )
        }
        if let image = meta.image {
            lines.append("<meta property=\"og:image\" content=\"\(image)\"><meta name=\"twitter:image\" content=\"\(image)\">")
        }
        lines.append("<meta name=\"twitter:card\" content=\"\(meta.image == nil ? "summary" : "summary_large_image")\">")
        if let published = meta.published {
            lines.append("<meta property=\"article:published_time\" content=\"\(UTCDate(published).iso8601)\">")
        }
        if let modified = meta.modified {
            lines.append("<meta property=\"article:modified_time\" content=\"\(UTCDate(modified).iso8601)\">")
        }
        return "\(lines)"
    }

    /// An article: its dates, its comments feed, and its image.
    static func article(_ post: Post, image: String?, text: Catalogue) -> SocialMeta {
        SocialMeta(
            type: "article", image: image, published: post.publishedAt, modified: post.lastChanged,
            feeds: [(text.readers.commentsFeedTitle(post.title), Paths.commentsFeed(post.slug))])
    }
}
