import Domain
import Foundation

extension CommentCardView {
    /// The badges beside the author's name: "Author" (the post's) or "Staff", "Subscriber",
    /// and the card's own standing: "Pinned", "Highlighted", "Awaiting approval", "Removed".
    static func badges(_ comment: Comment, author: Member?, _ ctx: CardContext) -> HTML {
        let rules = ctx.text.rules
        var badges: [HTML] = []
        if comment.authorID == ctx.post.authorID {
            badges.append("<span class=\"badge\">\(ctx.text.authorBadge)</span>")
        } else if author?.role.isStaff ?? false {
            badges.append("<span class=\"badge staff\">\(ctx.text.staffBadge)</span>")
        }
        if ctx.subscribers.contains(comment.authorID) {
            badges.append("<span class=\"badge subscriber\">\(rules.subscriberBadge)</span>")
        }
        if ctx.post.pinnedCommentID == comment.id, comment.status == .visible {
            badges.append("<span class=\"badge pinned\">\(rules.pinnedBadge)</span>")
        }
        if comment.featuredAt != nil, comment.status == .visible {
            badges.append("<span class=\"badge highlighted\">\(rules.highlightedBadge)</span>")
        }
        switch comment.status {
        case .visible: break
        case .held: badges.append("<span class=\"badge held\">\(rules.awaitingApproval)</span>")
        case .removed: badges.append("<span class=\"badge removed\">\(rules.removedMarker)</span>")
        }
        return "\(badges)"
    }
}

/// What a card's menu offers beyond edit and delete: Report for other members' comments, and
/// the staff's Pin, Highlight, Remove and Restore. Each is a form (CSRF token, works without
/// JavaScript) or, for Report, a link to its form.
enum CardModeration {
    static func menuItems(_ comment: Comment, _ ctx: CardContext) -> [HTML] {
        guard let viewer = ctx.viewer else { return [] }
        let rules = ctx.text.rules
        let slug = ctx.post.slug
        var items: [HTML] = []
        if viewer.id != comment.authorID, comment.status == .visible {
            items.append("<a class=\"menu-item report-link\" href=\"\(Paths.report(slug, comment.id))\">\(rules.report)</a>")
        }
        guard viewer.role.isStaff else { return items }
        if comment.status == .visible, comment.parentID == nil {
            let pinned = ctx.post.pinnedCommentID == comment.id
            items.append(
                form(Paths.pin(slug, comment.id), field: ("pin", pinned ? "0" : "1"), label: pinned ? rules.unpin : rules.pin, ctx))
        }
        if comment.status == .visible {
            let featured = comment.featuredAt != nil
            items.append(
                form(
                    Paths.feature(slug, comment.id), field: ("feature", featured ? "0" : "1"),
                    label: featured ? rules.unfeature : rules.feature, ctx))
        }
        if comment.status == .removed {
            items.append(form(Paths.restore(slug, comment.id), field: nil, label: rules.restore, ctx))
        } else {
            items.append(form(Paths.remove(slug, comment.id), field: nil, label: rules.remove, confirm: rules.removeConfirm, ctx))
        }
        return items
    }

    private static func form(
        _ action: String, field: (name: String, value: String)?, label: String, confirm: String? = nil, _ ctx: CardContext
    ) -> HTML {
        let hidden: HTML = field.map { "<input type=\"hidden\" name=\"\($0.name)\" value=\"\($0.value)\">" } ?? ""
        let confirmAttribute: HTML = confirm.map { " data-confirm=\"\($0)\"" } ?? ""
        return """
            <form method="post" action="\(action)" class="moderation-form"\(confirmAttribute)>\(csrfField(ctx.csrf))\(hidden)\
            <button type="submit" class="menu-item">\(label)</button></form>
            """
    }
}

/// The link staff follow to a post's discussion settings, beside the composer.
enum DiscussionSettingsLink {
    static func render(post: Post, ctx: CardContext) -> HTML {
        guard ctx.isStaff else { return "" }
        return
            "<p class=\"discussion-settings-link\"><a href=\"\(Paths.discussionSettings(post.slug))\">\(ctx.text.rules.discussionSettings)</a></p>"
    }
}
