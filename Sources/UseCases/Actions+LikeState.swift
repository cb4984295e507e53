import Domain
import Foundation
import Storage

extension Actions {
    /// Likes (`liked` true) or unlikes a comment, whatever the viewer did before: the JSON API's
    /// PUT and DELETE, which a client may repeat. The rules and the write are `toggleLike`'s; it
    /// is called only when the like is not already as asked, and once more should a concurrent
    /// request have toggled it between the read and the write, so the like ends as asked.
    public func setLike(_ liked: Bool, commentID: CommentID, by viewer: Member?) async throws -> LikeState {
        guard let viewer else { throw FieldError("like", .signInRequired) }
        for _ in 0..<2 {
            let likes = try await store.likedCommentIDs(memberID: viewer.id, among: [commentID]).contains(commentID)
            if likes == liked {
                // Already as asked: still only for a comment the viewer may like (a hidden or
                // deleted one is not found), with the stored count.
                guard let comment = try await store.comment(id: commentID), !comment.isDeleted, comment.status == .visible else {
                    throw FieldError("like", .notFound)
                }
                return LikeState(liked: liked, count: comment.likeCount)
            }
            let state = try await toggleLike(commentID: commentID, by: viewer)
            if state.liked == liked { return state }
        }
        throw FieldError("like", .notFound)
    }
}
