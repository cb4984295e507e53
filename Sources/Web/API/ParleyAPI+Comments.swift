import API
import Domain
import Foundation

/// Taking part in a discussion: comment, reply, edit, delete, like, report. Each is the use
/// case the pages' forms call, with the same rate limit.
extension ParleyAPI {
    func createComment(_ input: Operations.CreateComment.Input) async throws -> Operations.CreateComment.Output {
        guard case .json(let body) = input.body else { throw FieldError("body", .required) }
        try await limit(.comment)
        let post = try await visiblePost(id: input.path.postId)
        let created = try await actions.postComment(
            postID: post.id, replyTo: body.parentId.map { CommentID($0) }, text: body.body, by: viewer)
        return .created(
            .init(headers: .init(location: "/api/v1/comments/\(created.id)"), body: .json(try await comment(created, post: post))))
    }

    func editComment(_ input: Operations.EditComment.Input) async throws -> Operations.EditComment.Output {
        guard case .json(let body) = input.body else { throw FieldError("body", .required) }
        try await limit(.comment)
        let (post, _) = try await readableComment(input.path.commentId)
        let edited = try await actions.editComment(id: CommentID(input.path.commentId), text: body.body, by: viewer)
        return .ok(.init(body: .json(try await comment(edited, post: post))))
    }

    func deleteComment(_ input: Operations.DeleteComment.Input) async throws -> Operations.DeleteComment.Output {
        _ = try await readableComment(input.path.commentId)
        let (_, outcome) = try await actions.deleteComment(id: CommentID(input.path.commentId), by: viewer)
        return .ok(.init(body: .json(.init(outcome: outcome == .placeholder ? .placeholder : .removed))))
    }

    func likeComment(_ input: Operations.LikeComment.Input) async throws -> Operations.LikeComment.Output {
        .ok(.init(body: .json(try await setLike(true, input.path.commentId))))
    }

    func unlikeComment(_ input: Operations.UnlikeComment.Input) async throws -> Operations.UnlikeComment.Output {
        .ok(.init(body: .json(try await setLike(false, input.path.commentId))))
    }

    private func setLike(_ liked: Bool, _ id: Int64) async throws -> Components.Schemas.LikeState {
        _ = try await readableComment(id)
        try await limit(.like)
        let state = try await actions.setLike(liked, commentID: CommentID(id), by: viewer)
        return .init(liked: state.liked, count: state.count)
    }

    func reportComment(_ input: Operations.ReportComment.Input) async throws -> Operations.ReportComment.Output {
        guard case .json(let body) = input.body else { throw FieldError("reason", .required) }
        _ = try await readableComment(input.path.commentId)
        try await limit(.report)
        let reason: ReportReason =
            switch body.reason {
            case .spam: .spam
            case .abuse: .abuse
            case .offTopic: .offTopic
            case .other: .other
            }
        let outcome = try await actions.reportComment(
            id: CommentID(input.path.commentId), reason: reason, text: body.text ?? "", by: viewer)
        return .created(.init(body: .json(.init(received: true, alreadyReported: outcome == .alreadyReported))))
    }
}
