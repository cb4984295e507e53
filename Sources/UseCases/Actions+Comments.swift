import Domain
import Foundation
import Markup
import Storage

extension Actions {
    /// Posts a comment or a reply. The viewer must be signed in, the post visible and its
    /// discussion open, the parent (if any) a live comment of the same post.
    public func postComment(postID: PostID, replyTo parentID: CommentID?, text: String, by viewer: Member?) async throws -> Comment {
        guard let viewer else { throw FieldError("body", .signInRequired) }
        let body = try Self.commentText(text)
        guard let post = try await store.post(id: postID), post.isVisible(at: clock()) else { throw FieldError("post", .notFound) }
        guard post.acceptsComments(from: viewer) else { throw FieldError("body", .discussionClosed) }

        var attachTo: CommentID?
        if let parentID {
            guard let parent = try await store.comment(id: parentID), !parent.isDeleted else { throw FieldError("parent", .notFound) }
            guard parent.postID == post.id else { throw FieldError("parent", .replyToOtherPost) }
            attachTo = CommentTree.parentForReply(to: parent)
        }
        let created = now
        let notices =
            mail.notifiesOnComments
            ? CommentNotices(
                mentioned: try await mentionedMembers(in: body, by: viewer),
                replyDueAt: created.addingTimeInterval(mail.replyGroupingWindow),
                followDueAt: created.addingTimeInterval(mail.followDigestInterval))
            : nil
        do {
            let comment = try await store.insertComment(
                NewComment(
                    postID: post.id, parentID: attachTo, authorID: viewer.id,
                    bodyText: body, bodyHTML: CommentFormatter.render(body), createdAt: created),
                notices: notices)
            await announce(.commentPosted(post: post.id, comment: comment.id))
            return comment
        } catch StoreError.missing {
            // The parent was deleted between our read and the insert.
            throw FieldError("parent", .notFound)
        }
    }

    /// Replaces the text of the viewer's own comment; it is then shown as edited.
    public func editComment(id: CommentID, text: String, by viewer: Member?) async throws -> Comment {
        guard let viewer else { throw FieldError("body", .signInRequired) }
        let body = try Self.commentText(text)
        guard var comment = try await store.comment(id: id), !comment.isDeleted else { throw FieldError("comment", .notFound) }
        guard comment.authorID == viewer.id else { throw FieldError("comment", .notAllowed) }
        let html = CommentFormatter.render(body)
        let edited = now
        do {
            try await store.updateCommentBody(id: id, text: body, html: html, editedAt: edited)
        } catch StoreError.missing {
            // Deleted between our read and the write.
            throw FieldError("comment", .notFound)
        }
        comment.bodyText = body
        comment.bodyHTML = html
        comment.editedAt = edited
        await announce(.commentEdited(post: comment.postID, comment: comment.id))
        return comment
    }

    /// Deletes a comment: its author may, and so may staff.
    public func deleteComment(id: CommentID, by viewer: Member?) async throws -> (comment: Comment, outcome: CommentDeletion) {
        guard let viewer else { throw FieldError("comment", .signInRequired) }
        guard let comment = try await store.comment(id: id), !comment.isDeleted else { throw FieldError("comment", .notFound) }
        guard comment.authorID == viewer.id || viewer.role.isStaff else { throw FieldError("comment", .notAllowed) }
        let outcome: CommentDeletion
        do {
            outcome = try await store.deleteComment(id: id, at: now)
        } catch StoreError.missing {
            throw FieldError("comment", .notFound)
        }
        await announce(.commentDeleted(post: comment.postID, comment: comment.id))
        return (comment, outcome)
    }

    /// Likes a comment, or takes the like back: one like per member.
    public func toggleLike(commentID: CommentID, by viewer: Member?) async throws -> LikeState {
        guard let viewer else { throw FieldError("like", .signInRequired) }
        guard let comment = try await store.comment(id: commentID), !comment.isDeleted else { throw FieldError("like", .notFound) }
        do {
            let state = try await store.toggleLike(commentID: comment.id, memberID: viewer.id, at: now)
            await announce(.likeChanged(post: comment.postID, comment: comment.id, count: state.count))
            return state
        } catch StoreError.missing {
            throw FieldError("like", .notFound)
        }
    }

    /// The members `text` @mentions (see `Mentions`), other than its author.
    func mentionedMembers(in text: String, by author: Member) async throws -> [MemberID] {
        let candidates = Mentions.candidates(in: text)
        guard !candidates.isEmpty else { return [] }
        let members = try await store.members(nameKeys: Set(candidates.joined()))
        return Mentions.resolve(candidates, among: members).filter { $0 != author.id }
    }

    /// The one rule for comment text: trimmed, not empty, at most `Limits.commentLength` characters.
    static func commentText(_ raw: String) throws(FieldError) -> String {
        try TextInput.clean(raw, field: "body", max: Limits.commentLength)
    }
}
