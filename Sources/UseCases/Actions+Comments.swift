import Domain
import Foundation
import Markup
import Storage

extension Actions {
    /// Posts a comment or a reply. The viewer must be signed in and not banned, the post
    /// visible and its discussion open to them, the parent (if any) a live comment of the same
    /// post. The publication's rules (`HoldRules`) may refuse it (a blocked word) or hold it:
    /// a held comment tells no one, and only its author and staff hear of it live.
    public func postComment(postID: PostID, replyTo parentID: CommentID?, text: String, by viewer: Member?) async throws -> Comment {
        guard let viewer else { throw FieldError("body", .signInRequired) }
        let body = try Self.commentText(text)
        guard let post = try await store.post(id: postID), post.isVisible(at: clock()) else { throw FieldError("post", .notFound) }
        let settings = try await requireParticipation(in: post, by: viewer, field: "body")

        var attachTo: CommentID?
        if let parentID {
            // A hidden parent is only there for those who may read it (its author, staff).
            guard let parent = try await store.comment(id: parentID), !parent.isDeleted,
                CommentVisibility.of(viewer).showsText(of: parent)
            else { throw FieldError("parent", .notFound) }
            guard parent.postID == post.id else { throw FieldError("parent", .replyToOtherPost) }
            attachTo = CommentTree.parentForReply(to: parent)
        }
        let hold = try await holdNote(for: body, by: viewer, settings: settings, appliesPolicy: true)
        let created = now
        // One read of the members named serves the links in the text and the notifications.
        let mentioned = try await mentionTargets(in: body)
        let notices = hold == nil ? try await commentNotices(for: body, by: viewer, at: created, mentioned: mentioned) : nil
        do {
            let comment = try await store.insertComment(
                NewComment(
                    postID: post.id, parentID: attachTo, authorID: viewer.id,
                    bodyText: body, bodyHTML: CommentFormatter.render(body, mentions: mentioned), createdAt: created, hold: hold),
                notices: notices)
            await announcePosted(comment)
            return comment
        } catch StoreError.missing {
            // The parent was deleted between our read and the insert.
            throw FieldError("parent", .notFound)
        }
    }

    /// Replaces the text of the viewer's own comment; it is then shown as edited. The edit
    /// meets the rules a new comment meets (ban, discussion setting, blocked and hold words,
    /// links, spam), so it may hold a visible comment; the "first comments" policy is not
    /// applied again to a comment already let through.
    public func editComment(id: CommentID, text: String, by viewer: Member?) async throws -> Comment {
        guard let viewer else { throw FieldError("body", .signInRequired) }
        let body = try Self.commentText(text)
        guard let comment = try await store.comment(id: id), !comment.isDeleted, comment.status != .removed else {
            throw FieldError("comment", .notFound)
        }
        guard comment.authorID == viewer.id else { throw FieldError("comment", .notAllowed) }
        guard let post = try await store.post(id: comment.postID) else { throw FieldError("comment", .notFound) }
        let settings = try await requireParticipation(in: post, by: viewer, field: "body")
        let hold = try await holdNote(for: body, by: viewer, settings: settings, appliesPolicy: false)
        let html = CommentFormatter.render(body, mentions: try await mentionTargets(in: body))
        let edited = now
        var updated = comment
        do {
            if let hold, comment.status == .visible {
                updated = try await store.updateCommentBody(id: id, text: body, html: html, editedAt: edited, hold: hold)
            } else {
                try await store.updateCommentBody(id: id, text: body, html: html, editedAt: edited)
                updated.bodyText = body
                updated.bodyHTML = html
                updated.editedAt = edited
            }
        } catch StoreError.missing {
            // Deleted between our read and the write.
            throw FieldError("comment", .notFound)
        }
        // Held by the edit: others saw it, now only its author and staff do.
        if updated.status == comment.status { await announceEdited(updated) } else { await announceMoved(updated, from: comment.status) }
        return updated
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
        await announceDeleted(comment, placeholder: outcome == .placeholder)
        return (comment, outcome)
    }

    /// Likes a comment, or takes the like back: one like per member.
    public func toggleLike(commentID: CommentID, by viewer: Member?) async throws -> LikeState {
        guard let viewer else { throw FieldError("like", .signInRequired) }
        guard let comment = try await store.comment(id: commentID), !comment.isDeleted, comment.status == .visible else {
            throw FieldError("like", .notFound)
        }
        // Liking is taking part: the same rule as commenting (bans, subscribers, staff, closed).
        guard let post = try await store.post(id: comment.postID) else { throw FieldError("like", .notFound) }
        _ = try await requireParticipation(in: post, by: viewer, field: "like")
        do {
            let state = try await store.toggleLike(commentID: comment.id, memberID: viewer.id, at: now)
            await announceLikes(comment, count: state.count)
            return state
        } catch StoreError.missing {
            throw FieldError("like", .notFound)
        }
    }

    /// The members whose names the @mentions of `text` may stand for (see `Mentions`): one
    /// indexed read, none when the text mentions no one.
    func mentionTargets(in text: String) async throws -> MentionTargets {
        let candidates = Mentions.candidates(in: text)
        guard !candidates.isEmpty else { return .none }
        return MentionTargets(members: try await store.members(nameKeys: Mentions.keys(of: candidates)))
    }

    /// The members `text` @mentions, other than its author.
    func mentionedMembers(in text: String, by author: Member, targets: MentionTargets) -> [MemberID] {
        Mentions.resolve(Mentions.candidates(in: text), among: targets).filter { $0 != author.id }
    }

    /// The one rule for comment text: trimmed, not empty, at most `Limits.commentLength` characters.
    static func commentText(_ raw: String) throws(FieldError) -> String {
        try TextInput.clean(raw, field: "body", max: Limits.commentLength)
    }
}
