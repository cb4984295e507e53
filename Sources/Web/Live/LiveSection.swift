import Domain

/// What a discussion section carries for its live-updates script (`live.js`, docs/LIVE.md): the
/// stream's address, the event the page was rendered at, and the script's texts.
struct LiveSection: Sendable {
    let post: PostID
    let since: Int64

    /// The section's `data-live-*` attributes, each value escaped.
    func attributes(_ text: Catalogue) -> HTML {
        """
         data-live-url="/live/\(String(post.rawValue))" data-live-since="\(String(since))" \
        data-live-one="\(text.live.newComment)" data-live-many="\(text.live.newComments("{n}"))" \
        data-live-reset="\(text.live.missedUpdates)" data-live-deleted="\(text.commentDeleted)" \
        data-live-hidden="\(text.rules.commentHidden)"
        """
    }

    static let script: HTML = "<script type=\"module\" src=\"\(StaticAssets.path("live.js"))\"></script>"
}
