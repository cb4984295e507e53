import Domain
import Foundation
import Storage

/// `/p/{slug}/comment/{id}`: one conversation, from its root down to the comment (marked)
/// and the replies below it; `?after=` continues a long list of replies.
enum CommentPage {
    struct Model: Sendable {
        let chrome: PageChrome
        let post: Post
        let focus: Comment
        let thread: ThreadsOnPage
        let ancestorIDs: Set<CommentID>
        let replyOpen: Bool
        let now: Date
        var draft: DraftComment?
        /// Why the viewer may not comment here, or nil.
        var standing: FieldError.Reason? = nil
    }

    static func load(
        post: Post, focus: Comment, afterReply: CommentID?, replyOpen: Bool, chrome: PageChrome,
        store: any SiteStore, now: Date, draft: DraftComment? = nil
    ) async throws -> Model {
        let ancestors = try await store.ancestors(of: focus, visibleTo: CommentVisibility.of(chrome.viewer))
        let below =
            focus.descendantCount > 0
            ? try await store.descendants(
                of: focus, maxDepth: focus.depth + Limits.visibleReplyDepth, afterReply: afterReply, limit: Limits.repliesPerRoot * 3,
                visibleTo: CommentVisibility.of(chrome.viewer))
            : []
        var node: ThreadNode
        if let afterReply {
            let before = try await store.countDescendants(of: focus, throughReply: afterReply)
            node = CommentTree.window(top: focus, continuingAfter: before, descendants: below)
        } else {
            node = CommentTree.window(top: focus, descendants: below)
        }
        // Wrap the focused window in its ancestors, so the conversation keeps its shape.
        for ancestor in ancestors.reversed() {
            let accounted = (node.comment.isDeleted ? 0 : 1) + node.comment.descendantCount
            node = ThreadNode(comment: ancestor, replies: [node], hiddenReplyCount: max(0, ancestor.descendantCount - accounted))
        }
        let decorated = try await ThreadsOnPage.decorate([node], viewer: chrome.viewer, store: store)
        let standing = try await DiscussionStanding.read(post: post, viewer: chrome.viewer, store: store, now: now)
        return Model(
            chrome: chrome, post: post, focus: focus, thread: decorated, ancestorIDs: Set(ancestors.map(\.id)),
            replyOpen: replyOpen, now: now, draft: draft, standing: standing)
    }

    static func render(_ model: Model) -> HTML {
        let text = model.chrome.text
        let post = model.post
        let ctx = CardContext(
            post: post, members: model.thread.members, liked: model.thread.liked, viewer: model.chrome.viewer,
            csrf: model.chrome.csrf, text: text, now: model.now, marked: model.focus.id,
            replyOpen: model.replyOpen || model.draft?.parentID == model.focus.id ? model.focus.id : nil,
            draft: model.draft, foldsFromStart: model.ancestorIDs, subscribers: model.thread.subscribers, muted: model.thread.muted,
            standing: model.standing)
        return Layout.page(
            title: "\(text.discussionHeading) - \(post.title)", chrome: model.chrome, showsSubscribe: false,
            main: """
                <p class="back"><a href="\(Paths.post(post.slug))">← \(post.title)</a></p>\
                <section class="discussion focus" id="discussion" aria-labelledby="discussion-heading" data-post-slug="\(post.slug)">\
                <h1 id="discussion-heading">\(text.discussionHeading)</h1>\
                <p class="focus-note">\(text.showingComment) · <a href="\(Paths.postComments(post.slug))">\(text.wholeDiscussion)</a></p>\
                \(ReplyTemplate.render(ctx))<div class="comment-list">\(model.thread.threads.map { CommentCardView.render($0, ctx) })</div></section>
                """)
    }
}
