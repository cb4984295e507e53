import API
import Domain
import Foundation
import Storage

/// Staff actions: the moderation queue and its decisions, pins and highlights, bans, roles.
/// Who may do what is the use cases' rule (`requireStaff`, `requireAdmin`), as on the pages.
extension ParleyAPI {
    func listModerationQueue(_ input: Operations.ListModerationQueue.Input) async throws -> Operations.ListModerationQueue.Output {
        guard let viewer else { throw FieldError("member", .signInRequired) }
        guard viewer.role.isStaff else { throw FieldError("member", .notAllowed) }
        let tab: ModerationTab =
            switch input.query.tab ?? .held {
            case .held: .held
            case .reported: .reported
            case .approved: .approved
            case .removed: .removed
            }
        let after = try queueCursor(input.query.cursor)
        let limit = input.query.limit ?? 20
        // One more than shown tells whether there is a next page.
        var items = try await store.moderationQueue(tab, after: after, limit: limit + 1)
        let more = items.count > limit
        if more { items.removeLast() }
        let counts = try await store.moderationCounts()
        var posts: [PostID: Post] = [:]
        for item in items where posts[item.comment.postID] == nil {
            posts[item.comment.postID] = try await store.post(id: item.comment.postID)
        }
        let reads = try await ThreadsOnPage.decorate(items.map { ThreadNode(comment: $0.comment) }, viewer: viewer, store: store)
        var page = Components.Schemas.QueuePage(
            items: items.compactMap { item in
                guard let post = posts[item.comment.postID] else { return nil }
                var shown = Components.Schemas.QueueItem(
                    comment: comment(ThreadNode(comment: item.comment), post: post, reads: reads), postTitle: post.title,
                    reasons: (item.hold.map { [$0.reason.rawValue] } ?? []) + item.reports.map(\.reason.rawValue),
                    reportCount: item.reports.count(where: { $0.resolvedAt == nil }))
                shown.spamScore = item.hold?.spamScore
                return shown
            },
            counts: .init(held: counts[.held] ?? 0, reported: counts[.reported] ?? 0))
        page.next = more ? items.last.map(Self.queueToken) : nil
        return .ok(.init(body: .json(page)))
    }

    func moderateComment(_ input: Operations.ModerateComment.Input) async throws -> Operations.ModerateComment.Output {
        guard case .json(let body) = input.body else { throw FieldError("action", .required) }
        let id = CommentID(input.path.commentId)
        let reason = body.reason ?? ""
        switch body.action {
        case .approve: _ = try await actions.approveComment(id: id, by: viewer)
        case .reject: _ = try await actions.rejectComment(id: id, reason: reason, by: viewer)
        case .remove: _ = try await actions.removeComment(id: id, reason: reason, by: viewer)
        case .restore: _ = try await actions.restoreComment(id: id, by: viewer)
        case .pin, .unpin:
            let comment = try await staffComment(id)
            // Unpinning a comment that is not the pinned one leaves the pin where it is.
            if body.action == .pin {
                try await actions.setPinned(id, postID: comment.postID, by: viewer)
            } else if try await store.post(id: comment.postID)?.pinnedCommentID == id {
                try await actions.setPinned(nil, postID: comment.postID, by: viewer)
            }
        case .highlight: try await actions.setFeatured(true, commentID: id, by: viewer)
        case .unhighlight: try await actions.setFeatured(false, commentID: id, by: viewer)
        }
        let after = try await staffComment(id)
        guard let post = try await store.post(id: after.postID) else { throw FieldError("comment", .notFound) }
        return .ok(.init(body: .json(try await comment(after, post: post))))
    }

    func banMember(_ input: Operations.BanMember.Input) async throws -> Operations.BanMember.Output {
        guard case .json(let body) = input.body else { throw FieldError("reason", .required) }
        let until = body.days.map { now.addingTimeInterval(Double($0) * 86_400) }
        let removed = try await actions.banMember(
            id: MemberID(input.path.memberId), reason: body.reason, until: until, removeComments: body.removeComments ?? false,
            by: viewer)
        var outcome = Components.Schemas.BanOutcome(removedComments: removed)
        outcome.until = until
        return .ok(.init(body: .json(outcome)))
    }

    func unbanMember(_ input: Operations.UnbanMember.Input) async throws -> Operations.UnbanMember.Output {
        try await actions.unbanMember(id: MemberID(input.path.memberId), by: viewer)
        return .noContent(.init())
    }

    func setMemberRole(_ input: Operations.SetMemberRole.Input) async throws -> Operations.SetMemberRole.Output {
        guard case .json(let body) = input.body else { throw FieldError("role", .required) }
        let role: Role =
            switch body.role {
            case .owner: .owner
            case .admin: .admin
            case .moderator: .moderator
            case .member: .member
            }
        let id = MemberID(input.path.memberId)
        try await actions.setRole(role, memberID: id, by: viewer)
        guard let member = try await store.member(id: id) else { throw FieldError("member", .notFound) }
        return .ok(.init(body: .json(author(member, id: id, post: nil, subscribers: []))))
    }

    /// A comment as staff see it (any status); staff only, the use cases' refusal otherwise.
    private func staffComment(_ id: CommentID) async throws -> Comment {
        guard let viewer else { throw FieldError("comment", .signInRequired) }
        guard viewer.role.isStaff else { throw FieldError("comment", .notAllowed) }
        guard let comment = try await store.comment(id: id) else { throw FieldError("comment", .notFound) }
        return comment
    }

    /// A queue cursor: the last comment's id, and for the approved and removed tabs the
    /// decision time (milliseconds) the page showed for it, as "ID" or "ID.MS".
    static func queueToken(_ last: QueuedComment) -> String {
        let cursor = ModerationQueueCursor(after: last)
        guard let at = cursor.decidedAt else { return String(cursor.commentID.rawValue) }
        return "\(cursor.commentID.rawValue).\(Int64((at.timeIntervalSince1970 * 1000).rounded()))"
    }

    func queueCursor(_ token: String?) throws -> ModerationQueueCursor? {
        guard let token else { return nil }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let id = CommentID(parsing: parts[0]) else { throw badCursor }
        var decidedAt: Date?
        if parts.count == 2 {
            guard let ms = Int64(parts[1]), ms >= 0, ms < 100_000_000_000_000 else { throw badCursor }
            decidedAt = Date(timeIntervalSince1970: Double(ms) / 1000)
        }
        return ModerationQueueCursor(commentID: id, decidedAt: decidedAt)
    }
}
