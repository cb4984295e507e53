import Foundation

/// Who may take part in a post's discussion (comment, reply, edit, like, report), and why not.
///
/// Pure, like `HoldRules`: the caller reads the member's ban, whether they subscribe, and the
/// publication's default closing age; this decides. A ban is told first (it holds everywhere),
/// then the post's setting, then its age.
public struct DiscussionAccess: Hashable, Sendable {
    public var post: Post
    /// The publication's `ModerationSettings.autoCloseDays`, used when the post sets none.
    public var defaultAutoCloseDays: Int?

    public init(post: Post, defaultAutoCloseDays: Int?) {
        self.post = post
        self.defaultAutoCloseDays = defaultAutoCloseDays
    }

    /// The days after publication when the discussion closes, if it does.
    public var autoCloseDays: Int? { post.autoCloseDays ?? defaultAutoCloseDays }

    /// When the discussion closes by age; nil when it never does (or the post is unpublished).
    public var closesAt: Date? {
        guard let days = autoCloseDays, let published = post.publishedAt else { return nil }
        return published.addingTimeInterval(TimeInterval(days) * 86_400)
    }

    /// Closed for everyone at `now`: set closed, or past its closing age.
    public func isClosed(at now: Date) -> Bool {
        if post.discussion == .closed { return true }
        if let closesAt { return now >= closesAt }
        return false
    }

    /// Why `member` may not take part at `now`, or nil when they may. Staff are held back
    /// only by a ban; a closed discussion stays read-only for staff too.
    public func refusal(for member: Member?, ban: Ban?, isSubscriber: Bool, at now: Date) -> FieldError.Reason? {
        guard let member else { return .signInRequired }
        if let ban, ban.isActive(at: now) { return .banned(until: ban.until) }
        if isClosed(at: now) { return .discussionClosed }
        if member.role.isStaff { return nil }
        switch post.discussion {
        case .open, .closed: return nil
        case .subscribers: return isSubscriber ? nil : .subscribersOnly
        case .staff: return .staffOnly
        }
    }
}

extension CommentVisibility {
    /// Whether these eyes may read `comment`'s text: everyone a visible one, its author a held
    /// one, staff any. Anyone else meets a hidden comment only as a placeholder among its
    /// visible replies.
    public func showsText(of comment: Comment) -> Bool {
        switch (comment.status, self) {
        case (.visible, _), (_, .staff): true
        case (.held, .author(let member)): member == comment.authorID
        case (.held, .everyone), (.removed, _): false
        }
    }
}
