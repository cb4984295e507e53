import Domain
import Foundation
import Storage

/// `/p/{slug}/comments`: every root comment, a page at a time, with threaded replies.
enum DiscussionPage {
    struct Model: Sendable {
        let chrome: PageChrome
        let post: Post
        let sort: CommentSort
        let threads: ThreadsOnPage
        /// The cursor of the next page, nil on the last.
        let nextCursor: String?
        let isFirstPage: Bool
        let now: Date
        /// Why the viewer may not comment here (shown instead of the composer), or nil.
        let standing: FieldError.Reason?
    }

    static func load(
        post: Post, sort: CommentSort, after: CommentCursor?, pageSize: Int, chrome: PageChrome,
        store: any SiteStore, now: Date
    ) async throws -> Model {
        // One extra root tells whether another page follows, without counting them all.
        var roots = try await store.rootComments(
            postID: post.id, sort: sort, after: after, limit: pageSize + 1, visibleTo: CommentVisibility.of(chrome.viewer))
        let hasMore = roots.count > pageSize
        if hasMore { roots.removeLast() }
        // The cursor is the last root of the sort; the pinned one comes first on the first page only.
        let tops = after == nil ? try await PinnedComment.first(in: roots, post: post, store: store) : roots
        let threads = try await ThreadsOnPage.read(
            tops: tops, relativeDepth: Limits.visibleReplyDepth, replyLimit: Limits.repliesPerRoot,
            viewer: chrome.viewer, store: store)
        let next = hasMore ? roots.last.map { CommentCursor(sort: sort, comment: $0).token } : nil
        let standing = try await DiscussionStanding.read(post: post, viewer: chrome.viewer, store: store, now: now)
        return Model(
            chrome: chrome, post: post, sort: sort, threads: threads, nextCursor: next, isFirstPage: after == nil, now: now,
            standing: standing)
    }

    static func render(_ model: Model) -> HTML {
        let text = model.chrome.text
        let post = model.post
        let ctx = CardContext(
            post: post, members: model.threads.members, liked: model.threads.liked, viewer: model.chrome.viewer,
            csrf: model.chrome.csrf, text: text, now: model.now, subscribers: model.threads.subscribers, muted: model.threads.muted,
            standing: model.standing)
        let sorts: [(CommentSort, String)] = [(.top, text.sortTop), (.new, text.sortNewest), (.old, text.sortOldest)]
        let sortLinks: [HTML] = sorts.map { sort, label in
            sort == model.sort
                ? "<a class=\"sort-option selected\" aria-current=\"true\" href=\"\(Paths.discussion(post.slug, sort: sort))\">\(label)</a>"
                : "<a class=\"sort-option\" href=\"\(Paths.discussion(post.slug, sort: sort))\">\(label)</a>"
        }
        let cards: HTML =
            model.threads.threads.isEmpty
            ? "<p class=\"empty no-comments\">\(text.noComments)</p>"
            : "<div class=\"comment-list\">\(model.threads.threads.map { CommentCardView.render($0, ctx) })</div>"
        var paging: [HTML] = []
        if !model.isFirstPage {
            paging.append("<a class=\"first-page\" href=\"\(Paths.discussion(post.slug, sort: model.sort))\">\(text.firstPage)</a>")
        }
        if let next = model.nextCursor {
            paging.append(
                "<a class=\"next-page\" rel=\"next\" href=\"\(Paths.discussion(post.slug, sort: model.sort, after: next))\">\(text.nextPage)</a>"
            )
        }
        return Layout.page(
            title: "\(text.discussionHeading) - \(post.title)", chrome: model.chrome, showsSubscribe: false,
            main: """
                <p class="back"><a href="\(Paths.post(post.slug))">← \(post.title)</a></p>\
                <section class="discussion full" id="discussion" aria-labelledby="discussion-heading" data-post-slug="\(post.slug)">\
                <h1 id="discussion-heading">\(text.discussionHeading)</h1>\
                <p class="comment-total">\(text.commentCount(post.commentCount))</p>\
                <nav class="sort-switch" aria-label="\(text.sortLabel)"><span>\(text.sortLabel)</span> \(sortLinks)</nav>\
                \(model.isFirstPage ? Composer.render(post: post, ctx: ctx, returnPath: Paths.postComments(post.slug)) : "")\
                \(ReplyTemplate.render(ctx))\(cards)<nav class="paging" aria-label="\(text.pagesNavigation)">\(paging)</nav></section>
                """)
    }
}
