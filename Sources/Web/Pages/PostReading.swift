import Domain

/// What one reader gets of a post on its page: the whole body or the subscribers-only teaser,
/// its likes from newsletters, and what link previews are told.
struct PostReading: Sendable {
    /// False for a subscribers-only post the viewer may not read (see `Actions.readsWhole`).
    /// False unless said otherwise: a page that forgets to ask shows the teaser, never the body.
    var readsWhole = false
    /// Readers who liked the post from a newsletter.
    var likes = 0
    /// The reader just liked it (back from a like link).
    var justLiked = false
    /// The preview image, absolute; nil when the post has none.
    var image: String?

    /// The article's body: nil for the whole post (the page embeds it as stored), or the teaser.
    func body(_ post: Post, chrome: PageChrome) -> HTML? {
        readsWhole ? nil : SubscriberTeaser.pageHTML(post, chrome: chrome)
    }

    func likesLine(_ text: Catalogue) -> HTML {
        guard likes > 0 || justLiked else { return "" }
        let thanks: HTML = justLiked ? " <span class=\"liked-note\" role=\"status\">\(text.readers.likedBody)</span>" : ""
        return "<p class=\"post-likes\" id=\"post-likes\"><span aria-hidden=\"true\">♥</span> \(text.readers.postLikes(likes))\(thanks)</p>"
    }

    func social(_ post: Post, chrome: PageChrome) -> SocialMeta {
        SocialMeta.article(post, image: image, text: chrome.text)
    }
}
