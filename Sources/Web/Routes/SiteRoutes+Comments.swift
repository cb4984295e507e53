import Domain
import Foundation
import Hummingbird

extension SiteRoutes {
    /// POST a comment or reply. Without JavaScript: redirect to the new comment, or show the
    /// page again with the text and the reason (`refusedComment`). With
    /// `Accept: application/json`: the new card's HTML, or problem+json.
    func createComment(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await limits.check(.comment, context)
        guard let post = try await visiblePost(context) else { return try await notFound(request, context) }
        var parentID: CommentID?
        if let rawParent = context.form["parent_id"], !rawParent.isEmpty {
            guard let id = CommentID(parsing: rawParent) else { throw FieldError("parent", .notFound) }
            parentID = id
        }
        let comment = try await actions.postComment(
            postID: post.id, replyTo: parentID, text: context.form["body"] ?? "", by: context.viewer)
        if request.wantsJSON {
            let card = try await cardHTML(for: comment, in: post, context)
            return try Reply.json(
                CreatedComment(
                    id: Int(comment.id.rawValue), parentId: comment.parentID.map { Int($0.rawValue) },
                    url: Paths.commentAnchor(post.slug, comment.id), html: card.rendered), status: .created)
        }
        return Reply.redirect(to: Paths.commentAnchor(post.slug, comment.id))
    }

