import Domain
import Foundation
import Markup
import Storage

extension Actions {
    /// Throws the reason `viewer` may not take part in `post`'s discussion (ban, setting,
    /// closing age; see `DiscussionAccess`), on `field`; returns the publication's rules.
    @discardableResult
    func requireParticipation(in post: Post, by viewer: Member, field: String) async throws -> ModerationSettings {
        let settings = try await store.moderationSettings()
        let access = DiscussionAccess(post: post, defaultAutoCloseDays: settings.autoCloseDays)
        let ban = try await activeBan(of: viewer)
        let subscribes = post.discussion == .subscribers && !viewer.role.isStaff ? try await isSubscriber(viewer) : false
        if let reason = access.refusal(for: viewer, ban: ban, isSubscriber: subscribes, at: clock()) {
            throw FieldError(field, reason)
        }
        return settings
    }

    /// The member's ban, if it holds now.
    func activeBan(of member: Member) async throws -> Ban? {
        guard let ban = try await store.ban(memberID: member.id), ban.isActive(at: clock()) else { return nil }
        return ban
    }

    /// Whether the member's email has an active newsletter subscription.
    func isSubscriber(_ member: Member) async throws -> Bool {
        try await store.subscriber(email: member.email)?.status == .active
    }

    /// What the publication's rules make of `body` by `author`: nil to publish, a note to
    /// hold; a blocked word is thrown as a `FieldError` on "body" (the form keeps the text).
    /// `appliesPolicy` is false for an edit: the "first comments" policy counts new comments.
    func holdNote(for body: String, by author: Member, settings: ModerationSettings, appliesPolicy: Bool) async throws -> HoldNote? {
        var rules = settings
        // An edit is checked like a new comment, except that "the first N comments" counts
        // new comments: an edit of one already let through does not count again.
        if !appliesPolicy, case .firstComments = rules.holdPolicy { rules.holdPolicy = .nothing }
        let needsCount: Bool
        var policyCount = 0
        if case .firstComments(let count) = rules.holdPolicy, !author.role.isStaff { policyCount = count }
        needsCount = policyCount > 0
        // Only whether the author reached N matters: the count stops there.
        let visible = needsCount ? try await store.visibleCommentCount(authorID: author.id, upTo: policyCount) : 0
        let assessment = author.role.isStaff ? nil : await spam.assessment(of: body, by: author)
        // The links a reader will see are the ones the formatter makes: count those too, so no
        // spelling the formatter links and the plain count misses gets past the limit.
        let renderedLinks = CommentFormatter.render(body).components(separatedBy: "<a href=").count - 1
        switch HoldRules.verdict(
            text: body, settings: rules, author: author, visibleCommentCount: visible, spam: assessment, renderedLinks: renderedLinks)
        {
        case .publish: return nil
        case .hold(let note): return note
        case .refuse(let word): throw FieldError("body", .blockedWord(word))
        }
    }

    /// The notifications a visible comment writes (replies, mentions, follows), or nil when
    /// the site sends none. Computed when a comment is posted visible, and when a held one is
    /// approved: only then is it news to anyone. `mentioned` is read when not given.
    func commentNotices(
        for body: String, by author: Member, at time: Date, mentioned: MentionTargets? = nil
    ) async throws -> CommentNotices? {
        guard mail.notifiesOnComments else { return nil }
        let targets: MentionTargets
        if let mentioned { targets = mentioned } else { targets = try await mentionTargets(in: body) }
        return CommentNotices(
            mentioned: mentionedMembers(in: body, by: author, targets: targets),
            replyDueAt: time.addingTimeInterval(mail.replyGroupingWindow),
            followDueAt: time.addingTimeInterval(mail.followDigestInterval))
    }
}
