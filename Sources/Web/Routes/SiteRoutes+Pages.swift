import Domain
import Foundation
import Hummingbird

extension SiteRoutes {
    func home(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let chrome = try await chrome(request, context)
        let posts = try await store.recentPosts(now: now, limit: Limits.homePosts, excluding: nil)
        let authors = try await store.members(ids: Set(posts.map(\.authorID)))
        let setup = try await firstRunInvitation(request, context, chrome: chrome)
        return Reply.page(HomePage.render(chrome: chrome, posts: posts, authors: authors, now: now, setup: setup))
    }

    func postPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context) else { return try await movedOrNotFound(request, context) }
        // The discussion of another site's page has no article here: its page is where it is read.
        if let page = post.pageURL { return Reply.redirect(to: page.text + "#parley-thread") }
        let chrome = try await chrome(request, context)
        var model = try await PostPage.load(
            post: post, reading: try await reading(post, request, context, chrome: chrome), chrome: chrome, store: store, now: now)
        model.live = LiveSection(post: post.id, since: try await live.since())
        return Reply.page(PostPage.render(model))
    }

    func discussionPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context) else { return try await movedOrNotFound(request, context) }
        let query = request.uri.queryParameters
        let sort = CommentSort(query: query.get("sort"))
        // A cursor that does not parse (tampered, or from another sort) starts at the first page.
        let cursor = query.get("after").flatMap { CommentCursor(token: $0, sort: sort) }
        let size = query.get("limit").flatMap(Int.init).map { min(max($0, 1), Limits.maxDiscussionPageSize) } ?? Limits.discussionPageSize
        let model = try await DiscussionPage.load(
            post: post, sort: sort, after: cursor, pageSize: size,
            chrome: try await chrome(request, context), store: store, now: now)
        return Reply.page(DiscussionPage.render(model))
    }

    func commentPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context) else { return try await movedOrNotFound(request, context) }
        guard let focus = try await comment(in: post, context) else { return try await notFound(request, context) }
        // A held or removed comment the viewer may not read is only a placeholder among its
        // replies; with none, it is not there for them.
        if focus.status != .visible, focus.descendantCount == 0, !CommentVisibility.of(context.viewer).showsText(of: focus) {
            return try await notFound(request, context)
        }
        let query = request.uri.queryParameters
        let after = query.get("after").flatMap { CommentID(parsing: $0) }
        let model = try await CommentPage.load(
            post: post, focus: focus, afterReply: after, replyOpen: query.get("reply") == "1",
            chrome: try await chrome(request, context), store: store, now: now)
        return Reply.page(CommentPage.render(model))
    }
}