    /// Shows the refused comment form again, with what was typed and why.
    func refusedComment(_ refusal: Refusal, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context) else { return try await notFound(request, context) }
        let typed = context.form["body"] ?? ""
        let parentID = context.form["parent_id"].flatMap { CommentID(parsing: $0) }
        let status = Reply.status(for: refusal.reason)
        let chrome = try await chrome(request, context)
        if context.viewer == nil {
            let target = parentID.map { Paths.replyForm(post.slug, $0) } ?? Paths.post(post.slug) + "#discussion"
            return Reply.page(SignInPage.render(chrome: chrome, next: target, notice: text.errorMessage(refusal.reason)), status: status)
        }
        let message = text.errorMessage(refusal.reason)
        if let parentID, let parent = try await store.comment(id: parentID), parent.postID == post.id {
            let draft = DraftComment(text: typed, error: message, parentID: parent.id)
            let model = try await CommentPage.load(
                post: post, focus: parent, afterReply: nil, replyOpen: true, chrome: chrome,
                store: store, now: now, draft: draft)
            return Reply.page(CommentPage.render(model), status: status)
        }
        let model = try await PostPage.load(
            post: post, reading: try await reading(post, request, context, chrome: chrome), chrome: chrome, store: store, now: now,
            draft: DraftComment(text: typed, error: message, parentID: nil))
        return Reply.page(PostPage.render(model), status: status)
    }

    /// The card of one comment as the viewer sees it: what the page script inserts.
    func cardHTML(for comment: Comment, in post: Post, _ context: AppRequestContext) async throws -> HTML {
        let data = try await ThreadsOnPage.decorate([ThreadNode(comment: comment)], viewer: context.viewer, store: store)
        let ctx = CardContext(
            post: post, members: data.members, liked: data.liked, viewer: context.viewer,
            csrf: context.csrfToken, text: text, now: now, marked: comment.id, subscribers: data.subscribers, muted: data.muted)
        return CommentCardView.render(ThreadNode(comment: comment), ctx)
    }

    func like(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context), let comment = try await comment(in: post, context) else {
            return try await notFound(request, context)
        }
        try await limits.check(.like, context)
        let state = try await actions.toggleLike(commentID: comment.id, by: context.viewer)
        if request.wantsJSON { return try Reply.json(LikeState(liked: state.liked, count: state.count)) }
        return Reply.redirect(to: backTo(request, fallback: Paths.comment(post.slug, comment.id)) + "#comment-\(comment.id)")
    }

    func editForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context), let comment = try await comment(in: post, context), !comment.isDeleted else {
            return try await notFound(request, context)
        }
        guard let viewer = context.viewer, viewer.id == comment.authorID else {
            let refusal = Refusal(FieldError("comment", context.viewer == nil ? .signInRequired : .notAllowed))
            if request.wantsJSON { return try problem(refusal) }
            return try await refusedAction(refusal, post: post, comment: comment, request, context)
        }
        return Reply.page(
            EditCommentPage.render(
                chrome: try await chrome(request, context), post: post, comment: comment,
                draft: DraftComment(text: comment.bodyText, error: nil, parentID: nil)))
    }

    func saveEdit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context), let comment = try await comment(in: post, context) else {
            return try await notFound(request, context)
        }
        try await limits.check(.comment, context)
        let edited = try await actions.editComment(id: comment.id, text: context.form["body"] ?? "", by: context.viewer)
        if request.wantsJSON {
            return try Reply.json(
                EditedComment(id: Int(edited.id.rawValue), html: try await cardHTML(for: edited, in: post, context).rendered))
        }
        return Reply.redirect(to: Paths.commentAnchor(post.slug, comment.id))
    }

    /// A refused edit: the author's box again, with what was typed and why.
    func refusedEdit(_ refusal: Refusal, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context), let comment = try await comment(in: post, context) else {
            return try await notFound(request, context)
        }
        guard context.viewer?.id == comment.authorID, !comment.isDeleted else {
            return try await refusedAction(refusal, post: post, comment: comment, request, context)
        }
        let draft = DraftComment(text: context.form["body"] ?? "", error: text.errorMessage(refusal.reason), parentID: nil)
        return Reply.page(
            EditCommentPage.render(chrome: try await chrome(request, context), post: post, comment: comment, draft: draft),
            status: Reply.status(for: refusal.reason))
    }

    func delete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context), let comment = try await comment(in: post, context) else {
            return try await notFound(request, context)
        }
        let (_, outcome) = try await actions.deleteComment(id: comment.id, by: context.viewer)
        if request.wantsJSON { return try Reply.json(DeletedComment(outcome: outcome == .placeholder ? "placeholder" : "removed")) }
        if outcome == .placeholder { return Reply.redirect(to: Paths.commentAnchor(post.slug, comment.id)) }
        return Reply.redirect(to: comment.parentID.map { Paths.commentAnchor(post.slug, $0) } ?? Paths.post(post.slug) + "#discussion")
    }

    /// A refused like or delete, for the comment in the path.
    func refusedAction(_ refusal: Refusal, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context), let comment = try await comment(in: post, context) else {
            return try await notFound(request, context)
        }
        return try await refusedAction(refusal, post: post, comment: comment, request, context)
    }

    /// A refused like, edit or delete, as a page: the sign-in form when signed out, else the
    /// comment's page with the reason.
    func refusedAction(
        _ refusal: Refusal, post: Post, comment: Comment, _ request: Request, _ context: AppRequestContext
    ) async throws -> Response {
        let status = Reply.status(for: refusal.reason)
        let chrome = try await chrome(request, context)
        if context.viewer == nil {
            let notice = refusal.field == "like" ? text.signInToLike : text.errorMessage(refusal.reason)
            return Reply.page(
                SignInPage.render(chrome: chrome, next: Paths.commentAnchor(post.slug, comment.id), notice: notice), status: status)
        }
        return Reply.page(
            Layout.message(
                title: text.errorTitle, body: text.errorMessage(refusal.reason), chrome: chrome,
                link: (Paths.commentAnchor(post.slug, comment.id), text.backToPost)), status: status)
    }

    /// The page a form was posted from, when it is one of ours; else `fallback`.
    func backTo(_ request: Request, fallback: String) -> String {
        guard let referer = request.headers[.referer], let url = URL(string: referer),
            let authority = request.head.authority, let refererHost = url.host,
            authority == refererHost || authority.hasPrefix(refererHost + ":")
        else { return fallback }
        let path = url.path + (url.query.map { "?" + $0 } ?? "")
        return SafeRedirect.path(path, fallback: fallback)
    }
}
