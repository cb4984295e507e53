import Domain
import Foundation
import Hummingbird

extension SiteRoutes {
    /// POST a comment or reply. Without JavaScript: redirect to the new comment, or show the
    /// page again with the text and the reason. With `Accept: application/json`: the new
    /// card's HTML, or problem+json.
    func createComment(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context) else { return try await notFound(request, context) }
        var typed = ""
        var parentID: CommentID?
        do {
            let form = try await readForm(request, context)
            typed = form["body"] ?? ""
            if let rawParent = form["parent_id"], !rawParent.isEmpty {
                guard let id = CommentID(parsing: rawParent) else { throw FieldError("parent", .notFound) }
                parentID = id
            }
            let comment = try await actions.postComment(postID: post.id, replyTo: parentID, text: typed, by: context.viewer)
            if request.wantsJSON {
                let card = try await cardHTML(for: comment, in: post, context)
                return Reply.json(["id": Int(comment.id.rawValue), "parentId": comment.parentID.map { Int($0.rawValue) as Any } ?? NSNull(),
                                   "url": Paths.commentAnchor(post.slug, comment.id), "html": card.rendered], status: .created)
            }
            return Reply.redirect(to: Paths.commentAnchor(post.slug, comment.id))
        } catch let refused as RefusedForm {
            typed = refused.form["body"] ?? ""
            parentID = refused.form["parent_id"].flatMap { CommentID(parsing: $0) }
            return try await refusedComment(refused.error, typed: typed, parentID: parentID, post: post, request, context)
        } catch let error as FieldError {
            return try await refusedComment(error, typed: typed, parentID: parentID, post: post, request, context)
        }
    }

    /// Shows the form that was refused again, with what was typed and why.
    func refusedComment(_ error: FieldError, typed: String, parentID: CommentID?, post: Post,
                        _ request: Request, _ context: AppRequestContext) async throws -> Response {
        if request.wantsJSON { return problem(error) }
        let status = Reply.status(for: error.reason)
        let chrome = try await chrome(request, context)
        if context.viewer == nil {
            let target = parentID.map { Paths.replyForm(post.slug, $0) } ?? Paths.post(post.slug) + "#discussion"
            return Reply.page(SignInPage.render(chrome: chrome, next: target, notice: text.errorMessage(error.reason)), status: status)
        }
        let message = text.errorMessage(error.reason)
        if let parentID, let parent = try await store.comment(id: parentID), parent.postID == post.id {
            let draft = DraftComment(text: typed, error: message, parentID: parent.id)
            let model = try await CommentPage.load(post: post, focus: parent, afterReply: nil, replyOpen: true, chrome: chrome,
                                                   store: store, now: now, draft: draft)
            return Reply.page(CommentPage.render(model), status: status)
        }
        let model = try await PostPage.load(post: post, chrome: chrome, store: store, now: now,
                                            draft: DraftComment(text: typed, error: message, parentID: nil))
        return Reply.page(PostPage.render(model), status: status)
    }

    /// The card of one comment as the viewer sees it: what the page script inserts.
    func cardHTML(for comment: Comment, in post: Post, _ context: AppRequestContext) async throws -> HTML {
        let data = try await ThreadsOnPage.decorate([ThreadNode(comment: comment)], viewer: context.viewer, store: store)
        let ctx = CardContext(post: post, members: data.members, liked: data.liked, viewer: context.viewer,
                              csrf: context.csrfToken, text: text, now: now, marked: comment.id)
        return CommentCardView.render(ThreadNode(comment: comment), ctx)
    }

    func like(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context), let comment = try await comment(in: post, context) else {
            return try await notFound(request, context)
        }
        do {
            _ = try await readForm(request, context)
            let state = try await actions.toggleLike(commentID: comment.id, by: context.viewer)
            if request.wantsJSON { return Reply.json(["liked": state.liked, "count": state.count]) }
            return Reply.redirect(to: backTo(request, fallback: Paths.comment(post.slug, comment.id)) + "#comment-\(comment.id)")
        } catch let refused as RefusedForm {
            return try await refusedAction(refused.error, post: post, comment: comment, request, context)
        } catch let error as FieldError {
            return try await refusedAction(error, post: post, comment: comment, request, context)
        }
    }

    func editForm(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context), let comment = try await comment(in: post, context), !comment.isDeleted else {
            return try await notFound(request, context)
        }
        guard let viewer = context.viewer, viewer.id == comment.authorID else {
            return try await refusedAction(FieldError("comment", context.viewer == nil ? .signInRequired : .notAllowed),
                                           post: post, comment: comment, request, context)
        }
        return Reply.page(EditCommentPage.render(chrome: try await chrome(request, context), post: post, comment: comment,
                                                 draft: DraftComment(text: comment.bodyText, error: nil, parentID: nil)))
    }

    func saveEdit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context), let comment = try await comment(in: post, context) else {
            return try await notFound(request, context)
        }
        var typed = ""
        do {
            let form = try await readForm(request, context)
            typed = form["body"] ?? ""
            let edited = try await actions.editComment(id: comment.id, text: typed, by: context.viewer)
            if request.wantsJSON {
                return Reply.json(["id": Int(edited.id.rawValue), "html": try await cardHTML(for: edited, in: post, context).rendered])
            }
            return Reply.redirect(to: Paths.commentAnchor(post.slug, comment.id))
        } catch let refused as RefusedForm {
            return try await refusedEdit(refused.error, typed: refused.form["body"] ?? "", post: post, comment: comment, request, context)
        } catch let error as FieldError {
            return try await refusedEdit(error, typed: typed, post: post, comment: comment, request, context)
        }
    }

    func refusedEdit(_ error: FieldError, typed: String, post: Post, comment: Comment,
                     _ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard !request.wantsJSON, context.viewer?.id == comment.authorID, !comment.isDeleted else {
            return try await refusedAction(error, post: post, comment: comment, request, context)
        }
        let draft = DraftComment(text: typed, error: text.errorMessage(error.reason), parentID: nil)
        return Reply.page(EditCommentPage.render(chrome: try await chrome(request, context), post: post, comment: comment, draft: draft),
                          status: Reply.status(for: error.reason))
    }

    func delete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await visiblePost(context), let comment = try await comment(in: post, context) else {
            return try await notFound(request, context)
        }
        do {
            _ = try await readForm(request, context)
            let (_, outcome) = try await actions.deleteComment(id: comment.id, by: context.viewer)
            if request.wantsJSON { return Reply.json(["outcome": outcome == .placeholder ? "placeholder" : "removed"]) }
            if outcome == .placeholder { return Reply.redirect(to: Paths.commentAnchor(post.slug, comment.id)) }
            return Reply.redirect(to: comment.parentID.map { Paths.commentAnchor(post.slug, $0) } ?? Paths.post(post.slug) + "#discussion")
        } catch let refused as RefusedForm {
            return try await refusedAction(refused.error, post: post, comment: comment, request, context)
        } catch let error as FieldError {
            return try await refusedAction(error, post: post, comment: comment, request, context)
        }
    }

    /// A refused like, edit or delete: problem+json for scripts; for a page, the sign-in form
    /// when signed out, else the comment's page with the reason.
    func refusedAction(_ error: FieldError, post: Post, comment: Comment, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        if request.wantsJSON { return problem(error) }
        let status = Reply.status(for: error.reason)
        let chrome = try await chrome(request, context)
        if context.viewer == nil {
            let notice = error.field == "like" ? text.signInToLike : text.errorMessage(error.reason)
            return Reply.page(SignInPage.render(chrome: chrome, next: Paths.commentAnchor(post.slug, comment.id), notice: notice), status: status)
        }
        return Reply.page(Layout.message(title: text.errorTitle, body: text.errorMessage(error.reason), chrome: chrome,
                                         link: (Paths.commentAnchor(post.slug, comment.id), text.backToPost)), status: status)
    }

    /// The page a form was posted from, when it is one of ours; else `fallback`.
    func backTo(_ request: Request, fallback: String) -> String {
        guard let referer = request.headers[.referer], let url = URL(string: referer),
              let authority = request.head.authority, let refererHost = url.host, authority == refererHost || authority.hasPrefix(refererHost + ":")
        else { return fallback }
        let path = url.path + (url.query.map { "?" + $0 } ?? "")
        return SafeRedirect.path(path, fallback: fallback)
    }
}
