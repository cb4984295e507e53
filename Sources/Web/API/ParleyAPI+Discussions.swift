import API
import Domain
import Foundation
import Storage

/// Reading a discussion: the same reads as its pages (`DiscussionPage.load` for a page of
/// threads, `CommentPage.load` for a comment in its conversation), so the API shows what the
/// pages show, window for window, to the same viewer.
extension ParleyAPI {
    func listComments(_ input: Operations.ListComments.Input) async throws -> Operations.ListComments.Output {
        let post = try await visiblePost(id: input.path.postId)
        let sort = Self.sort(input.query.sort ?? .top)
        var after: CommentCursor?
        if let raw = input.query.cursor {
            guard let cursor = CommentCursor(token: raw, sort: sort) else { throw badCursor }
            after = cursor
        }
        // The pages' bound on a page of threads: each root brings its window of replies.
        let size = min(input.query.limit ?? Limits.discussionPageSize, Limits.maxDiscussionPageSize)
        let model = try await DiscussionPage.load(
            post: post, sort: sort, after: after, pageSize: size, chrome: readerChrome, store: store, now: now)
        var page = Components.Schemas.CommentPage(
            comments: model.threads.threads.map { comment($0, post: post, reads: model.threads) }, total: post.commentCount)
        page.next = model.nextCursor
        let tag = try APIETag.of(page)
        if APIETag.matches(input.headers.ifNoneMatch, tag) { return .notModified(.init(headers: .init(eTag: tag))) }
        return .ok(.init(headers: .init(eTag: tag), body: .json(page)))
    }

    func getComment(_ input: Operations.GetComment.Input) async throws -> Operations.GetComment.Output {
        let (post, focus) = try await readableComment(input.path.commentId)
        let model = try await CommentPage.load(
            post: post, focus: focus, afterReply: nil, replyOpen: false, chrome: readerChrome, store: store, now: now)
        let (ancestors, node) = try Self.unwrap(model.thread.threads, to: focus.id)
        let shown = Components.Schemas.CommentInContext(
            comment: comment(node, post: post, reads: model.thread),
            ancestors: ancestors.map {
                comment(ThreadNode(comment: $0.comment, hiddenReplyCount: $0.hiddenReplyCount), post: post, reads: model.thread)
            })
        let tag = try APIETag.of(shown)
        if APIETag.matches(input.headers.ifNoneMatch, tag) { return .notModified(.init(headers: .init(eTag: tag))) }
        return .ok(.init(headers: .init(eTag: tag), body: .json(shown)))
    }

    func listReplies(_ input: Operations.ListReplies.Input) async throws -> Operations.ListReplies.Output {
        let (post, focus) = try await readableComment(input.path.commentId)
        var after: CommentID?
        if let raw = input.query.cursor {
            // The cursor is the last reply of the previous page: a direct reply of this comment.
            guard let id = CommentID(parsing: raw), let reply = try await store.comment(id: id), reply.parentID == focus.id else {
                throw badCursor
            }
            after = id
        }
        let model = try await CommentPage.load(
            post: post, focus: focus, afterReply: after, replyOpen: false, chrome: readerChrome, store: store, now: now)
        let node = try Self.unwrap(model.thread.threads, to: focus.id).node
        let limit = input.query.limit ?? 20
        var replies = node.replies
        var more = node.hiddenReplyCount > 0
        if replies.count > limit {
            replies = Array(replies.prefix(limit))
            more = true
        }
        var page = Components.Schemas.CommentPage(
            comments: replies.map { comment($0, post: post, reads: model.thread) }, total: focus.descendantCount)
        page.next = more ? replies.last.map { String($0.comment.id.rawValue) } : nil
        let tag = try APIETag.of(page)
        if APIETag.matches(input.headers.ifNoneMatch, tag) { return .notModified(.init(headers: .init(eTag: tag))) }
        return .ok(.init(headers: .init(eTag: tag), body: .json(page)))
    }

    /// The comment and its post, if the viewer may see them: the rule of the comment's page (a
    /// hidden comment is there for others only as the placeholder that holds up its replies).
    func readableComment(_ id: Int64) async throws -> (Post, Comment) {
        guard let focus = try await store.comment(id: CommentID(id), visibleTo: .of(viewer)),
            let post = try await store.post(id: focus.postID), routes.visible(post, to: viewer) != nil
        else { throw FieldError("comment", .notFound) }
        if focus.status != .visible, focus.descendantCount == 0, !CommentVisibility.of(viewer).showsText(of: focus) {
            throw FieldError("comment", .notFound)
        }
        return (post, focus)
    }

    /// The comment page's thread is the conversation from its root down to the focus, one reply
    /// per level: its ancestors (each with its count of replies not on that path), and the focus.
    static func unwrap(_ threads: [ThreadNode], to focus: CommentID) throws -> (ancestors: [ThreadNode], node: ThreadNode) {
        var ancestors: [ThreadNode] = []
        guard var node = threads.first else { throw FieldError("comment", .notFound) }
        while node.comment.id != focus, let next = node.replies.first {
            ancestors.append(node)
            node = next
        }
        return (ancestors, node)
    }

    static func sort(_ sort: Components.Schemas.CommentSort) -> CommentSort {
        switch sort {
        case .top: .top
        case .new: .new
        case .old: .old
        }
    }
}
