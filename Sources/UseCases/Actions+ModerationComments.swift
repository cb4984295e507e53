import Domain
import Foundation
import Mail
import Storage

extension Actions {
    /// Lets a held comment through (or dismisses the reports of a visible one). Only now is a
    /// held comment news: its notifications are written and it is announced to everyone.
    public func approveComment(id: CommentID, by viewer: Member?) async throws -> Comment {
        let staff = try requireStaff(viewer, field: "comment")
        let comment = try await moderatedComment(id: id)
        guard comment.status != .removed else { throw FieldError("comment", .notFound) }
        var notices: CommentNotices?
        let at = now
        let author = try await store.member(id: comment.authorID)
        // A comment held after it was shown (by reports, or by an edit) was already told: only
        // one held from the start tells its readers now.
        let heldAfterShown = try await store.moderation(commentID: id)?.hold?.reason == .reports || comment.editedAt != nil
        if comment.status == .held, !heldAfterShown, let author, !author.isDeleted {
            notices = try await commentNotices(for: comment.bodyText, by: author, at: at)
        }
        let approved = try await orNotFound {
            try await store.approveComment(
                id: id, notices: notices,
                audit: NewAuditEntry(
                    at: at, actorID: staff.id, action: .approve, commentID: id, subjectID: comment.authorID, postID: comment.postID))
        }
        if comment.status == .held {
            await announceMoved(approved, from: .held)
            // A held comment let through is what real discussion looks like here.
            if let author { await spam.teach(comment, author: author, .ham) }
        }
        return approved
    }

    /// Refuses a held comment (or takes down a visible one from the queue): it becomes removed,
    /// restorable, and the spam filter learns it as spam. A non-empty reason is mailed to the author.
    public func rejectComment(id: CommentID, reason: String, by viewer: Member?) async throws -> Comment {
        let (comment, rejected, why) = try await takeDown(id: id, reason: reason, as: .reject, by: viewer)
        // Rejecting is the queue's "this is spam": the filter learns it (a removal does not teach).
        if let author = try await store.member(id: comment.authorID) { await spam.teach(comment, author: author, .spam) }
        if !why.isEmpty { try await mailRejection(of: comment, reason: why) }
        return rejected
    }

    /// Staff take down a comment: it is removed (shown as a placeholder if it has replies),
    /// and can be restored.
    public func removeComment(id: CommentID, reason: String, by viewer: Member?) async throws -> Comment {
        try await takeDown(id: id, reason: reason, as: .remove, by: viewer).after
    }

    /// What rejecting and removing share: staff only, a comment not already removed, the
    /// store's removal with its audit entry (`action`), and the announcement if others saw it.
    /// Returns the comment as it was, as it is now, and the checked reason.
    private func takeDown(
        id: CommentID, reason: String, as action: AuditAction, by viewer: Member?
    ) async throws -> (before: Comment, after: Comment, reason: String) {
        let staff = try requireStaff(viewer, field: "comment")
        let why = try Self.moderationReason(reason)
        let comment = try await moderatedComment(id: id)
        guard comment.status != .removed else { throw FieldError("comment", .notFound) }
        let removed = try await orNotFound {
            try await store.removeComment(
                id: id,
                audit: NewAuditEntry(
                    at: now, actorID: staff.id, action: action, commentID: id, subjectID: comment.authorID, postID: comment.postID,
                    reason: why, before: comment.bodyText))
        }
        await announceMoved(removed, from: comment.status)
        return (comment, removed, why)
    }

    /// Brings a removed comment back for everyone; nobody is notified again.
    public func restoreComment(id: CommentID, by viewer: Member?) async throws -> Comment {
        let staff = try requireStaff(viewer, field: "comment")
        let comment = try await moderatedComment(id: id)
        guard comment.status == .removed else { throw FieldError("comment", .notFound) }
        let restored = try await orNotFound {
            try await store.restoreComment(
                id: id,
                audit: NewAuditEntry(
                    at: now, actorID: staff.id, action: .restore, commentID: id, subjectID: comment.authorID, postID: comment.postID,
                    after: comment.bodyText))
        }
        await announceMoved(restored, from: .removed)
        return restored
    }

    /// Pins a visible root comment of the post to the top of its discussion, or unpins (nil).
    public func setPinned(_ commentID: CommentID?, postID: PostID, by viewer: Member?) async throws {
        let staff = try requireStaff(viewer, field: "comment")
        guard let post = try await store.post(id: postID) else { throw FieldError("post", .notFound) }
        if let commentID {
            let comment = try await moderatedComment(id: commentID)
            guard comment.postID == post.id, comment.parentID == nil, comment.status == .visible else {
                throw FieldError("comment", .notAllowed)
            }
        }
        let unpinning = commentID == nil
        try await orNotFound {
            try await store.setPinnedComment(
                commentID, postID: post.id,
                audit: NewAuditEntry(
                    at: now, actorID: staff.id, action: unpinning ? .unpin : .pin, commentID: commentID ?? post.pinnedCommentID,
                    postID: post.id))
        }
        if let changed = commentID ?? post.pinnedCommentID, let comment = try? await store.comment(id: changed) {
            await announceEdited(comment)
        }
    }

    /// Features a comment ("Highlighted") or takes the feature back.
    public func setFeatured(_ featured: Bool, commentID: CommentID, by viewer: Member?) async throws {
        let staff = try requireStaff(viewer, field: "comment")
        let comment = try await moderatedComment(id: commentID)
        guard comment.status == .visible || !featured else { throw FieldError("comment", .notAllowed) }
        try await orNotFound {
            try await store.setFeatured(
                featured, commentID: commentID,
                audit: NewAuditEntry(
                    at: now, actorID: staff.id, action: featured ? .feature : .unfeature, commentID: commentID,
                    subjectID: comment.authorID, postID: comment.postID))
        }
        await announceEdited(comment)
    }

    /// A comment moderation may act on: known and not deleted by its author.
    func moderatedComment(id: CommentID) async throws -> Comment {
        guard let comment = try await store.comment(id: id), !comment.isDeleted else { throw FieldError("comment", .notFound) }
        return comment
    }

    /// Runs a store write whose target may vanish meanwhile: `StoreError.missing` is the
    /// reader's "That no longer exists".
    @discardableResult
    func orNotFound<T>(_ write: () async throws -> T) async throws -> T {
        do { return try await write() } catch StoreError.missing { throw FieldError("comment", .notFound) }
    }

    /// Tells the author why their comment was not published.
    func mailRejection(of comment: Comment, reason: String) async throws {
        guard let author = try await store.member(id: comment.authorID), !author.isDeleted,
            let post = try await store.post(id: comment.postID), let to = try? recipient(author.email, name: author.displayName)
        else { return }
        let message = try await letters().commentRejected(
            to: to, postTitle: post.title, comment: comment.bodyText, reason: reason, postLink: try mail.url("/p/\(post.slug)"))
        _ = try await store.enqueue([try message.outboxJob()], now: now)
        mail.mailQueued()
    }
}
